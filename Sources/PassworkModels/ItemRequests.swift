/// Body of `POST /api/v1/items`; answered with ``IDResponse``.
///
/// The connector sends `name` always (default `""`), `keyEncrypted` always, and the other fields only when the
/// caller gave them; the plaintext password is never sent. Unset optionals are left out when encoding.
public struct ItemCreateRequest: Codable, Sendable, Equatable {
    /// The vault to create the item in.
    public var vaultId: String
    /// The folder to create it in; the vault's root when unset.
    public var folderId: String?
    /// Name (plaintext).
    public var name: String
    /// Login (plaintext).
    public var login: String?
    /// URL (plaintext).
    public var url: String?
    /// Description (plaintext).
    public var description: String?
    /// Tags (plaintext).
    public var tags: [String]?
    /// Custom fields, every part encrypted.
    public var customs: [CustomField]?
    /// Attachments with their encrypted data.
    public var attachments: [NewAttachment]?
    /// The password encrypted with the item key.
    public var passwordEncrypted: String?
    /// The item key encrypted with the vault key (`""` without CSE).
    public var keyEncrypted: String?

    /// Creates the body.
    public init(
        vaultId: String,
        folderId: String? = nil,
        name: String = "",
        login: String? = nil,
        url: String? = nil,
        description: String? = nil,
        tags: [String]? = nil,
        customs: [CustomField]? = nil,
        attachments: [NewAttachment]? = nil,
        passwordEncrypted: String? = nil,
        keyEncrypted: String? = nil
    ) {
        self.vaultId = vaultId
        self.folderId = folderId
        self.name = name
        self.login = login
        self.url = url
        self.description = description
        self.tags = tags
        self.customs = customs
        self.attachments = attachments
        self.passwordEncrypted = passwordEncrypted
        self.keyEncrypted = keyEncrypted
    }

    private enum CodingKeys: String, CodingKey {
        case vaultId, folderId, name, login, url, description, tags, customs, attachments
        case passwordEncrypted, keyEncrypted
    }

    /// Decodes the body; only `vaultId` is required and a missing `name` is `""`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.vaultId = try container.decode(String.self, forKey: .vaultId)
        self.folderId = try container.decodeIfPresent(String.self, forKey: .folderId)
        self.name = try container.decode(String.self, forKey: .name, default: "")
        self.login = try container.decodeIfPresent(String.self, forKey: .login)
        self.url = try container.decodeIfPresent(String.self, forKey: .url)
        self.description = try container.decodeIfPresent(String.self, forKey: .description)
        self.tags = try container.decodeIfPresent([String].self, forKey: .tags)
        self.customs = try container.decodeIfPresent([CustomField].self, forKey: .customs)
        self.attachments = try container.decodeIfPresent([NewAttachment].self, forKey: .attachments)
        self.passwordEncrypted = try container.decodeIfPresent(String.self, forKey: .passwordEncrypted)
        self.keyEncrypted = try container.decodeIfPresent(String.self, forKey: .keyEncrypted)
    }
}

/// Body of `PATCH /api/v1/items/{id}`: a partial update. Every field is optional and only set fields are
/// encoded; `customs` and `attachments`, when set, replace the whole list.
///
/// The connector always includes `vaultId`, re-sends `keyEncrypted` unchanged and re-encrypts
/// `passwordEncrypted` with the existing item key. An empty string clears a text field. JSON `null` decodes as
/// "not set".
public struct ItemUpdateRequest: Codable, Sendable, Equatable {
    /// The item's vault.
    public var vaultId: String?
    /// A new folder.
    public var folderId: String?
    /// A new name.
    public var name: String?
    /// A new login.
    public var login: String?
    /// A new URL.
    public var url: String?
    /// A new description.
    public var description: String?
    /// New tags (replace all).
    public var tags: [String]?
    /// New custom fields (replace all).
    public var customs: [CustomField]?
    /// New attachments.
    public var attachments: [NewAttachment]?
    /// The new password, encrypted with the item key.
    public var passwordEncrypted: String?
    /// The item key, encrypted with the vault key.
    public var keyEncrypted: String?

    /// Creates a partial update; leave out the fields that do not change.
    public init(
        vaultId: String? = nil,
        folderId: String? = nil,
        name: String? = nil,
        login: String? = nil,
        url: String? = nil,
        description: String? = nil,
        tags: [String]? = nil,
        customs: [CustomField]? = nil,
        attachments: [NewAttachment]? = nil,
        passwordEncrypted: String? = nil,
        keyEncrypted: String? = nil
    ) {
        self.vaultId = vaultId
        self.folderId = folderId
        self.name = name
        self.login = login
        self.url = url
        self.description = description
        self.tags = tags
        self.customs = customs
        self.attachments = attachments
        self.passwordEncrypted = passwordEncrypted
        self.keyEncrypted = keyEncrypted
    }
}
