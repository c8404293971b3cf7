import ArgumentParser
import PassworkClient

#if canImport(Glibc)
    import Glibc
#endif

/// Every exit status `secretfs` uses (sysexits.h where one fits), so scripts can tell failures apart.
/// The README lists them.
enum ExitCodes {
    static let success: Int32 = 0
    /// Anything not listed below.
    static let failure: Int32 = 1
    /// Wrong usage (ArgumentParser's own code for validation errors).
    static let usage: Int32 = 64
    /// A value could not be decrypted, or the master key is wrong.
    static let dataError: Int32 = 65
    /// The item, vault or field does not exist.
    static let notFound: Int32 = 66
    /// The server cannot be reached.
    static let unavailable: Int32 = 69
    /// `self-check` found a crypto result that differs from the known answer.
    static let selfCheckFailed: Int32 = 70
    /// The server failed (5xx); trying again later may help.
    static let temporaryFailure: Int32 = 75
    /// The server's answer is malformed.
    static let protocolError: Int32 = 76
    /// Not authorized: a bad token, an ended session, a forbidden vault.
    static let noPermission: Int32 = 77
    /// Missing or unreadable configuration (host, tokens, credentials file).
    static let configuration: Int32 = 78
    /// `exec`: the command was found but cannot be run.
    static let cannotExecute: Int32 = 126
    /// `exec`: the command was not found.
    static let commandNotFound: Int32 = 127

    static func code(for error: ClientError) -> Int32 {
        switch error.category {
        case .unavailable: Self.unavailable
        case .protocolError: Self.protocolError
        case .noPermission: Self.noPermission
        case .notFound: Self.notFound
        case .dataError: Self.dataError
        case .temporaryFailure: Self.temporaryFailure
        case .configuration: Self.configuration
        case .refused: Self.failure
        }
    }
}

/// Prints one line for a failure, without secrets, and exits with its documented code.
func fail(_ error: ClientError) -> ExitCode {
    printError("secretfs: \(error.message)")
    return ExitCode(ExitCodes.code(for: error))
}

/// Writes a line to standard error (the Glibc `stderr` global is not concurrency-safe in Swift 6).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
