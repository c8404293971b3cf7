import CFuse3
import Foundation
import FuseKit
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real kernel mount of ``MemoryFileSystem`` through FuseKit, read with ordinary system calls.
@Suite(.serialized) struct MountTests {
    /// Mounts the file system on a fresh directory, runs `body`, and unmounts; fails if a mount is left behind.
    private func withMount(_ body: (String, MemoryFileSystem) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fusekit-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileSystem = MemoryFileSystem()
        let session = try FuseSession(
            fileSystem: fileSystem,
            mountpoint: directory,
            options: MountOptions(fileSystemName: "fusekit-test", subtype: "fusekittest", unmountWhenDaemonDies: false)
        )
        try session.mount()
        let finished = DispatchSemaphore(value: 0)
        let loop = Thread {
            session.run(maxThreads: 4)
            finished.signal()
        }
        loop.start()
        defer {
            umount2(directory, Int32(MNT_DETACH))
            let stopped = finished.wait(timeout: .now() + 10) == .success
            session.unmount()
            #expect(stopped, "the FUSE loop did not stop after unmount")
            #expect(!Self.isMounted(directory), "a mount was left behind at \(directory)")
        }
        #expect(Self.isMounted(directory))
        try body(directory, fileSystem)
    }

    static func isMounted(_ path: String) -> Bool {
        let mounts =
            (try? String(
                decoding: FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/mounts")).readToEnd() ?? Data(),
                as: UTF8.self
            )) ?? ""
        return mounts.split(separator: "\n").contains {
            $0.split(separator: " ").dropFirst().first.map(String.init) == path
        }
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
    }

    private func errnoOf(_ call: () -> Int32) -> Int32 {
        errno = 0
        return call() < 0 ? errno : 0
    }

    @Test func listsStatsAndReads() throws {
        try self.withMount { (mountpoint: String, _: MemoryFileSystem) throws in
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: mountpoint).sorted() == ["hello", "slow", "sub"]
            )
            #expect(try FileManager.default.contentsOfDirectory(atPath: mountpoint + "/sub") == ["data"])
            #expect(try self.read(mountpoint + "/hello") == "hello, world\n")
            #expect(try self.read(mountpoint + "/sub/data") == "nested")

            var info = stat()
            #expect(stat(mountpoint + "/hello", &info) == 0)
            #expect(info.st_size == 13)
            #expect(info.st_mode & 0o7777 == 0o400)
            #expect(info.st_mode & S_IFMT == S_IFREG)
            #expect(info.st_uid == getuid())
            #expect(info.st_ino == 2)
            #expect(stat(mountpoint + "/sub", &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(self.errnoOf { stat(mountpoint + "/missing", &info) } == ENOENT)
            #expect(self.errnoOf { stat(mountpoint + "/hello/x", &info) } == ENOTDIR)
        }
    }

    @Test func readsInSmallPiecesAndAtOffsets() throws {
        try self.withMount { (mountpoint: String, _: MemoryFileSystem) throws in
            let descriptor = open(mountpoint + "/hello", O_RDONLY)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            var collected: [UInt8] = []
            var byte: UInt8 = 0
            while Glibc.read(descriptor, &byte, 1) == 1 { collected.append(byte) }
            #expect(String(decoding: collected, as: UTF8.self) == "hello, world\n")
            var buffer = [UInt8](repeating: 0, count: 5)
            #expect(pread(descriptor, &buffer, 5, 7) == 5)
            #expect(String(decoding: buffer, as: UTF8.self) == "world")
        }
    }

    /// The open of `slow` is answered from a Task after the callback returned.
    @Test func deferredReply() throws {
        try self.withMount { (mountpoint: String, _: MemoryFileSystem) throws in
            #expect(try self.read(mountpoint + "/slow") == "answered later")
        }
    }

    @Test func everyWriteIsRefusedAsReadOnly() throws {
        try self.withMount { (mountpoint: String, _: MemoryFileSystem) throws in
            let file = mountpoint + "/hello"
            #expect(self.errnoOf { open(file, O_WRONLY) } == EROFS)
            #expect(self.errnoOf { open(file, O_RDWR) } == EROFS)
            #expect(self.errnoOf { open(mountpoint + "/new", O_CREAT | O_WRONLY, 0o600) } == EROFS)
            #expect(self.errnoOf { mkdir(mountpoint + "/dir", 0o700) } == EROFS)
            #expect(self.errnoOf { unlink(file) } == EROFS)
            #expect(self.errnoOf { rmdir(mountpoint + "/sub") } == EROFS)
            #expect(self.errnoOf { rename(file, mountpoint + "/moved") } == EROFS)
            #expect(self.errnoOf { truncate(file, 0) } == EROFS)
            #expect(self.errnoOf { chmod(file, 0o777) } == EROFS)
            #expect(self.errnoOf { setxattr(file, "user.x", "1", 1, 0) } == EROFS)
        }
    }

    @Test func extendedAttributes() throws {
        try self.withMount { (mountpoint: String, _: MemoryFileSystem) throws in
            var buffer = [CChar](repeating: 0, count: 64)
            let length = getxattr(mountpoint + "/sub/data", "user.inode", &buffer, buffer.count)
            #expect(length == 1)
            #expect(buffer[0] == CChar(UInt8(ascii: "4")))
            #expect(getxattr(mountpoint + "/hello", "user.inode", nil, 0) == 1)
            #expect(self.errnoOf { Int32(getxattr(mountpoint + "/hello", "user.other", &buffer, 64)) } == ENODATA)
            #expect(listxattr(mountpoint + "/hello", &buffer, 64) == 11)
        }
    }

    /// The caller FUSE reports is this process (FUSE gives the thread; FuseKit maps it to the process).
    @Test func callerIsThisProcess() throws {
        try self.withMount { (mountpoint: String, fileSystem: MemoryFileSystem) throws in
            _ = try self.read(mountpoint + "/hello")
            let caller = try #require(fileSystem.lastCaller.withLock { $0 })
            #expect(caller.uid == getuid())
            #expect(caller.processID == getpid())
            #expect(
                caller.executablePath == (try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            )
        }
    }

    /// With a 60 s attribute timeout the kernel keeps the old size until the file system invalidates it.
    @Test func invalidationMakesChangesVisible() throws {
        try self.withMount { (mountpoint: String, fileSystem: MemoryFileSystem) throws in
            var info = stat()
            #expect(stat(mountpoint + "/hello", &info) == 0)
            #expect(info.st_size == 13)
            fileSystem.replace(2, with: "a longer new value\n")
            #expect(stat(mountpoint + "/hello", &info) == 0)
            #expect(info.st_size == 19)
            #expect(try self.read(mountpoint + "/hello") == "a longer new value\n")
        }
    }
}
