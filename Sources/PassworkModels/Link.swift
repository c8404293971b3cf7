/// The item data carried by a share link, re-encrypted with the link's code.
public struct LinkItemData: Codable, Sendable, Equatable {
    /// Name (plaintext).
    public var name: String
    /// Login (plaintext).
    public var login: String
    /// URL (plaintext).
    public var url: String
    /// Description (plaintext), `null` when the item has none.
    public var description: String?
    /// The password encrypted with the link code.
    public var passwordEncrypted: String?
    /// Attachments with keys encrypted as `CSE(attachmentKey, code)`.
    public var attachments: [ItemAttachment]?
    /// Custom fields encrypted with the link code.
    public var customs: [CustomField]?

    /// Creates the data.
    public init(
        name: String,
        login: String,
        url: String,
        description: String? = nil,
        passwordEncrypted: String? = nil,
        attachments: [ItemAttachment]? = nil,
        customs: [CustomField]? = nil
    ) {
        self.name = name
        self.login = login
        self.url = url
        self.description = description
        self.passwordEncrypted = passwordEncrypted
        self.attachments = attachments
        self.customs = customs
    }

    private enum CodingKeys: String, CodingKey {
        case name, login, url, description, passwordEncrypted, attachments, customs
    }

    /// Encodes the data; `description` is always present (`null` when unset), as the connector sends it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.login, forKey: .login)
        try container.encode(self.url, forKey: .url)
        try container.encode(self.description, forKey: .description)
        try container.encodeIfPresent(self.passwordEncrypted, forKey: .passwordEncrypted)
        try container.encodeIfPresent(self.attachments, forKey: .attachments)
        try container.encodeIfPresent(self.customs, forKey: .customs)
    }
}

/// Body of `POST /api/v1/links`; answered with ``LinkCreateResponse``.
///
/// With CSE: `code` is a fresh random key, `keyHash = sha256hex(code)`, `keyEncrypted = CSE(code, itemKey)`;
/// without CSE both are `null` (always encoded). The client appends `#code=<code>` to the returned URL.
public struct LinkCreateRequest: Codable, Sendable, Equatable {
    /// The shared item.
    public var itemId: String
    /// The item's data, re-encrypted for the link.
    public var itemData: LinkItemData
    /// `sha256hex(code)`.
    public var keyHash: String?
    /// `CSE(code, itemKey)`.
    public var keyEncrypted: String?
    /// ``singleUseType`` or ``reusableType``.
    public var type: String
    /// One of ``expirationTimes``.
    public var expirationTime: String
    /// The shortcut the item was reached through, if any.
    public var shortcutId: String?

    /// A link that works once.
    public static let singleUseType = "single_use"
    /// A link that works until it expires.
    public static let reusableType = "reusable"
    /// The accepted `expirationTime` values.
    public static let expirationTimes = ["1 hour", "1 week", "1 month", "unlimited"]

    /// Creates the body.
    public init(
        itemId: String,
        itemData: LinkItemData,
        keyHash: String? = nil,
        keyEncrypted: String? = nil,
        type: String,
        expirationTime: String,
        shortcutId: String? = nil
    ) {
        self.itemId = itemId
        self.itemData = itemData
        self.keyHash = keyHash
        self.keyEncrypted = keyEncrypted
        self.type = type
        self.expirationTime = expirationTime
        self.shortcutId = shortcutId
    }

    private enum CodingKeys: String, CodingKey {
        case itemId, itemData, keyHash, keyEncrypted, type, expirationTime, shortcutId
    }

    /// Encodes the body as the connector does: `keyHash`/`keyEncrypted` always, `shortcutId` only when set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.itemId, forKey: .itemId)
        try container.encode(self.itemData, forKey: .itemData)
        try container.encode(self.keyHash, forKey: .keyHash)
        try container.encode(self.keyEncrypted, forKey: .keyEncrypted)
        try container.encode(self.type, forKey: .type)
        try container.encode(self.expirationTime, forKey: .expirationTime)
        try container.encodeIfPresent(self.shortcutId, forKey: .shortcutId)
    }
}

/// Answer of `POST /api/v1/links`.
public struct LinkCreateResponse: Codable, Sendable, Equatable {
    /// The link, without the `#code=` fragment.
    public var url: String

    /// Creates the response.
    public init(url: String) {
        self.url = url
    }
}

extension Endpoints {
    /// `GET` → ``LinkOpenResponse``, without a Bearer token: the link's code proves the right to read it, sent
    /// as its hash in ``PassworkHeaders/linkKeyHash`` (ours; Passwork opens links in its web UI).
    public static let link = PathTemplate("/api/v1/links/{id}")
}

extension PassworkHeaders {
    /// `sha256hex(code)` of a share link, proving knowledge of the code when opening it (ours). A header and not
    /// a query parameter, so that it stays out of access logs.
    public static let linkKeyHash = "X-Link-Key-Hash"
}

/// Answer of `GET /api/v1/links/{id}` (ours): what the link's creator stored, with each attachment's data.
///
/// Attachments come whole (their keys under the code, their data under their own keys), so that a single-use
/// link, consumed by this one answer, still gives everything it shares.
public struct LinkOpenResponse: Codable, Sendable, Equatable {
    /// The link's id.
    public var id: String
    /// ``LinkCreateRequest/singleUseType`` or ``LinkCreateRequest/reusableType``.
    public var type: String
    /// When the link stops working, in Unix seconds; `nil` for an unlimited link.
    public var expiresAt: Int64?
    /// The item's data as the creator re-encrypted it with the code.
    public var itemData: LinkItemData
    /// The shared attachments: `encryptedKey` is `CSE(attachmentKey, code)`.
    public var attachments: [AttachmentResponse]

    /// Creates the answer.
    public init(
        id: String,
        type: String,
        expiresAt: Int64? = nil,
        itemData: LinkItemData,
        attachments: [AttachmentResponse] = []
    ) {
        self.id = id
        self.type = type
        self.expiresAt = expiresAt
        self.itemData = itemData
        self.attachments = attachments
    }
}
