/// A file system served through the libfuse low-level API: one method per FUSE operation, named as in libfuse
/// and the system calls, each *returning* its answer. FuseKit's bridge turns the answer into exactly one
/// reply, runs the `async` operations in a `Task` (a FUSE worker thread never waits on the network), and
/// handles the extended-attribute size protocol; the file system never sees a kernel request.
///
/// Concepts (as in libfuse and go-fuse): an *inode* is a number the file system picks for a file, stable
/// while the kernel knows it; each `.entry` answer to `lookup` adds one to its lookup count and `forget`
/// subtracts, and at zero the number may be reused. A *handle* is the file system's number for one `open`.
/// The kernel caches names (entry timeout), attributes (attribute timeout) and, unless `directIO`, file data;
/// the file system drops them early through ``FuseSession/invalidate(inode:)`` and
/// ``FuseSession/invalidate(parent:name:)``.
///
/// The write-like operations are not part of this protocol: FuseKit answers every one of them with `EROFS`,
/// and an `open` for writing never reaches the file system.
public protocol FuseOperations: AnyObject, Sendable {
    /// Called once the session is mounted and the kernel connection is set up.
    func mounted(_ session: FuseSession)
    func lookup(parent: InodeNumber, name: String) async throws(Errno) -> LookupReply
    /// The kernel dropped `lookups` references to `inode`. Runs on the FUSE thread: must not block.
    func forget(inode: InodeNumber, lookups: UInt64)
    func getattr(inode: InodeNumber) async throws(Errno) -> AttributesReply
    /// Every entry of a directory, `.` and `..` included; the bridge pages them into the kernel's buffers.
    func readdir(inode: InodeNumber) async throws(Errno) -> [DirectoryEntry]
    /// Answers an open on the FUSE thread when nothing has to be awaited (a warm cache), sparing the hand-off
    /// to a task and back; nil sends the open to ``open(inode:caller:)``, which also answers every error.
    func openImmediately(inode: InodeNumber, caller: Caller) -> OpenReply?
    func open(inode: InodeNumber, caller: Caller) async throws(Errno) -> OpenReply
    /// Reads from an open file on the FUSE thread: hands at most `size` bytes from `offset` to `answer`, which
    /// copies them to the kernel before it returns (the caller may wipe them right after). Not calling `answer`
    /// reads as end of file.
    func read(
        inode: InodeNumber,
        handle: UInt64,
        offset: Int,
        size: Int,
        answer: (UnsafeRawBufferPointer) -> Void
    ) throws(Errno)
    /// The last close of an open file.
    func release(inode: InodeNumber, handle: UInt64)
    /// The value of one extended attribute (``Errno/noAttribute`` when there is none).
    func getxattr(inode: InodeNumber, name: String) throws(Errno) -> [UInt8]
    /// The names of the extended attributes.
    func listxattr(inode: InodeNumber) throws(Errno) -> [String]
}

extension FuseOperations {
    public func mounted(_ session: FuseSession) {}
    public func forget(inode: InodeNumber, lookups: UInt64) {}
    public func openImmediately(inode: InodeNumber, caller: Caller) -> OpenReply? { nil }
    public func release(inode: InodeNumber, handle: UInt64) {}
    public func getxattr(inode: InodeNumber, name: String) throws(Errno) -> [UInt8] { throw .noAttribute }
    public func listxattr(inode: InodeNumber) throws(Errno) -> [String] { [] }
}
