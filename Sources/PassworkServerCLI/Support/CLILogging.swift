import Logging

/// Logs go to standard error, so standard output carries only JSON answers.
enum CLILogging {
    private static let bootstrapped: Bool = {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        return true
    }()

    /// A logger at `level`, after routing logs to standard error once.
    static func logger(level: Logger.Level = .warning) -> Logger {
        _ = Self.bootstrapped
        var logger = Logger(label: "secretfs-server")
        logger.logLevel = level
        return logger
    }
}
