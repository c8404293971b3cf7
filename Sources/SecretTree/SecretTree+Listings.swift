public import PassworkClient
import PassworkModels
import SecretCrypto
import Synchronization

/// Directories built from the vaults' lists, items and their files, and the change observer told of changes.
extension SecretTree {
    /// The entries of a directory node.
    public func entries(of key: NodeKey) async throws(ClientError) -> [TreeEntry] {
        switch key {
        case .root:
            let vaults = try await self.vaultList.value(for: 0) { () throws(ClientError) in
                try await self.source.vaults()
            }
            let names = EntryName.disambiguate(vaults.map { (name: $0.name, id: $0.id) })
            let entries =
                [TreeEntry(name: ".status", key: .status)]
                + zip(names, vaults).map { TreeEntry(name: $0, key: .vault($1.id)) }
            let byName = Listing.byName(entries)
            let previous = self.rootEntries.withLock { state in
                defer { state = byName }
                return state
            }
            if let previous { self.changes?.listingChanged(in: .root, from: previous, to: byName) }
            return entries
        case .byID:
            return []
        case .vault(let vaultId):
            return try await self.children(vaultId: vaultId, folderId: nil)
        case .folder(let vaultId, let folderId):
            return try await self.children(vaultId: vaultId, folderId: folderId)
        case .item(let itemId):
            if let summary = self.listedSummary(of: itemId), summary.customNames != nil {
                return ItemContent.entries(of: summary)
            }
            let fields = try await self.fields(of: itemId)
            return ItemContent.entries(of: ItemSummary(item: fields.item, customNames: try fields.customNames()))
        case .attachments(let itemId):
            let item = try await self.item(itemId)
            let names = EntryName.disambiguate(item.attachments.map { (name: $0.name, id: $0.id) })
            return zip(names, item.attachments).map {
                TreeEntry(name: $0, key: .attachment(itemId: itemId, attachmentId: $1.id))
            }
        case .status, .file, .attachment:
            return []
        }
    }

    /// A vault's or folder's entries. Built once per fetch of the vault's lists and kept, with a by-name index:
    /// listing or looking up in a vault of thousands of items must not filter and rename them all each time.
    func children(vaultId: String, folderId: String?) async throws(ClientError) -> [TreeEntry] {
        try await self.listing(vaultId: vaultId, folderId: folderId).entries
    }

    func listing(vaultId: String, folderId: String?) async throws(ClientError) -> Listing {
        let (folders, foldersVersion) = try await self.folderLists.versionedValue(for: vaultId) {
            () throws(ClientError) in try await self.source.folders(vaultId: vaultId)
        }
        let (items, itemsVersion) = try await self.itemLists.versionedValue(for: vaultId) { () throws(ClientError) in
            try await self.fetchSummaries(of: vaultId)
        }
        let key = ListingKey(vaultId: vaultId, folderId: folderId)
        let versions = [foldersVersion, itemsVersion]
        if let built = self.listings.withLock({ $0[key] }), built.versions == versions { return built }
        // A large list was just decoded and its whole items dropped (but those the item cache keeps): hand the
        // scratch memory back.
        if items.count >= MemoryRelease.itemsWorthATrim { MemoryRelease.trim() }
        // One pass over the vault builds every directory of it.
        var foldersByParent: [String?: [Folder]] = [:]
        for folder in folders { foldersByParent[folder.parentFolderId, default: []].append(folder) }
        var itemsByFolder: [String?: [ItemSummary]] = [:]
        for item in items { itemsByFolder[item.folderId, default: []].append(item) }
        var built: [ListingKey: Listing] = [:]
        for parent in Set(foldersByParent.keys).union(itemsByFolder.keys).union([nil]) {
            let named =
                (foldersByParent[parent] ?? []).map {
                    (name: $0.name, id: $0.id, key: NodeKey.folder(vaultId: vaultId, folderId: $0.id))
                } + (itemsByFolder[parent] ?? []).map { (name: $0.name, id: $0.id, key: NodeKey.item($0.id)) }
            let names = EntryName.disambiguate(named.map { (name: $0.name, id: $0.id) })
            let entries = zip(names, named).map { TreeEntry(name: $0, key: $1.key) }
            built[ListingKey(vaultId: vaultId, folderId: parent)] = Listing(versions: versions, entries: entries)
        }
        let replaced = self.listings.withLock { listings in
            built.compactMap { key, listing in listings.updateValue(listing, forKey: key).map { (key, $0) } }
        }
        for (key, old) in replaced where old.versions != versions {
            let directory: NodeKey = key.folderId.map { .folder(vaultId: vaultId, folderId: $0) } ?? .vault(vaultId)
            self.changes?.listingChanged(in: directory, from: old.byName, to: built[key]?.byName ?? [:])
        }
        return built[key] ?? Listing(versions: versions, entries: [])
    }

    /// A vault's items, fetched and kept as summaries. Each item is summarised as soon as it is decoded and
    /// dropped unless the bounded item cache takes it (the first ones, so that opening one right after needs
    /// no request of its own): the whole list of a vault of 10,000 items never exists at once, and what stays
    /// is not scattered among what went, which would keep the heap from shrinking back.
    func fetchSummaries(of vaultId: String) async throws(ClientError) -> [ItemSummary] {
        var summaries: [ItemSummary] = []
        var seeded: [(String, Item)] = []
        var shared: (vaultId: String, wrappedKey: String?)?
        try await self.source.forEachItem(vaultId: vaultId) { decoded in
            var item = decoded
            // One copy of what every item of a vault repeats: its id and the wrapped vault key (~400 bytes).
            if let shared {
                if item.vaultId == shared.vaultId { item.vaultId = shared.vaultId }
                if item.vaultMasterKeyEncrypted == shared.wrappedKey {
                    item.vaultMasterKeyEncrypted = shared.wrappedKey
                }
            } else {
                shared = (item.vaultId, item.vaultMasterKeyEncrypted)
            }
            summaries.append(self.summary(of: item))
            if seeded.count < Self.itemCacheCapacity { seeded.append((item.id, item)) }
        }
        let replaced = self.items.seed(seeded)
        for (id, item) in seeded {
            if let old = replaced[id], old != item { self.changes?.itemChanged(id) }
        }
        let previous = self.summaries.withLock { index in
            var previous: [String: ItemSummary] = [:]
            for (id, summary) in index where summary.vaultId == vaultId { previous[id] = summary }
            for id in previous.keys { index[id] = nil }
            for summary in summaries { index[summary.id] = summary }
            return previous
        }
        for summary in summaries {
            if let old = previous[summary.id], old != summary { self.forgetChangedNames(of: old, to: summary) }
        }
        return summaries
    }

    /// The node called `name` in directory `parent`, as lookups and `read(path:)` resolve it; `.by-id` and the
    /// items under it are reachable by name but never listed.
    public func child(named name: String, of parent: NodeKey) async throws(ClientError) -> NodeKey? {
        if parent == .root && name == ".by-id" { return .byID }
        if parent == .byID {
            _ = try await self.item(name)
            return .item(name)
        }
        return try await self.entry(named: name, in: parent)?.key
    }

    /// The entry called `name` in a directory: by index for vaults and folders.
    func entry(named name: String, in key: NodeKey) async throws(ClientError) -> TreeEntry? {
        switch key {
        case .vault(let vaultId): return try await self.listing(vaultId: vaultId, folderId: nil).byName[name]
        case .folder(let vaultId, let folderId):
            return try await self.listing(vaultId: vaultId, folderId: folderId).byName[name]
        default: return try await self.entries(of: key).first { $0.name == name }
        }
    }
}
