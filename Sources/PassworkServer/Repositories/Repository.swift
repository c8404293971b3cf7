public import PassworkModels

/// Everything the server stores, behind one async interface with one implementation per engine
/// (``SQLRepository`` over SQLite or PostgreSQL). Methods that change several rows are atomic.
///
/// The repository stores what clients send; it never sees a plaintext secret.
public protocol Repository: Sendable {
    /// The database's change stamp, which the read caches are kept under (``ReadCache``); `nil` when it
    /// cannot be told now.
    func changeStamp() async throws -> Int64?

    // MARK: Users

    /// Adds a user. - Throws: ``ServerError/Code/conflict`` when the login is taken.
    func createUser(_ user: UserRecord) async throws
    func user(id: String) async throws -> UserRecord?
    func user(login: String) async throws -> UserRecord?
    func users(role: AccountRole?) async throws -> [UserRecord]
    func userCount() async throws -> Int

    // MARK: Sessions

    func createSession(_ session: SessionRecord) async throws
    func session(accessHash: String) async throws -> SessionRecord?
    /// The session holding the access token `accessHash`, with its user: one lookup, made by every
    /// authenticated request.
    func sessionWithUser(accessHash: String) async throws -> (session: SessionRecord, user: UserRecord)?
    func session(refreshHash: String) async throws -> SessionRecord?
    /// The session whose refresh token `hash` was already used (for reuse detection).
    func sessionIdForUsedRefreshToken(_ hash: String) async throws -> String?
    /// Replaces both tokens if the session still has `expectedRefreshHash` and is not revoked; the old refresh
    /// token is remembered as used. - Returns: whether the swap happened.
    func rotatePair(
        sessionId: String,
        expectedRefreshHash: String,
        accessHash: String,
        accessExpiresAt: Int64,
        refreshHash: String,
        refreshExpiresAt: Int64,
        now: Int64
    ) async throws -> Bool
    /// Replaces the access token if it is still `expectedAccessHash`.
    func rotateAccess(sessionId: String, expectedAccessHash: String, accessHash: String, accessExpiresAt: Int64)
        async throws -> Bool
    /// Replaces the refresh token if it is still `expectedRefreshHash`; the old one is remembered as used.
    func rotateRefresh(
        sessionId: String,
        expectedRefreshHash: String,
        refreshHash: String,
        refreshExpiresAt: Int64,
        now: Int64
    ) async throws -> Bool
    func revokeSession(id: String) async throws
    /// Revokes every session of a user. - Returns: how many were live.
    func revokeSessions(userId: String) async throws -> Int

    // MARK: Vaults

    /// Adds a vault and its first members.
    func createVault(_ vault: VaultRecord, members: [VaultMemberRecord]) async throws
    func vault(id: String) async throws -> VaultRecord?
    func renameVault(id: String, name: String) async throws
    /// Moves a vault to the Bin. - Returns: the Bin entry's id.
    func deleteVault(id: String, userId: String, binId: String, now: Int64) async throws -> String
    func member(vaultId: String, userId: String) async throws -> VaultMemberRecord?
    func members(vaultId: String) async throws -> [VaultMemberRecord]
    /// Adds or replaces a membership.
    func upsertMember(_ member: VaultMemberRecord) async throws
    func removeMember(vaultId: String, userId: String) async throws
    /// The live vaults a user is a member of, with the membership.
    func vaults(userId: String) async throws -> [(vault: VaultRecord, member: VaultMemberRecord)]

    // MARK: Folders

    func createFolder(_ folder: FolderRecord) async throws
    func folder(id: String) async throws -> FolderRecord?
    func folders(vaultId: String) async throws -> [FolderRecord]
    func updateFolder(_ folder: FolderRecord) async throws
    /// Moves a folder, its subfolders and their items to the Bin. - Returns: the Bin entry's id.
    func deleteFolder(id: String, userId: String, binId: String, now: Int64) async throws -> String

    // MARK: Items

    /// Adds an item and its attachments.
    func createItem(_ item: ItemRecord, attachments: [AttachmentRecord]) async throws
    /// A live (not deleted) item.
    func item(id: String) async throws -> ItemRecord?
    /// A live item of a live vault with `userId`'s membership of that vault; `nil` when there is no such item
    /// or the user is not a member. One lookup: the access check of the item routes.
    func itemWithMembership(id: String, userId: String) async throws -> (item: ItemRecord, member: VaultMemberRecord)?
    /// Replaces an item, keeping `snapshot` (its previous version) and adding `newAttachments`.
    func updateItem(_ item: ItemRecord, snapshot: SnapshotRecord, newAttachments: [AttachmentRecord]) async throws
    /// Moves an item to the Bin. - Returns: the Bin entry's id.
    func deleteItem(id: String, userId: String, binId: String, now: Int64) async throws -> String
    /// Live items of the given vaults, optionally only in the given folders.
    func items(vaultIds: [String], folderIds: [String]?) async throws -> [ItemRecord]
    func attachment(id: String) async throws -> AttachmentRecord?
    func snapshot(id: String) async throws -> SnapshotRecord?
    func snapshots(itemId: String) async throws -> [SnapshotRecord]

    // MARK: Shortcuts

    func createShortcut(_ shortcut: ShortcutRecord) async throws
    func shortcut(id: String) async throws -> ShortcutRecord?
    func shortcuts(vaultIds: [String], folderIds: [String]?) async throws -> [ShortcutRecord]

    // MARK: Links

    func createLink(_ link: LinkRecord) async throws
    /// Opens a link in one atomic step: it must match `keyHash` (`""` for a link without one), be unexpired at
    /// `now` and, if single-use, unopened; a single-use link is used up by this call, so of two concurrent
    /// opens exactly one wins. - Returns: the link, or `nil` when any check fails (which one is not told).
    func openLink(id: String, keyHash: String, now: Int64) async throws -> LinkRecord?

    // MARK: Inbox

    func createInboxItem(_ item: InboxItemRecord) async throws
    func inboxItem(id: String) async throws -> InboxItemRecord?
    func markInboxItemViewed(id: String) async throws
    /// The inbox items addressed to `recipientId` whose item, or own id, is `id`.
    func inboxItems(recipientId: String, itemOrInboxId id: String) async throws -> [InboxItemRecord]

    // MARK: Audit

    /// Stores the events whose ids are new. - Returns: how many were new.
    func insertAuditEvents(_ records: [AuditRecord], receivedAt: Int64) async throws -> Int
    /// One page of events, oldest first, after `cursor`.
    func auditEvents(_ filter: AuditFilter) async throws -> AuditEventsPage
}
