import FuseKit
import PassworkClient
import SecretCrypto
import SecretTree

@testable import SecretFS

#if canImport(Glibc)
    import Glibc
#endif

/// One vault with a folder and items of every kind, served through a tree and an adapter that share a manual
/// clock; nothing here touches a kernel.
struct Fixture {
    let source = FakeSecretSource()
    let clock = ManualClock()
    let changes = RecordingChanges()
    let kernel = RecordingKernel()
    let audit: MemoryAuditSink
    let tree: SecretTree
    let fileSystem: SecretFileSystem
    static let ttl: Duration = .seconds(30)
    static let maxStale: Duration = .seconds(3600)

    init(auditFailClosed: Bool = false, populate: Bool = true) throws {
        self.audit = MemoryAuditSink(failClosed: auditFailClosed)
        let options = TreeOptions(cacheTTL: Self.ttl, maxStale: Self.maxStale, host: "http://127.0.0.1:1")
        self.tree = SecretTree(source: self.source, options: options, clock: self.clock, changes: self.changes)
        self.fileSystem = SecretFileSystem(
            source: self.source,
            options: FileSystemOptions(
                uid: 1000,
                gid: 1000,
                cacheTTL: Self.ttl,
                maxStale: Self.maxStale,
                host: "http://127.0.0.1:1"
            ),
            audit: self.audit,
            auditFailClosed: auditFailClosed,
            kernelCache: self.kernel,
            clock: self.clock
        )
        if populate { try self.populate() }
    }

    /// Vault `v1` "Ops" with folder `f1` "DB" holding item `i1` "postgres" (every kind of field), and item
    /// `i2` "api" at the vault's top.
    func populate() throws {
        self.source.addVault("v1", name: "Ops")
        self.source.addFolder("f1", name: "DB", vaultId: "v1")
        try self.source.addItem(
            "i1",
            vaultId: "v1",
            folderId: "f1",
            name: "postgres",
            password: "s3cret-pw",
            login: "admin",
            url: "postgres://db",
            description: "the main database",
            customs: [.init(name: "API_KEY", value: "key-123"), .init(name: "port", value: "5432")],
            attachments: [(id: "a1", name: "ca.pem", data: "-----CERT-----")]
        )
        try self.source.addItem("i2", vaultId: "v1", name: "api", password: "token-xyz")
    }

    /// The names in a directory of the tree.
    func names(_ key: NodeKey) async throws -> [String] { try await self.tree.entries(of: key).map(\.name) }

    /// The node at a path of names, resolved through the tree as lookups are.
    func node(_ path: String) async throws -> NodeKey? {
        var key = NodeKey.root
        for name in path.split(separator: "/") {
            guard let child = try await self.tree.child(named: String(name), of: key) else { return nil }
            key = child
        }
        return key
    }

    /// The bytes of a file, read through the tree.
    func text(_ path: String) async throws -> String {
        try await self.tree.read(path: path.split(separator: "/").map(String.init)).unsafeString()
    }

    // MARK: - Through the adapter, as the kernel would ask

    static let caller = Caller(uid: 1000, gid: 1000, threadID: getpid(), umask: 0o022)

    /// Looks a path up from the root, one `lookup` per name; the inode of the last.
    func lookup(_ path: String) async throws(Errno) -> InodeNumber {
        var inode: InodeNumber = 1
        for name in path.split(separator: "/") {
            switch try await self.fileSystem.lookup(parent: inode, name: String(name)) {
            case .entry(let entry): inode = entry.attributes.inode
            case .negative: throw .noEntry
            }
        }
        return inode
    }

    /// Opens, reads whole and releases a file through the adapter.
    func cat(_ path: String) async throws(Errno) -> String {
        let inode = try await self.lookup(path)
        let reply = try await self.fileSystem.open(inode: inode, caller: Self.caller)
        defer { self.fileSystem.release(inode: inode, handle: reply.handle) }
        return try self.readAll(inode: inode, handle: reply.handle)
    }

    func readAll(inode: InodeNumber, handle: UInt64) throws(Errno) -> String {
        var bytes: [UInt8] = []
        try self.fileSystem.read(inode: inode, handle: handle, offset: 0, size: 1 << 20) { bytes = Array($0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
