/// The `inbox` member of `GET /api/v1/inbox-items/{id}`: an item shared directly with the caller.
///
/// `keyEncrypted` is `base64(RSA(key))` with the caller's public key, and the password is decrypted directly with
/// that key.
public struct InboxInfo: Codable, Sendable, Equatable {
    /// The inbox entry's id.
    public var id: String
    /// Granted access, e.g. `write`.
    public var access: String?
    /// The sender's user id.
    public var senderId: String?
    /// When it was sent, in Unix seconds.
    public var createdAt: Int64?
    /// Whether the caller has opened it.
    public var isViewed: Bool?
    /// Whether the caller was notified.
    public var isUserNotified: Bool?
    /// The sender; undocumented shape, kept as raw JSON.
    public var sender: JSONValue?
    /// The item key wrapped with the caller's RSA public key.
    public var keyEncrypted: String?

    /// Creates the inbox description.
    public init(
        id: String,
        access: String? = nil,
        senderId: String? = nil,
        createdAt: Int64? = nil,
        isViewed: Bool? = nil,
        isUserNotified: Bool? = nil,
        sender: JSONValue? = nil,
        keyEncrypted: String? = nil
    ) {
        self.id = id
        self.access = access
        self.senderId = senderId
        self.createdAt = createdAt
        self.isViewed = isViewed
        self.isUserNotified = isUserNotified
        self.sender = sender
        self.keyEncrypted = keyEncrypted
    }
}

/// Answer of `GET /api/v1/inbox-items/{id}`: the item's fields at the top level plus `inbox`.
public struct InboxItemResponse: Codable, Sendable, Equatable {
    /// The shared item (its fields sit at the top level of the JSON object).
    public var item: Item
    /// The inbox entry.
    public var inbox: InboxInfo

    /// Creates the response.
    public init(item: Item, inbox: InboxInfo) {
        self.item = item
        self.inbox = inbox
    }

    private enum CodingKeys: String, CodingKey {
        case inbox
    }

    /// Decodes the item from the top level, then `inbox`.
    public init(from decoder: any Decoder) throws {
        self.item = try Item(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.inbox = try container.decode(InboxInfo.self, forKey: .inbox)
    }

    /// Encodes the item's fields and `inbox` into one object.
    public func encode(to encoder: any Encoder) throws {
        try self.item.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.inbox, forKey: .inbox)
    }
}

extension Endpoints {
    /// `POST` ``InboxSendRequest`` → ``IDResponse``: sends an item to another user's inbox (ours; Passwork does
    /// this from its web UI).
    public static let inboxItems = PathTemplate("/api/v1/inbox-items")
}

/// Body of `POST /api/v1/inbox-items` (ours): shares one item with one user directly.
///
/// `keyEncrypted` is the item key wrapped with the recipient's RSA public key (`users/{id}/public-key`), so the
/// recipient decrypts the item without access to its vault; `null` without client-side encryption.
public struct InboxSendRequest: Codable, Sendable, Equatable {
    /// The item to send; the sender must be able to read it.
    public var itemId: String
    /// The user who receives it.
    public var recipientId: String
    /// `base64(RSA(itemKey, recipientPublicKey))`.
    public var keyEncrypted: String?
    /// ``readAccess`` or ``writeAccess``.
    public var access: String

    /// The recipient may read the item.
    public static let readAccess = "read"
    /// The recipient may also change it (Passwork's default for inbox items).
    public static let writeAccess = "write"

    /// Creates the body.
    public init(itemId: String, recipientId: String, keyEncrypted: String? = nil, access: String = readAccess) {
        self.itemId = itemId
        self.recipientId = recipientId
        self.keyEncrypted = keyEncrypted
        self.access = access
    }
}
