public import Audit
import Foundation
public import FuseKit
public import PassworkClient
import PassworkModels
public import SecretTree
import Synchronization

/// The FUSE adapter: serves a ``SecretTree`` through FuseKit. It owns what only a kernel mount has: inode
/// numbers and the kernel's lookup counts, open files (plaintext in locked memory until released), errno
/// values, the kernel's cache timeouts and invalidations, and the audit of every open of a secret
/// (fail-closed when asked). Everything it answers, the tree computes.
public final class SecretFileSystem: FuseOperations {
    public let tree: SecretTree
    let options: FileSystemOptions
    let inodes: InodeTable<NodeKey>
    /// Open files: handle → plaintext (wiped when released).
    let openFiles: OpenFiles
    /// The kernel's caches, told when the tree sees that something it may hold changed.
    let kernel: KernelInvalidation
    let audit: (any AuditSink)?
    let auditFailClosed: Bool
    let hostName = ProcessInfo.processInfo.hostName
    /// The mount point, once mounted (named in audit events).
    let mountpoint = Mutex<String?>(nil)

    public init(
        source: any SecretSource,
        options: FileSystemOptions,
        tokens: TokenManager? = nil,
        audit: (any AuditSink)? = nil,
        auditFailClosed: Bool = false,
        kernelCache: (any KernelCacheInvalidating)? = nil,
        clock: any TreeClock = SystemTreeClock()
    ) {
        let inodes = InodeTable<NodeKey>(root: .root)
        let openFiles = OpenFiles()
        let kernel = KernelInvalidation(inodes: inodes)
        self.inodes = inodes
        self.openFiles = openFiles
        self.kernel = kernel
        self.options = options
        self.audit = audit
        self.auditFailClosed = auditFailClosed
        self.tree = SecretTree(
            source: source,
            options: options.tree,
            clock: clock,
            changes: kernel,
            status: MountStatus(tokens: tokens, audit: audit, inodes: inodes, openFiles: openFiles)
        )
        if let kernelCache { kernel.attach(kernelCache) }
    }

    public func mounted(_ session: FuseSession) {
        self.mountpoint.withLock { $0 = session.mountpoint }
        self.kernel.attach(session)
    }
}
