public import PassworkModels

/// A user's role on the server (not in a vault).
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    /// May create users and administers vault types.
    case admin
    /// An ordinary person.
    case user
    /// A machine: sees only the vaults shared with it.
    case serviceAccount
}

/// A stored user. Only what the client sends is kept: the master-key hash and options, the public key and
/// the private key encrypted on the client.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var login: String
    public var fullName: String
    public var email: String
    public var role: AccountRole
    /// `sha256hex(masterKey)`; `nil` for users without client-side encryption.
    public var masterKeyHash: String?
    /// `pbkdf:sha256:ITER:LEN:SALT`.
    public var masterKeyOptions: String?
    /// SPKI PEM.
    public var publicKey: String?
    /// The private key PEM as a CSE string under the master key.
    public var privateEncrypted: String?
    /// Unix seconds.
    public var createdAt: Int64

    public init(
        id: String,
        login: String,
        fullName: String = "",
        email: String = "",
        role: AccountRole,
        masterKeyHash: String?,
        masterKeyOptions: String?,
        publicKey: String?,
        privateEncrypted: String?,
        createdAt: Int64
    ) {
        self.id = id
        self.login = login
        self.fullName = fullName
        self.email = email
        self.role = role
        self.masterKeyHash = masterKeyHash
        self.masterKeyOptions = masterKeyOptions
        self.publicKey = publicKey
        self.privateEncrypted = privateEncrypted
        self.createdAt = createdAt
    }
}

/// A session: one token pair. Only SHA-256 hashes of the tokens are stored.
public struct SessionRecord: Sendable, Equatable {
    public var id: String
    public var userId: String
    public var accessHash: String
    /// Unix seconds.
    public var accessExpiresAt: Int64
    public var refreshHash: String
    /// Unix seconds.
    public var refreshExpiresAt: Int64
    public var revoked: Bool
    public var createdAt: Int64

    public init(
        id: String,
        userId: String,
        accessHash: String,
        accessExpiresAt: Int64,
        refreshHash: String,
        refreshExpiresAt: Int64,
        revoked: Bool = false,
        createdAt: Int64
    ) {
        self.id = id
        self.userId = userId
        self.accessHash = accessHash
        self.accessExpiresAt = accessExpiresAt
        self.refreshHash = refreshHash
        self.refreshExpiresAt = refreshExpiresAt
        self.revoked = revoked
        self.createdAt = createdAt
    }
}

/// A member's access to a vault.
public enum VaultRole: String, Sendable, Codable, CaseIterable {
    /// Reads items and folders.
    case read
    /// Also creates, changes and deletes them.
    case write
    /// Also renames, deletes and shares the vault.
    case admin

    /// Whether this role includes `other`.
    public func includes(_ other: VaultRole) -> Bool {
        let order: [VaultRole] = [.read, .write, .admin]
        return order.firstIndex(of: self)! >= order.firstIndex(of: other)!
    }
}

/// A stored vault.
public struct VaultRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var typeId: String?
    public var salt: String?
    public var masterKeyHash: String?
    public var creatorId: String
    public var createdAt: Int64

    public init(
        id: String,
        name: String,
        typeId: String?,
        salt: String?,
        masterKeyHash: String?,
        creatorId: String,
        createdAt: Int64
    ) {
        self.id = id
        self.name = name
        self.typeId = typeId
        self.salt = salt
        self.masterKeyHash = masterKeyHash
        self.creatorId = creatorId
        self.createdAt = createdAt
    }
}

/// A user's membership of a vault: the vault key wrapped (on the client) with the user's public key, and a role.
public struct VaultMemberRecord: Sendable, Equatable {
    public var vaultId: String
    public var userId: String
    /// base64 of the RSA-wrapped vault key; `nil` without client-side encryption.
    public var masterKeyEncrypted: String?
    public var role: VaultRole

    public init(vaultId: String, userId: String, masterKeyEncrypted: String?, role: VaultRole) {
        self.vaultId = vaultId
        self.userId = userId
        self.masterKeyEncrypted = masterKeyEncrypted
        self.role = role
    }
}

/// A stored folder.
public struct FolderRecord: Sendable, Equatable {
    public var id: String
    public var vaultId: String
    public var parentId: String?
    public var name: String
    public var createdAt: Int64

    public init(id: String, vaultId: String, parentId: String?, name: String, createdAt: Int64) {
        self.id = id
        self.vaultId = vaultId
        self.parentId = parentId
        self.name = name
        self.createdAt = createdAt
    }
}

/// A stored item: the wire ``Item`` (without the caller-specific `vaultMasterKeyEncrypted`) plus bookkeeping.
public struct ItemRecord: Sendable, Equatable {
    public var item: Item
    public var creatorId: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(item: Item, creatorId: String, createdAt: Int64, updatedAt: Int64) {
        self.item = item
        self.creatorId = creatorId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A stored attachment (ciphertext only).
public struct AttachmentRecord: Sendable, Equatable {
    public var id: String
    public var itemId: String
    public var name: String
    public var encryptedKey: String
    public var encryptedData: String
    public var hash: String
    public var createdAt: Int64

    public init(
        id: String,
        itemId: String,
        name: String,
        encryptedKey: String,
        encryptedData: String,
        hash: String,
        createdAt: Int64
    ) {
        self.id = id
        self.itemId = itemId
        self.name = name
        self.encryptedKey = encryptedKey
        self.encryptedData = encryptedData
        self.hash = hash
        self.createdAt = createdAt
    }
}

/// A past version of an item.
public struct SnapshotRecord: Sendable, Equatable {
    public var id: String
    /// The item as it was.
    public var item: Item
    public var creatorId: String
    public var createdAt: Int64

    public init(id: String, item: Item, creatorId: String, createdAt: Int64) {
        self.id = id
        self.item = item
        self.creatorId = creatorId
        self.createdAt = createdAt
    }
}

/// A stored shortcut to an item, placed in another vault or folder.
public struct ShortcutRecord: Sendable, Equatable {
    public var id: String
    public var itemId: String
    public var vaultId: String
    public var folderId: String?
    public var keyEncrypted: String?
    public var creatorId: String
    public var createdAt: Int64

    public init(
        id: String,
        itemId: String,
        vaultId: String,
        folderId: String?,
        keyEncrypted: String?,
        creatorId: String,
        createdAt: Int64
    ) {
        self.id = id
        self.itemId = itemId
        self.vaultId = vaultId
        self.folderId = folderId
        self.keyEncrypted = keyEncrypted
        self.creatorId = creatorId
        self.createdAt = createdAt
    }
}

/// What the Bin holds.
public enum BinKind: String, Sendable {
    case item, folder, vault
}

/// A stored audit event, with who sent or caused it.
public struct AuditRecord: Sendable, Equatable {
    public var event: AuditEvent
    /// The authenticated user that posted the event or caused it.
    public var userId: String?

    public init(event: AuditEvent, userId: String?) {
        self.event = event
        self.userId = userId
    }
}

/// Filters of an audit query, with the caller's visibility.
public struct AuditFilter: Sendable, Equatable {
    public var query: AuditEventsQuery
    /// When set, only events posted by or about this user.
    public var userId: String?

    public init(query: AuditEventsQuery, userId: String?) {
        self.query = query
        self.userId = userId
    }
}

/// A stored share link. The server holds only what the creator sent: the item's data re-encrypted with the
/// link's code, `sha256hex(code)` and the code under the item key; never the code itself.
public struct LinkRecord: Sendable, Equatable {
    public var id: String
    public var itemId: String
    public var shortcutId: String?
    public var creatorId: String
    public var itemData: LinkItemData
    /// `sha256hex(code)`; `nil` for a link to an item without client-side encryption.
    public var keyHash: String?
    /// `CSE(code, itemKey)`.
    public var keyEncrypted: String?
    /// `single_use` or `reusable`.
    public var type: String
    /// Unix seconds; `nil` for an unlimited link.
    public var expiresAt: Int64?
    public var createdAt: Int64
    /// How many times the link was opened.
    public var openCount: Int
    /// When a single-use link was opened (and so used up).
    public var consumedAt: Int64?

    public init(
        id: String,
        itemId: String,
        shortcutId: String?,
        creatorId: String,
        itemData: LinkItemData,
        keyHash: String?,
        keyEncrypted: String?,
        type: String,
        expiresAt: Int64?,
        createdAt: Int64,
        openCount: Int = 0,
        consumedAt: Int64? = nil
    ) {
        self.id = id
        self.itemId = itemId
        self.shortcutId = shortcutId
        self.creatorId = creatorId
        self.itemData = itemData
        self.keyHash = keyHash
        self.keyEncrypted = keyEncrypted
        self.type = type
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.openCount = openCount
        self.consumedAt = consumedAt
    }
}

/// An item sent straight to one user: the item key wrapped (on the sender's machine) with the recipient's
/// public key, so the recipient reads the item without being a member of its vault.
public struct InboxItemRecord: Sendable, Equatable {
    public var id: String
    public var itemId: String
    public var senderId: String
    public var recipientId: String
    /// `base64(RSA(itemKey, recipientPublicKey))`; `nil` without client-side encryption.
    public var keyEncrypted: String?
    /// `read` or `write`.
    public var access: String
    public var createdAt: Int64
    public var isViewed: Bool
    public var isUserNotified: Bool

    public init(
        id: String,
        itemId: String,
        senderId: String,
        recipientId: String,
        keyEncrypted: String?,
        access: String,
        createdAt: Int64,
        isViewed: Bool = false,
        isUserNotified: Bool = false
    ) {
        self.id = id
        self.itemId = itemId
        self.senderId = senderId
        self.recipientId = recipientId
        self.keyEncrypted = keyEncrypted
        self.access = access
        self.createdAt = createdAt
        self.isViewed = isViewed
        self.isUserNotified = isUserNotified
    }
}
