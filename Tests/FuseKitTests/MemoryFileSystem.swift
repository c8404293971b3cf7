import FuseKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A small file system held in memory, served through FuseKit and mounted for real by the tests.
/// Inode 1 is the root; files can change while mounted (to test invalidation), and reads of `slow` are
/// answered later from a `Task` (to test deferred replies).
final class MemoryFileSystem: FuseFileSystem {
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

    func lookup(_ request: FuseRequest, parent: InodeNumber, name: String) {
        let found = self.nodes.withLock { nodes in
            nodes.first { $0.key != 1 && $0.value.parent == parent && $0.value.name == name }
        }
        guard let (inode, node) = found else {
            request.reply(error: .noEntry)
            return
        }
        self.lookupCounts.withLock { $0[inode, default: 0] += 1 }
        request.reply(
            entry: EntryReply(
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

    func getattr(_ request: FuseRequest, inode: InodeNumber) {
        guard let node = self.nodes.withLock({ $0[inode] }) else {
            request.reply(error: .noEntry)
            return
        }
        request.reply(attributes: self.attributes(inode, node), timeout: self.timeout)
    }

    func readdir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        let children = self.nodes.withLock { nodes in
            nodes.filter { $0.key != 1 && $0.value.parent == inode }.sorted { $0.key < $1.key }
                .map { DirectoryEntry(name: $0.value.name, inode: $0.key, kind: $0.value.kind) }
        }
        let entries =
            [
                DirectoryEntry(name: ".", inode: inode, kind: .directory),
                DirectoryEntry(name: "..", inode: 1, kind: .directory),
            ] + children
        request.reply(directory: entries, offset: offset, size: size)
    }

    func open(_ request: FuseRequest, inode: InodeNumber) {
        self.lastCaller.withLock { $0 = request.caller }
        request.reply(open: OpenReply(handle: inode * 100, directIO: true))
    }

    func read(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        guard handle == inode * 100, let node = self.nodes.withLock({ $0[inode] }) else {
            request.reply(error: .io)
            return
        }
        let answer = {
            let start = min(offset, node.content.count)
            let end = min(start + size, node.content.count)
            node.content[start..<end].withUnsafeBytes { request.reply(data: $0) }
        }
        if node.name == "slow" {
            Task.detached {
                try? await Task.sleep(for: .milliseconds(20))
                answer()
            }
        } else {
            answer()
        }
    }

    func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int) {
        guard name == "user.inode" else {
            request.reply(error: .noAttribute)
            return
        }
        request.reply(xattr: Array(String(inode).utf8), size: size)
    }

    func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int) {
        request.reply(xattr: Array("user.inode\0".utf8), size: size)
    }

    /// Changes a file's content behind the kernel's back, then tells the kernel to drop its cached attributes.
    func replace(_ inode: InodeNumber, with content: String) {
        self.nodes.withLock { $0[inode]?.content = Array(content.utf8) }
        self.session.withLock { $0 }?.invalidate(inode: inode)
    }
}
