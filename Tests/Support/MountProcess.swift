import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real `secretfs mount --foreground` process on a fresh directory, awaited through its readiness line
/// (never a sleep), stopped with SIGTERM. ``stop()`` reports whether the mount went away.
public final class MountProcess: @unchecked Sendable {
    // SAFETY: set up in `init` before the instance is shared; `stop` runs once, from the test.
    public let mountpoint: String
    private let process: Process
    private let output: Pipe

    public init(environment: [String: String], arguments: [String] = [], mountpoint: String? = nil) throws {
        let directory =
            mountpoint ?? FileManager.default.temporaryDirectory.appendingPathComponent("secretfs-mnt-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.mountpoint = directory
        self.process = Process()
        self.process.executableURL = URL(
            fileURLWithPath: ServerProcess.sibling("secretfs", environment: "SECRETFS_BIN")
        )
        self.process.arguments = ["mount", directory, "--foreground", "--ready-fd", "1"] + arguments
        self.process.environment = environment
        self.output = Pipe()
        self.process.standardOutput = self.output
        try self.process.run()
        // Readiness: the line "ready" on standard output once the kernel mount is live.
        let line = String(decoding: self.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard line.hasPrefix("ready"), Self.isMounted(directory) else {
            self.process.terminate()
            self.process.waitUntilExit()
            throw ServerError("secretfs mount did not become ready (exit \(self.process.terminationStatus))")
        }
    }

    /// The daemon's process id.
    public var processID: Int32 { self.process.processIdentifier }

    /// Kills the daemon with SIGKILL, leaving whatever the kernel leaves (no cleanup of the mount point).
    public func kill9() {
        kill(self.process.processIdentifier, SIGKILL)
        self.process.waitUntilExit()
    }

    /// SIGTERM, then waits (bounded); returns whether the process exited 0 and the mount is gone.
    @discardableResult
    public func stop() -> Bool {
        if self.process.isRunning { self.process.terminate() }
        let deadline = Date().addingTimeInterval(15)
        while self.process.isRunning && Date() < deadline { usleep(10_000) }
        if self.process.isRunning {
            kill(self.process.processIdentifier, SIGKILL)
            umount2(self.mountpoint, Int32(MNT_DETACH))
        }
        self.process.waitUntilExit()
        let clean = self.process.terminationStatus == 0 && !Self.isMounted(self.mountpoint)
        if Self.isMounted(self.mountpoint) { umount2(self.mountpoint, Int32(MNT_DETACH)) }
        try? FileManager.default.removeItem(atPath: self.mountpoint)
        return clean
    }

    public static func isMounted(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/mounts") else { return false }
        let mounts = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        return mounts.split(separator: "\n").contains {
            $0.split(separator: " ").dropFirst().first.map(String.init) == path
        }
    }

    /// The path of `components` under the mount point.
    public func path(_ components: String...) -> String { ([self.mountpoint] + components).joined(separator: "/") }
}
