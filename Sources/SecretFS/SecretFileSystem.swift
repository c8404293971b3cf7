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
    private let vaultList: FreshnessCache<Int, [Vault]>
    private let folderLists: FreshnessCache<String, [Folder]>
    private let itemLists: FreshnessCache<String, [Item]>
    private let items: FreshnessCache<String, Item>
    private let health: BackendHealth
    /// Open files: handle → plaintext (wiped when released).
    private let handles = Mutex<[UInt64: SecureBytes]>([:])
    /// Directory listings of vaults and folders, rebuilt when their lists are fetched anew.
    private let listings = Mutex<[ListingKey: Listing]>([:])
    private let nextHandle = Atomic<UInt64>(1)
    private let session = Mutex<FuseSession?>(nil)
    /// The kernel's caches, told when a fetch shows that something it may hold changed.
    let kernel = KernelInvalidation()
    /// The root's entries as last built, to tell which vault names changed.
    private let rootEntries = Mutex<[String: TreeEntry]?>(nil)
    private let tokens: TokenManager?
    private let audit: (any AuditSink)?
    private let auditFailClosed: Bool
    private let hostName = ProcessInfo.processInfo.hostName

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
        self.items = FreshnessCache(ttl: options.cacheTTL, maxStale: options.maxStale, health: health)
        if let kernelCache { self.kernel.attach(kernelCache) }
    }

    public func mounted(_ session: FuseSession) {
        self.session.withLock { $0 = session }
        self.kernel.attach(session)
    }

    // MARK: - Tree

    /// The entries of a directory node.
    func entries(of key: NodeKey) async throws(ClientError) -> [TreeEntry] {
        switch key {
        case .root:
            let vaults = try await self.vaultList.value(for: 0) { () throws(ClientError) in
                try await self.source.vaults()
            }
            let names = EntryName.disambiguate(vaults.map { (name: $0.name, id: $0.id) })
            let entries =
                [TreeEntry(name: ".status", key: .status)]
                + zip(names, vaults).map { TreeEntry(name: $0, key: .vault($1.id)) }
            let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let previous = self.rootEntries.withLock { state in
                defer { state = byName }
                return state
            }
            if let previous { self.forgetChangedNames(in: .root, from: previous, to: byName) }
            return entries
        case .byID:
            return []
        case .vault(let vaultId):
            return try await self.children(vaultId: vaultId, folderId: nil)
        case .folder(let vaultId, let folderId):
            return try await self.children(vaultId: vaultId, folderId: folderId)
        case .item(let itemId):
            let item = try await self.decryptedItem(itemId)
            return ItemContent.entries(of: item)
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
    private func children(vaultId: String, folderId: String?) async throws(ClientError) -> [TreeEntry] {
        try await self.listing(vaultId: vaultId, folderId: folderId).entries
    }

    private func listing(vaultId: String, folderId: String?) async throws(ClientError) -> Listing {
        let (folders, foldersVersion) = try await self.folderLists.versionedValue(for: vaultId) {
            () throws(ClientError) in try await self.source.folders(vaultId: vaultId)
        }
        let (items, itemsVersion) = try await self.itemLists.versionedValue(for: vaultId) { () throws(ClientError) in
            try await self.source.items(vaultId: vaultId)
        }
        let key = ListingKey(vaultId: vaultId, folderId: folderId)
        let versions = [foldersVersion, itemsVersion]
        if let built = self.listings.withLock({ $0[key] }), built.versions == versions { return built }
        // One pass over the vault builds every directory of it.
        var foldersByParent: [String?: [Folder]] = [:]
        for folder in folders { foldersByParent[folder.parentFolderId, default: []].append(folder) }
        var itemsByFolder: [String?: [Item]] = [:]
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
            self.forgetChangedNames(in: directory, from: old.byName, to: built[key]?.byName ?? [:])
        }
        return built[key] ?? Listing(versions: versions, entries: [])
    }

    /// Tells the kernel which names of a directory it knows changed between two builds of its listing.
    private func forgetChangedNames(in directory: NodeKey, from old: [String: TreeEntry], to new: [String: TreeEntry]) {
        guard let inode = self.inodes.referencedInode(for: directory) else { return }
        self.kernel.names(KernelInvalidation.changedNames(from: old, to: new), in: inode)
    }

    /// The node called `name` in directory `parent`, as lookups and `read(path:)` resolve it; `.by-id` and the
    /// items under it are reachable by name but never listed.
    func child(named name: String, of parent: NodeKey) async throws(ClientError) -> NodeKey? {
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

    func item(_ itemId: String) async throws(ClientError) -> Item {
        let before = self.items.peek(itemId)
        let item = try await self.items.value(for: itemId) { () throws(ClientError) in
            try await self.source.item(id: itemId)
        }
        if let before, before != item { self.forgetItem(itemId, from: before, to: item) }
        return item
    }

    /// An item changed on the server: the kernel forgets the attributes of its nodes (sizes change with the
    /// values) and the names in its directory that came or went (custom fields, attachments).
    private func forgetItem(_ itemId: String, from old: Item, to new: Item) {
        self.kernel.attributes(
            of: self.inodes.referencedInodes { key in
                switch key {
                case .item(let id), .file(let id, _), .attachments(let id), .attachment(let id, _): id == itemId
                default: false
                }
            }
        )
        func names(_ item: Item) -> [String: TreeEntry] {
            let entries = (try? self.source.decrypt(item)).map(ItemContent.entries(of:)) ?? []
            return Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.forgetChangedNames(in: .item(itemId), from: names(old), to: names(new))
    }

    func decryptedItem(_ itemId: String) async throws(ClientError) -> DecryptedItem {
        try self.source.decrypt(try await self.item(itemId))
    }

    /// The bytes a file node reads as, decrypted into locked memory.
    func content(of key: NodeKey) async throws(ClientError) -> SecureBytes {
        switch key {
        case .status:
            return SecureBytes(utf8: await self.statusJSON())
        case .file(let itemId, let file):
            let item = try await self.decryptedItem(itemId)
            guard let content = ItemContent.content(of: file, in: item) else { throw .notFound("no such field") }
            return content
        case .attachment(let itemId, let attachmentId):
            return try await self.source.attachment(of: try await self.item(itemId), id: attachmentId)
        default:
            throw .notFound("not a file")
        }
    }

    func attributes(of key: NodeKey, inode: UInt64) async throws(ClientError) -> FileAttributes {
        if key.isDirectory {
            return FileAttributes(
                inode: inode,
                kind: .directory,
                permissions: self.options.directoryMode,
                size: 0,
                uid: self.options.uid,
                gid: self.options.gid,
                linkCount: 2
            )
        }
        // The true size: decrypted here and wiped at once.
        let size = try await self.content(of: key).count
        return FileAttributes(
            inode: inode,
            kind: .regularFile,
            permissions: self.options.fileMode,
            size: size,
            uid: self.options.uid,
            gid: self.options.gid
        )
    }

    func statusJSON() async -> String {
        var status: [String: Any] = [
            "server": self.options.host,
            "stale": self.health.isDown,
            "cachedItems": self.items.count,
            "cachedVaults": self.itemLists.count,
            "openFiles": self.handles.withLock { $0.count },
            "inodesReferenced": self.inodes.referencedCount,
            "auditPending": await self.audit?.pendingCount() ?? 0,
        ]
        if let tokens = self.tokens {
            let current = await tokens.current
            status["accessTokenExpiresAt"] = current.accessTokenExpiredAt.map { Int($0) } as Any? ?? NSNull()
            status["refreshTokenExpiresAt"] = current.refreshTokenExpiredAt.map { Int($0) } as Any? ?? NSNull()
            status["lastRefresh"] =
                await tokens.lastRefresh.map { ISO8601DateFormatter().string(from: $0) } as Any? ?? NSNull()
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: status,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
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
    private func answer(_ request: FuseRequest, _ work: @escaping @Sendable () async throws(ClientError) -> Void) {
        Task {
            do throws(ClientError) { try await work() } catch { request.reply(error: ErrnoMapping.errno(for: error)) }
        }
    }

    // MARK: - FUSE operations

    public func lookup(_ request: FuseRequest, parent: InodeNumber, name: String) {
        guard let parentKey = self.inodes.key(for: parent) else { return request.reply(error: .noEntry) }
        self.answer(request) { () throws(ClientError) in
            guard let key = try await self.child(named: name, of: parentKey) else {
                // Tools probe for .git, ._foo and the like again and again: let the kernel remember.
                return request.replyNegativeEntry(timeout: self.options.kernelTimeout)
            }
            let attributes = try await self.attributes(of: key, inode: self.inodes.inode(for: key))
            self.inodes.recordLookup(of: key)
            let timeout = self.options.kernelTimeout
            request.reply(entry: EntryReply(attributes: attributes, entryTimeout: timeout, attributeTimeout: timeout))
        }
    }

    public func forget(inode: InodeNumber, lookups: UInt64) { self.inodes.forget(inode, count: lookups) }

    public func getattr(_ request: FuseRequest, inode: InodeNumber) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        self.answer(request) { () throws(ClientError) in
            request.reply(
                attributes: try await self.attributes(of: key, inode: inode),
                timeout: self.options.kernelTimeout
            )
        }
    }

    public func readdir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        guard let key = self.inodes.key(for: inode), key.isDirectory else { return request.reply(error: .notDirectory) }
        self.answer(request) { () throws(ClientError) in
            let entries = try await self.entries(of: key)
            let listed =
                [
                    DirectoryEntry(name: ".", inode: inode, kind: .directory),
                    DirectoryEntry(name: "..", inode: 1, kind: .directory),
                ]
                + entries.map {
                    DirectoryEntry(
                        name: $0.name,
                        inode: self.inodes.inode(for: $0.key),
                        kind: $0.key.isDirectory ? .directory : .regularFile
                    )
                }
            request.reply(directory: listed, offset: offset, size: size)
        }
    }

    public func open(_ request: FuseRequest, inode: InodeNumber) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        guard !key.isDirectory else { return request.reply(error: .isDirectory) }
        Task {
            let content: SecureBytes
            do throws(ClientError) {
                content = try await self.content(of: key)
            } catch {
                _ = await self.recordAudit(of: key, caller: request.caller, bytes: 0, result: AuditResult.error)
                return request.reply(error: ErrnoMapping.errno(for: error))
            }
            // Every open of a secret is audited; fail-closed answers only once the endpoint accepted the event.
            guard await self.recordAudit(of: key, caller: request.caller, bytes: content.count, result: AuditResult.ok)
            else { return request.reply(error: .accessDenied) }
            let handle = self.nextHandle.add(1, ordering: .relaxed).oldValue
            self.handles.withLock { $0[handle] = content }
            // direct_io: plaintext never enters the page cache, and reads need not match st_size (TOTP).
            request.reply(open: OpenReply(handle: handle, directIO: true))
        }
    }

    /// Records the read of a secret node (nothing for plain metadata); false when a fail-closed audit refused.
    private func recordAudit(of key: NodeKey, caller: Caller, bytes: Int, result: String) async -> Bool {
        guard let audit = self.audit, let (itemId, field) = await self.auditSubject(key) else { return true }
        let event = AuditEvent(
            date: Date(),
            action: AuditAction.read,
            itemId: itemId,
            vaultId: self.items.peek(itemId)?.vaultId ?? "",
            field: field,
            bytes: bytes,
            result: result,
            caller: AuditCaller(uid: caller.uid, gid: caller.gid, pid: caller.processID, exe: caller.executablePath),
            host: self.hostName,
            mount: self.session.withLock { $0?.mountpoint }
        )
        do {
            try await audit.record(event)
            return true
        } catch {
            return !self.auditFailClosed
        }
    }

    /// The item and field a secret node reads, named as in the tree.
    private func auditSubject(_ key: NodeKey) async -> (itemId: String, field: String)? {
        switch key {
        case .file(let itemId, let file) where file.isSecret:
            switch file {
            case .password: return (itemId, "password")
            case .json: return (itemId, ".json")
            case .env: return (itemId, ".env")
            case .custom(let index):
                let name = (try? await self.decryptedItem(itemId))?.customs[safe: index]?.name ?? "custom \(index)"
                return (itemId, name)
            default: return nil
            }
        case .attachment(let itemId, let attachmentId):
            let name = self.items.peek(itemId)?.attachments.first { $0.id == attachmentId }?.name ?? attachmentId
            return (itemId, "attachments/" + name)
        default:
            return nil
        }
    }

    public func read(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        guard let content = self.handles.withLock({ $0[handle] }) else { return request.reply(error: .invalid) }
        content.withUnsafeBytes { bytes in
            let start = min(max(offset, 0), bytes.count)
            let end = min(start + size, bytes.count)
            request.reply(data: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    public func release(_ request: FuseRequest, inode: InodeNumber, handle: UInt64) {
        // Dropping the last reference wipes the plaintext.
        self.handles.withLock { _ = $0.removeValue(forKey: handle) }
        request.replyOK()
    }

    public func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        guard let value = self.extendedAttributes(of: key)[name] else { return request.reply(error: .noAttribute) }
        request.reply(xattr: Array(value.utf8), size: size)
    }

    public func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        let names: [UInt8] = self.extendedAttributes(of: key).keys.sorted().flatMap { name -> [UInt8] in
            Array(name.utf8) + [0]
        }
        request.reply(xattr: names, size: size)
    }

    /// `user.secretfs.*`: ids, the vault, and whether the data is being served stale.
    func extendedAttributes(of key: NodeKey) -> [String: String] {
        var attributes: [String: String] = [:]
        let itemId: String?
        switch key {
        case .vault(let id): attributes["user.secretfs.vault_id"] = id; itemId = nil
        case .folder(let vaultId, let folderId):
            attributes["user.secretfs.vault_id"] = vaultId
            attributes["user.secretfs.folder_id"] = folderId
            itemId = nil
        case .item(let id), .file(let id, _), .attachments(let id): itemId = id
        case .attachment(let id, let attachmentId):
            attributes["user.secretfs.attachment_id"] = attachmentId; itemId = id
        case .root, .status, .byID: itemId = nil
        }
        if let itemId {
            attributes["user.secretfs.item_id"] = itemId
            if let item = self.items.peek(itemId) {
                attributes["user.secretfs.vault_id"] = item.vaultId
                if let folderId = item.folderId { attributes["user.secretfs.folder_id"] = folderId }
            }
            attributes["user.secretfs.stale"] = self.items.isStale(itemId) ? "1" : "0"
        }
        return attributes
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { self.indices.contains(index) ? self[index] : nil }
}

/// A vault's directory (folder nil) or one of its folders.
struct ListingKey: Hashable, Sendable {
    let vaultId: String
    let folderId: String?
}

/// A built directory: its entries in order and by name, and the versions of the lists it was built from.
struct Listing: Sendable {
    let versions: [UInt64]
    let entries: [TreeEntry]
    let byName: [String: TreeEntry]

    init(versions: [UInt64], entries: [TreeEntry]) {
        self.versions = versions
        self.entries = entries
        self.byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
