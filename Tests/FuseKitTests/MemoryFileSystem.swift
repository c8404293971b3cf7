import FuseKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A small file system held in memory, served through FuseKit and mounted for real by the tests.
/// Inode 1 is the root; files can change while mounted (to test invalidation), and opens of `slow` are
/// answered later from a `Task` (to test deferred replies).
final class MemoryFileSystem: FuseOperations {
    struct Node: Sendable {
        var name: String
        var parent: InodeNumber
        var kind: FileAttributes.Kind
        var content: [UInt8]
    }

    let nodes = Mutex<[InodeNumber: Node]>([
        1: Node(name: "", parent: 1, kind: .directory, content: []),
        2: Node(name: "hello", parent: 1, kind: .regularFile, content: Array("hello, world\n".utf8)),
        3: Node(name: "sub", parent: 1, kind: .directory, content: []),
        4: Node(name: "data", parent: 3, kind: .regularFile, content: Array("nested".utf8)),
        5: Node(name: "slow", parent: 1, kind: .regularFile, content: Array("answered later".utf8)),
    ])
    /// Lookup answers minus forgets, per inode (the passthrough_ll contract).
    let lookupCounts = Mutex<[InodeNumber: UInt64]>([:])
    /// The last caller seen by `open`.
    let lastCaller = Mutex<Caller?>(nil)
    let session = Mutex<FuseSession?>(nil)
    let timeout = 60.0

    private func attributes(_ inode: InodeNumber, _ node: Node) -> FileAttributes {
        FileAttributes(
            inode: inode,
            kind: node.kind,
            permissions: node.kind == .directory ? 0o500 : 0o400,
            size: node.content.count,
            uid: getuid(),
            gid: getgid(),
            linkCount: node.kind == .directory ? 2 : 1
        )
    }

    func mounted(_ session: FuseSession) { self.session.withLock { $0 = session } }

    func lookup(parent: InodeNumber, name: String) async throws(Errno) -> LookupReply {
        let found = self.nodes.withLock { nodes in
            nodes.first { $0.key != 1 && $0.value.parent == parent && $0.value.name == name }
        }
        guard let (inode, node) = found else { throw .noEntry }
        self.lookupCounts.withLock { $0[inode, default: 0] += 1 }
        return .entry(
            EntryReply(
                attributes: self.attributes(inode, node),
                entryTimeout: self.timeout,
                attributeTimeout: self.timeout
            )
        )
    }

    func forget(inode: InodeNumber, lookups: UInt64) {
        self.lookupCounts.withLock { counts in
            precondition(counts[inode, default: 0] >= lookups, "forget below zero")
            counts[inode, default: 0] -= lookups
        }
    }

    func getattr(inode: InodeNumber) async throws(Errno) -> AttributesReply {
        guard let node = self.nodes.withLock({ $0[inode] }) else { throw .noEntry }
        return AttributesReply(attributes: self.attributes(inode, node), timeout: self.timeout)
    }

    func readdir(inode: InodeNumber) async throws(Errno) -> [DirectoryEntry] {
        let children = self.nodes.withLock { nodes in
            nodes.filter { $0.key != 1 && $0.value.parent == inode }.sorted { $0.key < $1.key }
                .map { DirectoryEntry(name: $0.value.name, inode: $0.key, kind: $0.value.kind) }
        }
        return [
            DirectoryEntry(name: ".", inode: inode, kind: .directory),
            DirectoryEntry(name: "..", inode: 1, kind: .directory),
        ] + children
    }

    /// Every open but that of `slow` is answered on the FUSE thread.
    func openImmediately(inode: InodeNumber, caller: Caller) -> OpenReply? {
        guard self.nodes.withLock({ $0[inode]?.name }) != "slow" else { return nil }
        self.lastCaller.withLock { $0 = caller }
        return OpenReply(handle: inode * 100, directIO: true)
    }

    /// `slow` is answered later, from a task.
    func open(inode: InodeNumber, caller: Caller) async throws(Errno) -> OpenReply {
        try? await Task.sleep(for: .milliseconds(20))
        self.lastCaller.withLock { $0 = caller }
        return OpenReply(handle: inode * 100, directIO: true)
    }

    func read(
        inode: InodeNumber,
        handle: UInt64,
        offset: Int,
        size: Int,
        answer: (UnsafeRawBufferPointer) -> Void
    ) throws(Errno) {
        guard handle == inode * 100, let node = self.nodes.withLock({ $0[inode] }) else { throw .io }
        let start = min(offset, node.content.count)
        let end = min(start + size, node.content.count)
        node.content[start..<end].withUnsafeBytes { answer($0) }
    }

    func getxattr(inode: InodeNumber, name: String) throws(Errno) -> [UInt8] {
        guard name == "user.inode" else { throw .noAttribute }
        return Array(String(inode).utf8)
    }

    func listxattr(inode: InodeNumber) throws(Errno) -> [String] { ["user.inode"] }

    /// Changes a file's content behind the kernel's back, then tells the kernel to drop its cached attributes.
    func replace(_ inode: InodeNumber, with content: String) {
        self.nodes.withLock { $0[inode]?.content = Array(content.utf8) }
        self.session.withLock { $0 }?.invalidate(inode: inode)
    }
}
