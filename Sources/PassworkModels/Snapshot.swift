/// A user as summarised inside other objects (a snapshot's `creator`).
public struct UserSummary: Codable, Sendable, Equatable {
    /// The user's id.
    public var id: String
    /// Login name.
    public var login: String?
    /// Display name.
    public var fullName: String?
    /// Whether the user has an avatar.
    public var hasAvatar: Bool?
    /// Whether the user was deleted.
    public var isDeleted: Bool?

    /// Creates a summary.
    public init(
        id: String,
        login: String? = nil,
        fullName: String? = nil,
        hasAvatar: Bool? = nil,
        isDeleted: Bool? = nil
    ) {
        self.id = id
        self.login = login
        self.fullName = fullName
        self.hasAvatar = hasAvatar
        self.isDeleted = isDeleted
    }
}

/// A past version of an item, from `GET /api/v1/items/{itemId}/snapshot/{snapshotId}`.
///
/// Its `keyEncrypted` is decrypted with the item's vault key. `id`, `itemId` and `name` are required; other
/// fields tolerate being missing or `null`.
public struct Snapshot: Codable, Sendable, Equatable {
    /// The snapshot's id.
    public var id: String
    /// The item it is a version of.
    public var itemId: String
    /// Name at that time.
    public var name: String
    /// Login at that time.
    public var login: String
    /// URL at that time.
    public var url: String
    /// Custom fields at that time (encrypted).
    public var customs: [CustomField]
    /// Tags at that time.
    public var tags: [String]
    /// Attachments at that time.
    public var attachments: [ItemAttachment]
    /// Who made this version.
    public var creatorId: String?
    /// When, in Unix seconds.
    public var createdAt: Int64?
    /// Description at that time.
    public var description: String?
    /// Field order at that time; undocumented shape.
    public var fieldsOrder: JSONValue?
    /// The creator, summarised.
    public var creator: UserSummary?
    /// The password at that time, encrypted with ``keyEncrypted``'s key.
    public var passwordEncrypted: String
    /// The snapshot's item key, encrypted with the vault key.
    public var keyEncrypted: String

    /// Creates a snapshot.
    public init(
        id: String,
        itemId: String,
        name: String,
        login: String = "",
        url: String = "",
        customs: [CustomField] = [],
        tags: [String] = [],
        attachments: [ItemAttachment] = [],
        creatorId: String? = nil,
        createdAt: Int64? = nil,
        description: String? = nil,
        fieldsOrder: JSONValue? = nil,
        creator: UserSummary? = nil,
        passwordEncrypted: String = "",
        keyEncrypted: String = ""
    ) {
        self.id = id
        self.itemId = itemId
        self.name = name
        self.login = login
        self.url = url
        self.customs = customs
        self.tags = tags
        self.attachments = attachments
        self.creatorId = creatorId
        self.createdAt = createdAt
        self.description = description
        self.fieldsOrder = fieldsOrder
        self.creator = creator
        self.passwordEncrypted = passwordEncrypted
        self.keyEncrypted = keyEncrypted
    }

    private enum CodingKeys: String, CodingKey {
        case id, itemId, name, login, url, customs, tags, attachments, creatorId, createdAt, description
        case fieldsOrder, creator, passwordEncrypted, keyEncrypted
    }

    /// Decodes a snapshot, tolerating missing and `null` optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.itemId = try container.decode(String.self, forKey: .itemId)
        self.name = try container.decode(String.self, forKey: .name)
        self.login = try container.decode(String.self, forKey: .login, default: "")
        self.url = try container.decode(String.self, forKey: .url, default: "")
        self.customs = try container.decode([CustomField].self, forKey: .customs, default: [])
        self.tags = try container.decode([String].self, forKey: .tags, default: [])
        self.attachments = try container.decode([ItemAttachment].self, forKey: .attachments, default: [])
        self.creatorId = try container.decodeIfPresent(String.self, forKey: .creatorId)
        self.createdAt = try container.decodeIfPresent(Int64.self, forKey: .createdAt)
        self.description = try container.decodeIfPresent(String.self, forKey: .description)
        self.fieldsOrder = try container.decodeIfPresent(JSONValue.self, forKey: .fieldsOrder)
        self.creator = try container.decodeIfPresent(UserSummary.self, forKey: .creator)
        self.passwordEncrypted = try container.decode(String.self, forKey: .passwordEncrypted, default: "")
        self.keyEncrypted = try container.decode(String.self, forKey: .keyEncrypted, default: "")
    }

    /// Encodes the snapshot as a real server sends it (`description`/`fieldsOrder` as `null` when unset).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.itemId, forKey: .itemId)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.login, forKey: .login)
        try container.encode(self.passwordEncrypted, forKey: .passwordEncrypted)
        try container.encode(self.url, forKey: .url)
        try container.encode(self.customs, forKey: .customs)
        try container.encode(self.tags, forKey: .tags)
        try container.encode(self.attachments, forKey: .attachments)
        try container.encodeIfPresent(self.creatorId, forKey: .creatorId)
        try container.encodeIfPresent(self.createdAt, forKey: .createdAt)
        try container.encode(self.keyEncrypted, forKey: .keyEncrypted)
        try container.encode(self.description, forKey: .description)
        try container.encode(self.fieldsOrder ?? .null, forKey: .fieldsOrder)
        try container.encodeIfPresent(self.creator, forKey: .creator)
    }
}
