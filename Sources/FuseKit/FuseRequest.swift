internal import CFuse3
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Who made a request: the kernel's view of the calling thread.
public struct Caller: Sendable, Hashable {
    public let uid: UInt32
    public let gid: UInt32
    /// The calling *thread's* id, as FUSE reports it; see ``processID``.
    public let threadID: Int32
    public let umask: UInt32

    public init(uid: UInt32, gid: UInt32, threadID: Int32, umask: UInt32) {
        self.uid = uid
        self.gid = gid
        self.threadID = threadID
        self.umask = umask
    }

    /// The process the calling thread belongs to (the `Tgid:` line of `/proc/TID/status`), or the thread id
    /// if procfs does not say (the thread may already be gone).
    public var processID: Int32 { ProcFS.threadGroup(of: self.threadID) ?? self.threadID }

    /// The executable of the calling process (`/proc/PID/exe`), if it can still be read.
    public var executablePath: String? { ProcFS.executable(of: self.processID) }
}

/// One request from the kernel, answered exactly once through one of its `reply` methods.
///
/// A reply may be sent from any thread, later than the operation returns (from a `Task` that fetched data),
/// so a FUSE worker thread never blocks on the network. A second reply is a programming error and stops the
/// process; a request released without a reply is answered with `EIO` so the caller never hangs.
public final class FuseRequest: @unchecked Sendable {
    // SAFETY: `request` is handed to libfuse exactly once, guarded by the atomic `replied` flag; libfuse
    // allows replying from any thread.
    private let request: fuse_req_t
    private let replied = Atomic<Bool>(false)
    /// Who asked.
    public let caller: Caller
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
    public func reply(error: Errno) {
        self.claim()
        fuse_reply_err(self.request, error.rawValue)
    }

    /// Answers success without data.
    public func replyOK() {
        self.claim()
        fuse_reply_err(self.request, 0)
    }

    /// Answers `lookup`; each such answer adds one to the inode's lookup count, which `forget` later removes.
    public func reply(entry: EntryReply) {
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
    public func replyNegativeEntry(timeout: Double) {
        self.claim()
        var parameters = fuse_entry_param()
        parameters.ino = 0
        parameters.entry_timeout = timeout
        fuse_reply_entry(self.request, &parameters)
    }

    /// Answers `getattr`.
    public func reply(attributes: FileAttributes, timeout: Double) {
        self.claim()
        var stat = attributes.stat
        fuse_reply_attr(self.request, &stat, timeout)
    }

    /// The `open` flags (`O_RDONLY`, `O_WRONLY`, …) of an `open`/`opendir` request.
    public var openFlags: Int32 { self.fileInfo.flags }

    /// Answers `open` or `opendir`.
    public func reply(open: OpenReply) {
        self.claim()
        var fileInfo = self.fileInfo
        fileInfo.fh = open.handle
        fileInfo.direct_io = open.directIO ? 1 : 0
        fileInfo.keep_cache = open.keepCache ? 1 : 0
        fuse_reply_open(self.request, &fileInfo)
    }

    /// Answers `read`, `getxattr`/`listxattr` with data: the kernel copies the bytes before this returns, so
    /// the caller may wipe them right after.
    public func reply(data: UnsafeRawBufferPointer) {
        self.claim()
        let base = data.baseAddress?.assumingMemoryBound(to: CChar.self)
        fuse_reply_buf(self.request, base, data.count)
    }

    /// Answers `getxattr`/`listxattr` asked with size 0: how many bytes the value needs.
    public func reply(xattrSize: Int) {
        self.claim()
        fuse_reply_xattr(self.request, xattrSize)
    }

    /// Answers `readdir` with as many `entries` as fit in `size` bytes, starting after `offset` (the offset of
    /// entry *i* is *i + 1*; the kernel sends back the last one it took).
    public func reply(directory entries: [DirectoryEntry], offset: Int, size: Int) {
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

/// The procfs look-ups that turn a FUSE caller into a process.
enum ProcFS {
    static func threadGroup(of thread: Int32) -> Int32? {
        guard let status = self.read("/proc/\(thread)/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Tgid:") {
            return Int32(line.dropFirst(5).trimmingCharacters(in: " \t"))
        }
        return nil
    }

    static func executable(of process: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/\(process)/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(start: pointer.baseAddress, count: length), as: UTF8.self)
        }
    }

    private static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: bytes[0..<count], as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
