/// A custom field of an item. With client-side encryption all three strings are CSE ciphertext; without it,
/// plain base64. Decrypted types in use are ``textType``, ``passwordType`` and ``totpType``.
public struct CustomField: Codable, Sendable, Equatable {
    /// The field's name (encrypted).
    public var name: String
    /// The field's value (encrypted).
    public var value: String
    /// The field's type (encrypted).
    public var type: String

    /// Decrypted type of a plain text field.
    public static let textType = "text"
    /// Decrypted type of a secret field.
    public static let passwordType = "password"
    /// Decrypted type of a TOTP secret (a base32 secret or an `otpauth://` URI).
    public static let totpType = "totp"

    /// Creates a field.
    public init(name: String, value: String, type: String) {
        self.name = name
        self.value = value
        self.type = type
    }
}

/// An attachment as listed inside an item. Its data comes only from the attachment endpoint
/// (``AttachmentResponse``).
public struct ItemAttachment: Codable, Sendable, Equatable {
    /// The attachment's id.
    public var id: String
    /// The file name (plaintext to the client).
    public var name: String
    /// The attachment key encrypted with the item key (a CSE string); opaque here.
    public var encryptedKey: String

    /// Creates an attachment reference.
    public init(id: String, name: String, encryptedKey: String) {
        self.id = id
        self.name = name
        self.encryptedKey = encryptedKey
    }
}

/// An item (a password entry) as `GET /api/v1/items/{id}` returns it.
///
/// Field names are Passwork's. `id`, `vaultId` and `name` are required; every other field tolerates being
/// missing or `null` and then takes its empty value (an empty `passwordEncrypted` means "no password", an empty
/// `keyEncrypted` means the item is not client-side encrypted). Encoding writes every key, with `folderId`,
/// `description` and `fieldsOrder` as `null` when unset, as a real server does.
public struct Item: Codable, Sendable, Equatable {
    /// The item's id.
    public var id: String
    /// The vault holding the item.
    public var vaultId: String
    /// The folder holding the item, or `nil` at the vault's root.
    public var folderId: String?
    /// Name (plaintext to the client).
    public var name: String
    /// Login (plaintext).
    public var login: String
    /// URL (plaintext).
    public var url: String
    /// Description (plaintext), `nil` when the server sends `null`.
    public var description: String?
    /// Tags (plaintext).
    public var tags: [String]
    /// Colour code.
    public var color: Int
    /// Whether the caller marked the item as a favourite.
    public var isFavorite: Bool
    /// Whether the item is in the Bin.
    public var isDeleted: Bool
    /// Field display order; its shape is undocumented and real servers send `null`.
    public var fieldsOrder: JSONValue?
    /// The password encrypted with the item key (a CSE string, or base64 without CSE).
    public var passwordEncrypted: String
    /// The item key encrypted with the vault key (a CSE string; `""` without CSE).
    public var keyEncrypted: String
    /// Custom fields, every part encrypted.
    public var customs: [CustomField]
    /// Attachments, without their data.
    public var attachments: [ItemAttachment]
    /// The vault key wrapped with the caller's RSA public key (standard base64), included in every item GET
    /// when client-side encryption is on.
    public var vaultMasterKeyEncrypted: String?

    /// Creates an item.
    public init(
        id: String,
        vaultId: String,
        folderId: String? = nil,
        name: String,
        login: String = "",
        url: String = "",
        description: String? = nil,
        tags: [String] = [],
        color: Int = 0,
        isFavorite: Bool = false,
        isDeleted: Bool = false,
        fieldsOrder: JSONValue? = nil,
        passwordEncrypted: String = "",
        keyEncrypted: String = "",
        customs: [CustomField] = [],
        attachments: [ItemAttachment] = [],
        vaultMasterKeyEncrypted: String? = nil
    ) {
        self.id = id
        self.vaultId = vaultId
        self.folderId = folderId
        self.name = name
        self.login = login
        self.url = url
        self.description = description
        self.tags = tags
        self.color = color
        self.isFavorite = isFavorite
        self.isDeleted = isDeleted
        self.fieldsOrder = fieldsOrder
        self.passwordEncrypted = passwordEncrypted
        self.keyEncrypted = keyEncrypted
        self.customs = customs
        self.attachments = attachments
        self.vaultMasterKeyEncrypted = vaultMasterKeyEncrypted
    }

    private enum CodingKeys: String, CodingKey {
        case id, vaultId, folderId, name, login, url, description, tags, color, isFavorite, isDeleted
        case fieldsOrder, passwordEncrypted, keyEncrypted, customs, attachments, vaultMasterKeyEncrypted
    }

    /// Decodes an item, tolerating missing and `null` optional fields and ignoring unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.vaultId = try container.decode(String.self, forKey: .vaultId)
        self.folderId = try container.decodeIfPresent(String.self, forKey: .folderId)
        self.name = try container.decode(String.self, forKey: .name)
        self.login = try container.decode(String.self, forKey: .login, default: "")
        self.url = try container.decode(String.self, forKey: .url, default: "")
        self.description = try container.decodeIfPresent(String.self, forKey: .description)
        self.tags = try container.decode([String].self, forKey: .tags, default: [])
        self.color = try container.decode(Int.self, forKey: .color, default: 0)
        self.isFavorite = try container.decode(Bool.self, forKey: .isFavorite, default: false)
        self.isDeleted = try container.decode(Bool.self, forKey: .isDeleted, default: false)
        self.fieldsOrder = try container.decodeIfPresent(JSONValue.self, forKey: .fieldsOrder)
        self.passwordEncrypted = try container.decode(String.self, forKey: .passwordEncrypted, default: "")
        self.keyEncrypted = try container.decode(String.self, forKey: .keyEncrypted, default: "")
        self.customs = try container.decode([CustomField].self, forKey: .customs, default: [])
        self.attachments = try container.decode([ItemAttachment].self, forKey: .attachments, default: [])
        self.vaultMasterKeyEncrypted = try container.decodeIfPresent(String.self, forKey: .vaultMasterKeyEncrypted)
    }

    /// Encodes the item as a real server sends it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.vaultId, forKey: .vaultId)
        try container.encode(self.folderId, forKey: .folderId)
        try container.encode(self.passwordEncrypted, forKey: .passwordEncrypted)
        try container.encode(self.keyEncrypted, forKey: .keyEncrypted)
        try container.encode(self.customs, forKey: .customs)
        try container.encode(self.attachments, forKey: .attachments)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.login, forKey: .login)
        try container.encode(self.url, forKey: .url)
        try container.encode(self.description, forKey: .description)
        try container.encode(self.tags, forKey: .tags)
        try container.encode(self.fieldsOrder ?? .null, forKey: .fieldsOrder)
        try container.encode(self.isDeleted, forKey: .isDeleted)
        try container.encode(self.color, forKey: .color)
        try container.encode(self.isFavorite, forKey: .isFavorite)
        try container.encodeIfPresent(self.vaultMasterKeyEncrypted, forKey: .vaultMasterKeyEncrypted)
    }
}
