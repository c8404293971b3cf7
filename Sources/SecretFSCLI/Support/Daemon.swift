import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Daemon mode: the same command again with --foreground in a new session, its readiness awaited here.
enum Daemon {
    static func start(_ arguments: [String]) throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        child.arguments =
            [ProcessReplacement.selfPath] + Array(arguments.dropFirst()) + ["--foreground", "--ready-fd", "1"]
        let ready = Pipe()
        child.standardOutput = ready
        child.standardInput = FileHandle.nullDevice
        try child.run()
        let line = String(decoding: ready.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard line.hasPrefix("ready") else {
            child.waitUntilExit()
            return child.terminationStatus == 0 ? ExitCodes.failure : child.terminationStatus
        }
        return ExitCodes.success
    }
}

extension ProcessReplacement {
    /// This executable's path.
    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
