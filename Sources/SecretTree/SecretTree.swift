import PassworkClient
import PassworkModels
import Synchronization

/// The mount tree computed from the server's data, with no kernel in sight: vaults and folders as
/// directories, each item a directory, each field a file; names, `.by-id`, extended attributes, `.status`,
/// and the caches behind them. The FUSE adapter serves it, and `secretfs exec` resolves `pw://` paths
/// through it with no mount at all. Directories are fetched when first listed or looked up (never the whole
/// account at once); a file's secret is decrypted when it is opened, field by field.
public final class SecretTree: Sendable {
    let source: any SecretSource
    let options: TreeOptions
    public let clock: any TreeClock
    let health: BackendHealth
    let vaultList: FreshnessCache<Int, [Vault]>
    let folderLists: FreshnessCache<String, [Folder]>
    /// Each vault's items as its listing keeps them: names and ids, no ciphertexts.
    let itemLists: FreshnessCache<String, [ItemSummary]>
    /// The latest summary of every listed item, by id.
    let summaries = Mutex<[String: ItemSummary]>([:])
    /// Whole items (ciphertexts included) in use, at most ``itemCacheCapacity``.
    let items: FreshnessCache<String, Item>
    /// Directory listings of vaults and folders, rebuilt when their lists are fetched anew.
    let listings = Mutex<[ListingKey: Listing]>([:])
    /// The root's entries as last built, to tell which vault names changed.
    let rootEntries = Mutex<[String: TreeEntry]?>(nil)
    let changes: (any TreeChangeObserver)?
    let status: (any TreeStatusSource)?

    /// Whole items kept at most: about 2.5 MB. Listings keep every item's summary; ciphertexts past this are
    /// fetched again when a file of theirs is opened.
    public static let itemCacheCapacity = 1024

    public init(
        source: any SecretSource,
        options: TreeOptions,
        clock: any TreeClock = SystemTreeClock(),
        changes: (any TreeChangeObserver)? = nil,
        status: (any TreeStatusSource)? = nil
    ) {
        self.source = source
        self.options = options
        self.clock = clock
        self.changes = changes
        self.status = status
        let health = BackendHealth(clock: clock)
        self.health = health
        self.vaultList = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health, clock: clock)
        self.folderLists = FreshnessCache(
            ttl: options.cacheTTL,
            maxStale: options.maxStale,
            health: health,
            clock: clock
        )
        self.itemLists = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health, clock: clock)
        self.items = FreshnessCache(
            ttl: options.cacheTTL,
            maxStale: options.maxStale,
            health: health,
            capacity: Self.itemCacheCapacity,
            clock: clock
        )
        MemoryRelease.tuneAllocator()
    }

    /// Whether the last attempt to reach the server failed: the tree is serving what it had.
    public var isServingStale: Bool { self.health.isDown }

    /// How many whole items and vault listings are cached.
    public var cachedCounts: (items: Int, vaults: Int) { (self.items.count, self.itemLists.count) }
}
