/// Body of `POST /api/v1/vaults`; answered with ``IDResponse``.
///
/// Without client-side encryption only `name` (and `typeId`) are sent. With it, the connector adds
/// `masterKeyEncrypted = base64(RSA(vaultKey))`, `salt`, `masterKeyHash = sha256hex(vaultKey + salt)` and, for a
/// typed vault, the vault key wrapped for each administrator of the type.
public struct VaultCreateRequest: Codable, Sendable, Equatable {
    /// The vault's name.
    public var name: String
    /// The vault key wrapped with the creator's RSA public key (standard base64); opaque here.
    public var masterKeyEncrypted: String?
    /// `sha256hex(vaultKey + salt)`.
    public var masterKeyHash: String?
    /// 32 characters from `A-Za-z0-9@!`.
    public var salt: String?
    /// The vault type, mandatory when `GET /api/v1/app/features` lists `vaultType`.
    public var typeId: String?
    /// Administrator user id → the vault key wrapped with that administrator's public key.
    public var administratorsKeys: [String: String]?

    /// Creates the body.
    public init(
        name: String,
        masterKeyEncrypted: String? = nil,
        masterKeyHash: String? = nil,
        salt: String? = nil,
        typeId: String? = nil,
        administratorsKeys: [String: String]? = nil
    ) {
        self.name = name
        self.masterKeyEncrypted = masterKeyEncrypted
        self.masterKeyHash = masterKeyHash
        self.salt = salt
        self.typeId = typeId
        self.administratorsKeys = administratorsKeys
    }
}

/// The caller's access to a vault, inside ``Vault``.
public struct DirectoryAccess: Codable, Sendable, Equatable {
    /// Whether the caller may only view.
    public var isViewingAccess: Bool?
    /// Access level code, e.g. `admin`.
    public var access: String?
    /// Access level display name, e.g. `Administration`.
    public var accessName: String?

    /// Creates the access description.
    public init(isViewingAccess: Bool? = nil, access: String? = nil, accessName: String? = nil) {
        self.isViewingAccess = isViewingAccess
        self.access = access
        self.accessName = accessName
    }
}

/// A vault as `GET /api/v1/vaults/{id}` returns it.
///
/// Only `id` and `name` are required; real servers send `null` for `canLeaveVault`/`canChangeVaultType`, and
/// `masterKeyEncrypted` is absent when client-side encryption is off.
public struct Vault: Codable, Sendable, Equatable {
    /// The vault's id.
    public var id: String
    /// The vault's name (plaintext to the client).
    public var name: String
    /// The vault type's id.
    public var typeId: String?
    /// The caller's permissions, e.g. `item:read`.
    public var permissions: [String]
    /// The vault key wrapped with the caller's RSA public key (standard base64); opaque here.
    public var masterKeyEncrypted: String?
    /// Whether the vault is shown in the caller's UI.
    public var isVisible: Bool?
    /// The caller's access level.
    public var directoryAccess: DirectoryAccess?
    /// Whether the caller may leave the vault.
    public var canLeaveVault: Bool?
    /// Whether the caller may change the vault's type.
    public var canChangeVaultType: Bool?

    /// Creates a vault.
    public init(
        id: String,
        name: String,
        typeId: String? = nil,
        permissions: [String] = [],
        masterKeyEncrypted: String? = nil,
        isVisible: Bool? = nil,
        directoryAccess: DirectoryAccess? = nil,
        canLeaveVault: Bool? = nil,
        canChangeVaultType: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.typeId = typeId
        self.permissions = permissions
        self.masterKeyEncrypted = masterKeyEncrypted
        self.isVisible = isVisible
        self.directoryAccess = directoryAccess
        self.canLeaveVault = canLeaveVault
        self.canChangeVaultType = canChangeVaultType
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, typeId, permissions, masterKeyEncrypted, isVisible, directoryAccess
        case canLeaveVault, canChangeVaultType
    }

    /// Decodes a vault; a missing or `null` `permissions` counts as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.name = try container.decode(String.self, forKey: .name)
        self.typeId = try container.decodeIfPresent(String.self, forKey: .typeId)
        self.permissions = try container.decode([String].self, forKey: .permissions, default: [])
        self.masterKeyEncrypted = try container.decodeIfPresent(String.self, forKey: .masterKeyEncrypted)
        self.isVisible = try container.decodeIfPresent(Bool.self, forKey: .isVisible)
        self.directoryAccess = try container.decodeIfPresent(DirectoryAccess.self, forKey: .directoryAccess)
        self.canLeaveVault = try container.decodeIfPresent(Bool.self, forKey: .canLeaveVault)
        self.canChangeVaultType = try container.decodeIfPresent(Bool.self, forKey: .canChangeVaultType)
    }

    /// Encodes the vault like a real server: `canLeaveVault`/`canChangeVaultType` as `null` when unset,
    /// other unset optionals left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.name, forKey: .name)
        try container.encodeIfPresent(self.typeId, forKey: .typeId)
        try container.encode(self.permissions, forKey: .permissions)
        try container.encodeIfPresent(self.masterKeyEncrypted, forKey: .masterKeyEncrypted)
        try container.encodeIfPresent(self.isVisible, forKey: .isVisible)
        try container.encodeIfPresent(self.directoryAccess, forKey: .directoryAccess)
        try container.encode(self.canLeaveVault, forKey: .canLeaveVault)
        try container.encode(self.canChangeVaultType, forKey: .canChangeVaultType)
    }
}

/// Answer of `GET /api/v1/vaults` (not used by the connector, shape unverified).
///
/// Decoding accepts both a top-level array (what Passwork's CLI docs imply) and `{"items": [...]}`;
/// encoding writes the top-level array.
public struct VaultList: Codable, Sendable, Equatable {
    /// The vaults the caller can see.
    public var vaults: [Vault]

    /// Creates the list.
    public init(vaults: [Vault]) {
        self.vaults = vaults
    }

    private enum CodingKeys: String, CodingKey {
        case items
    }

    /// Decodes either `[Vault]` or `{"items": [Vault]}`.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            self.vaults = try container.decode([Vault].self, forKey: .items)
        } else {
            self.vaults = try decoder.singleValueContainer().decode([Vault].self)
        }
    }

    /// Encodes a top-level array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.vaults)
    }
}
