/// What a file system needs to make the kernel forget what it cached: names (entries) and attributes.
/// ``FuseSession`` is the real one; tests of a file system without a kernel mount record the calls instead.
public protocol KernelCacheInvalidating: AnyObject, Sendable {
    /// Drops the kernel's cached attributes (and data) of `inode`.
    func invalidate(inode: InodeNumber)
    /// Drops the kernel's cached name `name` in directory `parent`, positive or negative.
    func invalidate(parent: InodeNumber, name: String)
}

extension FuseSession: KernelCacheInvalidating {}
