internal import CFuse3
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A libfuse low-level session: create, mount, run the loop, unmount. The file system's operations run on
/// libfuse's worker threads.
public final class FuseSession: @unchecked Sendable {
    // SAFETY: the session pointer is used by libfuse's own threads and by the notify calls, which libfuse
    // documents as safe to call from any thread while the loop runs; mount/unmount/destroy happen on the
    // owner's thread before and after the loop.
    private let session: OpaquePointer
    private let context: Unmanaged<SessionContext>
    public let mountpoint: String
    private var isMounted = false
    /// Set by `handleTerminationSignals` and cancelled by `unmount`, both on the owner's thread.
    private var signalSources: [any DispatchSourceSignal] = []

    /// Creates a session for `fileSystem`; nothing is mounted yet.
    /// - Throws: ``FuseError/sessionCreationFailed(_:)``.
    public init(fileSystem: any FuseOperations, mountpoint: String, options: MountOptions) throws(FuseError) {
        let context = SessionContext(operations: fileSystem)
        var arguments = fuse_args(argc: 0, argv: nil, allocated: 0)
        defer { fuse_opt_free_args(&arguments) }
        for argument in ["secretfs", "-o", options.optionString] { fuse_opt_add_arg(&arguments, argument) }
        var operations = makeLowLevelOperations()
        let retained = Unmanaged.passRetained(context)
        guard
            let session = fuse_session_new(
                &arguments,
                &operations,
                MemoryLayout<fuse_lowlevel_ops>.size,
                retained.toOpaque()
            )
        else {
            retained.release()
            throw .sessionCreationFailed("fuse_session_new refused the options \(options.optionString)")
        }
        self.session = session
        self.context = retained
        self.mountpoint = mountpoint
        context.session = self
    }

    deinit {
        if self.isMounted { fuse_session_unmount(self.session) }
        fuse_session_destroy(self.session)
        self.context.release()
    }

    /// Mounts at the mount point. Once this returns, the kernel mount is live.
    /// - Throws: ``FuseError/mountFailed(_:)``.
    public func mount() throws(FuseError) {
        guard fuse_session_mount(self.session, self.mountpoint) == 0 else { throw .mountFailed(self.mountpoint) }
        self.isMounted = true
        self.context.takeUnretainedValue().bridge.operations.mounted(self)
    }

    /// Makes SIGTERM, SIGINT and SIGHUP end the loop and unmount cleanly.
    ///
    /// libfuse's own handlers only set a flag, and the signal may land on any of the process's threads (Swift's
    /// included) while the loop's workers sit in `read` on /dev/fuse; so the signal is taken by a dispatch
    /// source instead, which unmounts: the kernel then ends the workers' reads and the loop returns. Also
    /// clears a signal mask inherited from a parent on a libdispatch thread (blocked SIGTERM/SIGINT).
    public func handleTerminationSignals() {
        var mask = sigset_t()
        sigemptyset(&mask)
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.requestStop() }
            source.resume()
            self.signalSources.append(source)
        }
    }

    /// Ends the loop from any thread: marks the session done and detaches the mount, which wakes the workers.
    public func requestStop() {
        fuse_session_exit(self.session)
        if umount2(self.mountpoint, Int32(MNT_DETACH)) != 0 {
            // Not root: the setuid helper can unmount what this user mounted.
            let helper = Process()
            helper.executableURL = URL(fileURLWithPath: "/bin/fusermount3")
            helper.arguments = ["-u", "-z", self.mountpoint]
            if (try? helper.run()) != nil { helper.waitUntilExit() }
        }
    }

    /// Runs the multi-threaded loop until unmounted or signalled; returns 0 on unmount, the signal otherwise.
    @discardableResult
    public func run(maxThreads: Int = 16) -> Int32 {
        let configuration = fuse_loop_cfg_create()
        defer { fuse_loop_cfg_destroy(configuration) }
        fuse_loop_cfg_set_max_threads(configuration, UInt32(maxThreads))
        return fuse_session_loop_mt(self.session, configuration)
    }

    /// Runs the single-threaded loop (for sanitizers, which cannot follow libfuse's own worker threads).
    @discardableResult
    public func runSingleThreaded() -> Int32 { fuse_session_loop(self.session) }

    /// Asks the loop to stop after the request in progress.
    public func exit() { fuse_session_exit(self.session) }

    /// Unmounts (after the loop has returned).
    public func unmount() {
        for source in self.signalSources { source.cancel() }
        self.signalSources.removeAll()
        guard self.isMounted else { return }
        fuse_session_unmount(self.session)
        self.isMounted = false
    }

    // MARK: - Kernel cache invalidation

    /// Drops the kernel's cached attributes and data of `inode`. Harmless for an inode the kernel does not know.
    public func invalidate(inode: InodeNumber) {
        _ = fuse_lowlevel_notify_inval_inode(self.session, inode, 0, 0)
    }

    /// Drops the kernel's cached name `name` in directory `parent`.
    public func invalidate(parent: InodeNumber, name: String) {
        _ = fuse_lowlevel_notify_inval_entry(self.session, parent, name, name.utf8.count)
    }
}
