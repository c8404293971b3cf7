internal import CFuse3

#if canImport(Glibc)
    import Glibc
#endif

/// An inode number as the kernel sees it. 1 is the root.
public typealias InodeNumber = UInt64

/// The attributes of a file or directory, as `stat` reports them.
public struct FileAttributes: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case directory
        case regularFile
    }

    public var inode: InodeNumber
    public var kind: Kind
    /// Permission bits only (for example 0o400); the file type comes from ``kind``.
    public var permissions: UInt32
    public var size: Int
    public var uid: UInt32
    public var gid: UInt32
    public var linkCount: Int
    /// Modification time in seconds since the epoch, also reported as change and access time.
    public var modifiedSeconds: Int

    public init(
        inode: InodeNumber,
        kind: Kind,
        permissions: UInt32,
        size: Int,
        uid: UInt32,
        gid: UInt32,
        linkCount: Int = 1,
        modifiedSeconds: Int = 0
    ) {
        self.inode = inode
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.uid = uid
        self.gid = gid
        self.linkCount = linkCount
        self.modifiedSeconds = modifiedSeconds
    }

    /// The `stat` structure libfuse sends.
    var stat: stat {
        var result = Glibc.stat()
        result.st_ino = ino_t(self.inode)
        result.st_mode = (self.kind == .directory ? S_IFDIR : S_IFREG) | mode_t(self.permissions & 0o7777)
        result.st_nlink = nlink_t(self.linkCount)
        result.st_size = off_t(self.size)
        result.st_uid = self.uid
        result.st_gid = self.gid
        result.st_blksize = 4096
        result.st_blocks = blkcnt_t((self.size + 511) / 512)
        let time = timespec(tv_sec: self.modifiedSeconds, tv_nsec: 0)
        result.st_mtim = time
        result.st_ctim = time
        result.st_atim = time
        return result
    }
}
