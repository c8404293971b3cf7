public import Audit
import Foundation
public import FuseKit
public import PassworkClient
import PassworkModels
public import SecretCrypto
import Synchronization

/// The mount tree of DESIGN.md served through FuseKit: vaults and folders as directories, each item a
/// directory, each field a file. Directories are fetched when first listed or looked up (never the whole
/// account at mount); secrets are decrypted on `open` into locked memory and wiped on `release`.
public final class SecretFileSystem: FuseFileSystem {
    let source: any SecretSource
    let options: FileSystemOptions
    let inodes = InodeTable<NodeKey>(root: .root)
    let vaultList: FreshnessCache<Int, [Vault]>
    let folderLists: FreshnessCache<String, [Folder]>
    /// Each vault's items as its listing keeps them: names and ids, no ciphertexts.
    let itemLists: FreshnessCache<String, [ItemSummary]>
    /// The latest summary of every listed item, by id.
    let summaries = Mutex<[String: ItemSummary]>([:])
    /// Whole items (ciphertexts included) in use, at most ``itemCacheCapacity``.
    let items: FreshnessCache<String, Item>
    let health: BackendHealth
    /// Open files: handle → plaintext (wiped when released).
    let openFiles = OpenFiles()
    /// Directory listings of vaults and folders, rebuilt when their lists are fetched anew.
    let listings = Mutex<[ListingKey: Listing]>([:])
    let session = Mutex<FuseSession?>(nil)
    /// The kernel's caches, told when a fetch shows that something it may hold changed.
    let kernel = KernelInvalidation()
    /// The root's entries as last built, to tell which vault names changed.
    let rootEntries = Mutex<[String: TreeEntry]?>(nil)
    let tokens: TokenManager?
    let audit: (any AuditSink)?
    let auditFailClosed: Bool
    let hostName = ProcessInfo.processInfo.hostName

    /// Whole items kept at most: about 2.5 MB. Listings keep every item's summary; ciphertexts past this are
    /// fetched again when a file of theirs is opened.
    static let itemCacheCapacity = 1024

    public init(
        source: any SecretSource,
        options: FileSystemOptions,
        tokens: TokenManager? = nil,
        audit: (any AuditSink)? = nil,
        auditFailClosed: Bool = false,
        kernelCache: (any KernelCacheInvalidating)? = nil
    ) {
        self.source = source
        self.options = options
        self.tokens = tokens
        self.audit = audit
        self.auditFailClosed = auditFailClosed
        let health = BackendHealth()
        self.health = health
        self.vaultList = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health)
        self.folderLists = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health)
        self.itemLists = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health)
        self.items = FreshnessCache(
            ttl: options.cacheTTL,
            maxStale: options.maxStale,
            health: health,
            capacity: Self.itemCacheCapacity
        )
        if let kernelCache { self.kernel.attach(kernelCache) }
        MemoryRelease.tuneAllocator()
    }

    public func mounted(_ session: FuseSession) {
        self.session.withLock { $0 = session }
        self.kernel.attach(session)
    }

    /// The bytes of the file at `components` below the mount's root, named exactly as the mount names them
    /// (what `secretfs exec --env NAME=pw://VAULT/FOLDER/ITEM/FIELD` reads, with no mount needed).
    public func read(path components: [String]) async throws(ClientError) -> SecureBytes {
        var key = NodeKey.root
        for component in components where !component.isEmpty {
            guard let child = try await self.child(named: component, of: key) else {
                throw .notFound("no '\(component)' in the path \(components.joined(separator: "/"))")
            }
            key = child
        }
        guard !key.isDirectory else { throw .notFound("\(components.joined(separator: "/")) is a directory") }
        return try await self.content(of: key)
    }

    /// Runs `work` off the FUSE thread and answers the request with its error if it throws.
    func answer(_ request: FuseRequest, _ work: @escaping @Sendable () async throws(ClientError) -> Void) {
        Task {
            do throws(ClientError) { try await work() } catch { request.reply(error: ErrnoMapping.errno(for: error)) }
        }
    }
}
