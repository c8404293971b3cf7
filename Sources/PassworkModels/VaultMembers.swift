/// Body of `POST /api/v1/vaults/{id}/members` (ours: Passwork shares vaults through its web UI). It shares a
/// vault with a user: the vault key is wrapped on the client with that user's public key
/// (`base64(RSA-OAEP(vaultKey))`, like ``VaultCreateRequest/masterKeyEncrypted``).
public struct VaultShareRequest: Codable, Sendable, Equatable {
    /// The user to share with.
    public var userId: String
    /// The vault key wrapped for that user; required when the vault uses client-side encryption.
    public var masterKeyEncrypted: String?
    /// ``VaultMemberRole/read`` or ``VaultMemberRole/write``.
    public var role: String

    /// Creates the body.
    public init(userId: String, masterKeyEncrypted: String?, role: String) {
        self.userId = userId
        self.masterKeyEncrypted = masterKeyEncrypted
        self.role = role
    }
}

/// Roles of a vault member.
public enum VaultMemberRole {
    /// Reads items and folders.
    public static let read = "read"
    /// Also creates, changes and deletes them.
    public static let write = "write"
    /// Also renames, deletes and shares the vault.
    public static let admin = "admin"
}

/// One entry of `GET /api/v1/vaults/{id}/members` (`{"items": [VaultMember]}`, ours).
public struct VaultMember: Codable, Sendable, Equatable {
    /// The member's user id.
    public var userId: String
    /// The member's login.
    public var login: String
    /// The member's role, see ``VaultMemberRole``.
    public var role: String

    /// Creates an entry.
    public init(userId: String, login: String, role: String) {
        self.userId = userId
        self.login = login
        self.role = role
    }
}

/// One entry of `GET /api/v1/items/{id}/snapshots` (`{"items": [SnapshotSummary]}`, ours): the item's past
/// versions, oldest first; read one with ``Endpoints/itemSnapshot``.
public struct SnapshotSummary: Codable, Sendable, Equatable {
    /// The snapshot's id.
    public var id: String
    /// The item it is a version of.
    public var itemId: String
    /// When the version was replaced, in Unix seconds.
    public var createdAt: Int64
    /// Who replaced it.
    public var creatorId: String

    /// Creates an entry.
    public init(id: String, itemId: String, createdAt: Int64, creatorId: String) {
        self.id = id
        self.itemId = itemId
        self.createdAt = createdAt
        self.creatorId = creatorId
    }
}

extension Endpoints {
    /// `GET` → `ListResponse<VaultMember>`; `POST` ``VaultShareRequest`` → ``IDResponse`` (ours).
    public static let vaultMembers = PathTemplate("/api/v1/vaults/{id}/members")
    /// `DELETE` → ``IDResponse``: removes a member (ours).
    public static let vaultMember = PathTemplate("/api/v1/vaults/{id}/members/{userId}")
    /// `GET` → `ListResponse<SnapshotSummary>` (ours).
    public static let itemSnapshots = PathTemplate("/api/v1/items/{id}/snapshots")
}
