/// One entry of `GET /api/v1/vault-types/all` (`{"items": [VaultType]}`).
public struct VaultType: Codable, Sendable, Equatable {
    /// The type's id, used as a vault's `typeId`.
    public var id: String
    /// Display name.
    public var name: String
    /// Stable code, e.g. ``companyCode`` or ``privateSharedCode``.
    public var code: String

    /// The code of company vaults.
    public static let companyCode = "company"
    /// The code of private shared vaults.
    public static let privateSharedCode = "privateShared"

    /// Creates a vault type.
    public init(id: String, name: String, code: String) {
        self.id = id
        self.name = name
        self.code = code
    }
}

/// One entry of `GET /api/v1/vault-types/{id}/administrators` (`{"items": [VaultTypeAdministrator]}`).
public struct VaultTypeAdministrator: Codable, Sendable, Equatable {
    /// The administrator's user id (the key of ``VaultCreateRequest/administratorsKeys``).
    public var id: String
    /// The administrator's public key, SPKI PEM.
    public var publicKey: String

    /// Creates an entry.
    public init(id: String, publicKey: String) {
        self.id = id
        self.publicKey = publicKey
    }
}
