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
