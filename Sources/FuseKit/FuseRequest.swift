internal import CFuse3
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One request from the kernel, answered exactly once through one of its `reply` methods.
///
/// A reply may be sent from any thread, later than the operation returns (from a `Task` that fetched data),
/// so a FUSE worker thread never blocks on the network. A second reply is a programming error and stops the
/// process; a request released without a reply is answered with `EIO` so the caller never hangs.
final class FuseRequest: @unchecked Sendable {
    // SAFETY: `request` is handed to libfuse exactly once, guarded by the atomic `replied` flag; libfuse
    // allows replying from any thread.
    private let request: fuse_req_t
    private let replied = Atomic<Bool>(false)
    /// Who asked.
    let caller: Caller
    /// The file info of `open`/`opendir`, copied: libfuse's own lives on its stack only during the callback.
    var fileInfo: fuse_file_info

    init(_ request: fuse_req_t, fileInfo: UnsafeMutablePointer<fuse_file_info>? = nil) {
        self.request = request
        self.fileInfo = fileInfo?.pointee ?? fuse_file_info()
        let context = fuse_req_ctx(request)!.pointee
        self.caller = Caller(uid: context.uid, gid: context.gid, threadID: context.pid, umask: context.umask)
    }

    deinit {
        if !self.replied.load(ordering: .acquiring) {
            assertionFailure("FUSE request dropped without a reply")
            fuse_reply_err(self.request, EIO)
        }
    }

    /// Marks the request answered; traps on a second answer.
    private func claim() {
        let (exchanged, _) = self.replied.compareExchange(
            expected: false,
            desired: true,
            ordering: .acquiringAndReleasing
        )
        precondition(exchanged, "FUSE request answered twice")
    }

    // MARK: - Replies

    /// Answers with an error (or, with `Errno(0)`, success without data: `release`, `forget`-like ops).
    func reply(error: Errno) {
        self.claim()
        fuse_reply_err(self.request, error.rawValue)
    }

    /// Answers success without data.
    func replyOK() {
        self.claim()
        fuse_reply_err(self.request, 0)
    }

    /// Answers `lookup`; each such answer adds one to the inode's lookup count, which `forget` later removes.
    func reply(entry: EntryReply) {
        self.claim()
        var parameters = fuse_entry_param()
        parameters.ino = entry.attributes.inode
        parameters.generation = 1
        parameters.attr = entry.attributes.stat
        parameters.attr_timeout = entry.attributeTimeout
        parameters.entry_timeout = entry.entryTimeout
        fuse_reply_entry(self.request, &parameters)
    }

    /// Answers `lookup` with a negative entry the kernel may cache for `timeout` seconds (`ENOENT` without a
    /// round trip for names such as `.git` or `._foo` that tools probe again and again).
    func replyNegativeEntry(timeout: Double) {
        self.claim()
        var parameters = fuse_entry_param()
        parameters.ino = 0
        parameters.entry_timeout = timeout
        fuse_reply_entry(self.request, &parameters)
    }

    /// Answers `getattr`.
    func reply(attributes: FileAttributes, timeout: Double) {
        self.claim()
        var stat = attributes.stat
        fuse_reply_attr(self.request, &stat, timeout)
    }

    /// The `open` flags (`O_RDONLY`, `O_WRONLY`, …) of an `open`/`opendir` request.
    var openFlags: Int32 { self.fileInfo.flags }

    /// Answers `open` or `opendir`.
    func reply(open: OpenReply) {
        self.claim()
        var fileInfo = self.fileInfo
        fileInfo.fh = open.handle
        fileInfo.direct_io = open.directIO ? 1 : 0
        fileInfo.keep_cache = open.keepCache ? 1 : 0
        fuse_reply_open(self.request, &fileInfo)
    }

    /// Answers `read`, `getxattr`/`listxattr` with data: the kernel copies the bytes before this returns, so
    /// the caller may wipe them right after.
    func reply(data: UnsafeRawBufferPointer) {
        self.claim()
        let base = data.baseAddress?.assumingMemoryBound(to: CChar.self)
        fuse_reply_buf(self.request, base, data.count)
    }

    /// Answers `getxattr`/`listxattr` asked with size 0: how many bytes the value needs.
    func reply(xattrSize: Int) {
        self.claim()
        fuse_reply_xattr(self.request, xattrSize)
    }

    /// Answers `readdir` with as many `entries` as fit in `size` bytes, starting after `offset` (the offset of
    /// entry *i* is *i + 1*; the kernel sends back the last one it took).
    func reply(directory entries: [DirectoryEntry], offset: Int, size: Int) {
        self.claim()
        var buffer = [CChar](repeating: 0, count: size)
        var used = 0
        buffer.withUnsafeMutableBufferPointer { bytes in
            for index in max(offset, 0)..<max(entries.count, max(offset, 0)) {
                let entry = entries[index]
                var stat = Glibc.stat()
                stat.st_ino = ino_t(entry.inode)
                stat.st_mode = entry.kind == .directory ? S_IFDIR : S_IFREG
                let needed = fuse_add_direntry(
                    self.request,
                    bytes.baseAddress! + used,
                    size - used,
                    entry.name,
                    &stat,
                    off_t(index + 1)
                )
                if needed > size - used { break }
                used += needed
            }
            fuse_reply_buf(self.request, bytes.baseAddress, used)
        }
    }

    /// Answers `statfs`: a read-only file system with no free space and names of up to 255 bytes.
    func replyStatfs() {
        self.claim()
        var value = statvfs()
        value.f_bsize = 4096
        value.f_frsize = 4096
        value.f_namemax = 255
        fuse_reply_statfs(self.request, &value)
    }
}
