#if canImport(Glibc)
    import Glibc
#endif

/// A file system served through the libfuse low-level API: one method per FUSE operation, named as in
/// libfuse and the system calls. Every method must answer its `request` exactly once, now or later (from a
/// `Task`); FuseKit calls them on libfuse worker threads, so they must not block for long.
///
/// Concepts (as in libfuse and go-fuse): an *inode* is a number the file system picks for a file, stable
/// while the kernel knows it; each `lookup` answer adds one to its lookup count and `forget` subtracts, and
/// at zero the number may be reused. A *handle* is the file system's number for one `open`. The kernel caches
/// names (entry timeout), attributes (attribute timeout) and, unless `directIO`, file data; the file system
/// drops them early through ``FuseSession/invalidate(inode:)`` and ``FuseSession/invalidate(parent:name:)``.
///
/// The write-like operations are not part of this protocol: FuseKit answers every one of them with `EROFS`.
public protocol FuseFileSystem: AnyObject, Sendable {
    func lookup(_ request: FuseRequest, parent: InodeNumber, name: String)
    func forget(inode: InodeNumber, lookups: UInt64)
    func getattr(_ request: FuseRequest, inode: InodeNumber)
    func opendir(_ request: FuseRequest, inode: InodeNumber)
    func readdir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int)
    func releasedir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64)
    func open(_ request: FuseRequest, inode: InodeNumber)
    func read(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int)
    func release(_ request: FuseRequest, inode: InodeNumber, handle: UInt64)
    func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int)
    func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int)
    /// Called once the session is mounted and the kernel connection is set up.
    func mounted(_ session: FuseSession)
}

extension FuseFileSystem {
    public func forget(inode: InodeNumber, lookups: UInt64) {}
    public func opendir(_ request: FuseRequest, inode: InodeNumber) { request.reply(open: OpenReply(handle: 0)) }
    public func releasedir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64) { request.replyOK() }
    public func release(_ request: FuseRequest, inode: InodeNumber, handle: UInt64) { request.replyOK() }
    public func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int) {
        request.reply(error: .noAttribute)
    }
    public func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int) {
        if size == 0 {
            request.reply(xattrSize: 0)
        } else {
            request.reply(data: UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }
    public func mounted(_ session: FuseSession) {}
}

/// Extended-attribute answers follow one protocol (size 0 asks for the length; a short buffer is `ERANGE`).
extension FuseRequest {
    /// Answers `getxattr`/`listxattr` with `value`, honouring the size protocol.
    public func reply(xattr value: [UInt8], size: Int) {
        if size == 0 {
            self.reply(xattrSize: value.count)
        } else if size < value.count {
            self.reply(error: .range)
        } else {
            value.withUnsafeBytes { self.reply(data: $0) }
        }
    }
}
