import ArgumentParser
import Audit
import Foundation
import FuseKit
import PassworkClient
import SecretFS
import SecretTree
import ServiceSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `secretfs mount`: the vaults as a read-only file system.
struct Mount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mount the vaults at MOUNTPOINT, read-only: vaults and folders are directories, items are "
            + "directories, fields are files.",
        discussion: """
            Runs in the background unless --foreground. The readiness signal (--ready-fd) is the line "ready" \
            written once the kernel mount is live. SIGTERM or SIGINT unmount cleanly; a mount point left dead \
            by a killed daemon is cleaned up first. Unmount with `secretfs unmount MOUNTPOINT`.

            --config reads a YAML profile (see Mounts/): each key is the long name of an option below, \
            `mountpoint` included; options typed on the command line override the file. Tokens and master keys \
            are refused in a profile: they come from --credentials or the PASSWORK_* environment.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "An empty directory to mount on (or `mountpoint:` in the profile).")
    var mountpoint: String?

    @Option(help: "A YAML mount profile (Mounts/NAME.yaml); flags given here override it.")
    var config: String?

    /// A profile's `mountpoint:`; read by `MountProfile.expand` before parsing, never typed.
    @Option(name: .customLong("profile-mountpoint"), help: .hidden)
    var profileMountpoint: String?

    @Flag(help: "Stay in the foreground (for containers, systemd and tests).")
    var foreground = false

    @Option(help: "Write \"ready\" and a newline to this file descriptor once mounted, then close it.")
    var readyFd: Int32?

    @Option(help: "Owner of every file (default: the mounting user).")
    var uid: UInt32 = getuid()

    @Option(help: "Group of every file (default: the mounting user's group).")
    var gid: UInt32 = getgid()

    @Option(help: "Mode of files, octal.")
    var fileMode: String = "0400"

    @Option(help: "Mode of directories, octal.")
    var dirMode: String = "0500"

    @Flag(help: "Let other users in, within the modes (needs user_allow_other in /etc/fuse.conf for non-root).")
    var allowOther = false

    @Option(help: "Seconds fetched data is used before asking the server again.")
    var cacheTTL: Int = 30

    @Option(help: "Seconds cached data keeps being served while the server is unreachable.")
    var maxStale: Int = 24 * 3600

    @Option(help: "Where read events go: server (the audit endpoint), file:PATH (JSON lines) or off.")
    var audit: String = "server"

    @Option(help: "open: queue and spool events while the endpoint is down; closed: refuse a read unless accepted.")
    var auditFail: String = "open"

    @Option(help: "Spool for events the endpoint did not take (default: $XDG_STATE_HOME/secretfs/audit-spool.jsonl).")
    var auditSpool: String?

    @Option(help: "Unmount and exit once process PID has exited (a plain sidecar, a CI job's shell).")
    var exitWhenPidExits: Int32?

    func validate() throws {
        guard self.mountpoint ?? self.profileMountpoint != nil else {
            throw ValidationError("give the MOUNTPOINT, or `mountpoint:` in the --config profile")
        }
        guard self.audit == "server" || self.audit == "off" || self.audit.hasPrefix("file:") else {
            throw ValidationError("--audit is server, file:PATH or off")
        }
        guard ["open", "closed"].contains(self.auditFail) else {
            throw ValidationError("--audit-fail is open or closed")
        }
        guard UInt32(self.fileMode, radix: 8) != nil, UInt32(self.dirMode, radix: 8) != nil else {
            throw ValidationError("--file-mode and --dir-mode are octal, e.g. 0400")
        }
        guard self.cacheTTL >= 0, self.maxStale >= 0 else { throw ValidationError("times cannot be negative") }
        if let pid = self.exitWhenPidExits, pid <= 0 || !PidWatch.isAlive(pid) {
            throw ValidationError("--exit-when-pid-exits: no process \(pid)")
        }
    }

    func run() async throws {
        guard self.foreground else { throw ExitCode(try Daemon.start(CommandLine.arguments)) }
        let path = URL(fileURLWithPath: self.mountpoint ?? self.profileMountpoint ?? "").standardizedFileURL.path
        MountPoint.recoverIfDead(path)
        let reader: SecretReader
        let host: String
        do {
            reader = try await self.connection.connect(forFileSystem: true)
            host = try self.connection.resolve().credentials.host
        } catch {
            throw fail(error)
        }
        let sink = self.makeAuditSink(client: reader.client)
        let fileSystem = SecretFileSystem(
            source: RemoteSource(reader: reader),
            options: FileSystemOptions(
                uid: self.uid,
                gid: self.gid,
                fileMode: UInt32(self.fileMode, radix: 8)!,
                directoryMode: UInt32(self.dirMode, radix: 8)!,
                cacheTTL: .seconds(self.cacheTTL),
                maxStale: .seconds(self.maxStale),
                host: host
            ),
            tokens: reader.client.tokens,
            audit: sink,
            auditFailClosed: self.auditFail == "closed"
        )
        let session: FuseSession
        do {
            session = try FuseSession(
                fileSystem: fileSystem,
                mountpoint: path,
                options: MountOptions(fileSystemName: "secretfs", subtype: "secretfs", allowOther: self.allowOther)
            )
            session.handleTerminationSignals()
            try session.mount()
        } catch {
            printError("secretfs: \(error.message)")
            await reader.client.shutdown()
            throw ExitCode(ExitCodes.failure)
        }
        if let readyFd = self.readyFd { ReadySignal.send(on: readyFd) }
        SystemdNotify.send("READY=1\nSTATUS=mounted at \(path)")
        let watchdog = SystemdNotify.startWatchdog()
        let pidWatch = self.exitWhenPidExits.map { PidWatch.start($0) }
        let refresher = Task { await reader.client.tokens.runBackgroundRefresh() }
        // The loop blocks its thread: a thread of its own, not one of the few of Swift's cooperative pool.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                session.run()
                done.resume()
            }.start()
        }
        SystemdNotify.send("STOPPING=1\nSTATUS=unmounting \(path)")
        watchdog?.cancel()
        pidWatch?.cancel()
        refresher.cancel()
        session.unmount()
        await sink?.close()
        await reader.client.shutdown()
    }

    private func makeAuditSink(client: PassworkClient) -> (any AuditSink)? {
        if self.audit == "off" { return nil }
        if self.audit.hasPrefix("file:") { return FileAuditSink(path: String(self.audit.dropFirst("file:".count))) }
        let environment = ProcessInfo.processInfo.environment
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/state")
        let sink = ServerAuditSink(
            client: client,
            spoolPath: self.auditSpool ?? state + "/secretfs/audit-spool.jsonl",
            mode: self.auditFail == "closed" ? .failClosed : .failOpen
        )
        sink.start()
        return sink
    }
}
