/// Body of `POST /api/v1/shortcuts`; answered with ``IDResponse``.
///
/// `keyEncrypted = CSE(itemKey, targetVaultKey)`; the connector sends `null` for it without CSE and `null` for
/// `folderId` at the vault's root, so both are always encoded.
public struct ShortcutCreateRequest: Codable, Sendable, Equatable {
    /// The vault to place the shortcut in.
    public var vaultId: String
    /// The folder to place it in, or `nil` for the vault's root.
    public var folderId: String?
    /// The item the shortcut points to.
    public var itemId: String
    /// The item key encrypted with the target vault's key.
    public var keyEncrypted: String?

    /// Creates the body.
    public init(vaultId: String, folderId: String? = nil, itemId: String, keyEncrypted: String? = nil) {
        self.vaultId = vaultId
        self.folderId = folderId
        self.itemId = itemId
        self.keyEncrypted = keyEncrypted
    }

    private enum CodingKeys: String, CodingKey {
        case vaultId, folderId, itemId, keyEncrypted
    }

    /// Encodes all four keys, unset ones as `null`, as the connector does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.vaultId, forKey: .vaultId)
        try container.encode(self.folderId, forKey: .folderId)
        try container.encode(self.itemId, forKey: .itemId)
        try container.encode(self.keyEncrypted, forKey: .keyEncrypted)
    }
}

/// The `shortcut` member of a shortcut response.
public struct ShortcutInfo: Codable, Sendable, Equatable {
    /// The shortcut's id.
    public var id: String
    /// The item key encrypted with the shortcut's vault key.
    public var keyEncrypted: String?
    /// The item pointed to.
    public var itemId: String
    /// The vault holding the shortcut.
    public var vaultId: String
    /// The folder holding the shortcut, `nil` at the root.
    public var folderId: String?
    /// Who created it; a login string on real servers, kept as raw JSON.
    public var creator: JSONValue?

    /// Creates the shortcut description.
    public init(
        id: String,
        keyEncrypted: String? = nil,
        itemId: String,
        vaultId: String,
        folderId: String? = nil,
        creator: JSONValue? = nil
    ) {
        self.id = id
        self.keyEncrypted = keyEncrypted
        self.itemId = itemId
        self.vaultId = vaultId
        self.folderId = folderId
        self.creator = creator
    }

    private enum CodingKeys: String, CodingKey {
        case id, keyEncrypted, itemId, vaultId, folderId, creator
    }

    /// Encodes the description, with `folderId` as `null` at the root.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encodeIfPresent(self.keyEncrypted, forKey: .keyEncrypted)
        try container.encode(self.itemId, forKey: .itemId)
        try container.encode(self.vaultId, forKey: .vaultId)
        try container.encode(self.folderId, forKey: .folderId)
        try container.encodeIfPresent(self.creator, forKey: .creator)
    }
}

/// One step of a shortcut's location, `{name, vaultId, folderId}`.
public struct PathEntry: Codable, Sendable, Equatable {
    /// The vault's or folder's name.
    public var name: String
    /// The vault.
    public var vaultId: String
    /// The folder, `nil` for the vault itself.
    public var folderId: String?

    /// Creates a path step.
    public init(name: String, vaultId: String, folderId: String? = nil) {
        self.name = name
        self.vaultId = vaultId
        self.folderId = folderId
    }

    private enum CodingKeys: String, CodingKey {
        case name, vaultId, folderId
    }

    /// Encodes the step, with `folderId` as `null` for the vault itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.vaultId, forKey: .vaultId)
        try container.encode(self.folderId, forKey: .folderId)
    }
}

/// Answer of `GET /api/v1/shortcuts/{id}` and each element of `GET /api/v1/shortcuts/search`: the target item's
/// fields at the top level, plus `shortcut` and `path`.
///
/// The top-level `id` is the item's id; the shortcut's own id is `shortcut.id`.
public struct ShortcutResponse: Codable, Sendable, Equatable {
    /// The item the shortcut points to (its fields sit at the top level of the JSON object).
    public var item: Item
    /// The shortcut itself.
    public var shortcut: ShortcutInfo
    /// Where the shortcut lives; empty when not sent.
    public var path: [PathEntry]

    /// Creates the response.
    public init(item: Item, shortcut: ShortcutInfo, path: [PathEntry] = []) {
        self.item = item
        self.shortcut = shortcut
        self.path = path
    }

    private enum CodingKeys: String, CodingKey {
        case shortcut, path
    }

    /// Decodes the item from the top level, then `shortcut` and `path`.
    public init(from decoder: any Decoder) throws {
        self.item = try Item(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.shortcut = try container.decode(ShortcutInfo.self, forKey: .shortcut)
        self.path = try container.decode([PathEntry].self, forKey: .path, default: [])
    }

    /// Encodes the item's fields, `shortcut` and `path` into one object.
    public func encode(to encoder: any Encoder) throws {
        try self.item.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.shortcut, forKey: .shortcut)
        try container.encode(self.path, forKey: .path)
    }
}
