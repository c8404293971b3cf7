import PassworkModels

/// Inbox items: `POST inbox-items` (ours) sends an item to one user, `GET inbox-items/{id}` gives it to that
/// user only. The item key travels wrapped with the recipient's public key, so the recipient needs no access to
/// the item's vault; the answer is the item's current fields plus `inbox`.
enum InboxRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.inboxItems, batchable: false) { request in
                let caller = try request.requireCaller()
                let body = try request.decode(InboxSendRequest.self)
                // Granting write needs write: nobody hands on more than they hold.
                let role: VaultRole
                switch body.access {
                case InboxSendRequest.readAccess: role = .read
                case InboxSendRequest.writeAccess: role = .write
                default: throw ServerError.invalid("access", "must be read or write")
                }
                let (record, _) = try await context.itemAccess(caller, itemId: body.itemId, role: role)
                guard let recipient = try await context.repository.user(id: body.recipientId) else {
                    throw ServerError.invalid("recipientId", "no such user")
                }
                guard recipient.id != caller.user.id else {
                    throw ServerError.invalid("recipientId", "the item is already yours")
                }
                if !record.item.keyEncrypted.isEmpty, body.keyEncrypted?.isEmpty ?? true {
                    throw ServerError.invalid("keyEncrypted", "the item key wrapped for the recipient is required")
                }
                let inbox = InboxItemRecord(
                    id: TokenGenerator.id(),
                    itemId: record.item.id,
                    senderId: caller.user.id,
                    recipientId: recipient.id,
                    keyEncrypted: body.keyEncrypted,
                    access: body.access,
                    createdAt: context.now
                )
                try await context.repository.createInboxItem(inbox)
                return try .json(IDResponse(id: inbox.id))
            },
            APIRoute("GET", Endpoints.inboxItem) { request in
                let caller = try request.requireCaller()
                guard let inbox = try await context.repository.inboxItem(id: try request.parameter("id")),
                    inbox.recipientId == caller.user.id,
                    let record = try await context.repository.item(id: inbox.itemId)
                else { throw ServerError.notFound("inbox item") }
                try await context.repository.markInboxItemViewed(id: inbox.id)
                var item = record.item
                // The recipient decrypts with `inbox.keyEncrypted`; the vault's key is not theirs to have.
                item.vaultMasterKeyEncrypted = nil
                let sender = try await context.repository.user(id: inbox.senderId)
                let info = InboxInfo(
                    id: inbox.id,
                    access: inbox.access,
                    senderId: inbox.senderId,
                    createdAt: inbox.createdAt,
                    isViewed: true,
                    isUserNotified: inbox.isUserNotified,
                    sender: .object([
                        "id": .string(inbox.senderId),
                        "login": sender.map { .string($0.login) } ?? .null,
                        "fullName": sender.map { .string($0.fullName) } ?? .null,
                    ]),
                    keyEncrypted: inbox.keyEncrypted
                )
                context.audit.record(
                    action: .apiInboxRead,
                    userId: caller.user.id,
                    itemId: item.id,
                    vaultId: item.vaultId,
                    field: inbox.id
                )
                return try .json(InboxItemResponse(item: item, inbox: info))
            },
        ]
    }
}

extension RouteContext {
    /// An item whose attachments the caller may download: one in a vault they can read, or one sent to their
    /// inbox. `id` may be the item's id or the inbox item's (the connector's `download_inbox_attachment` passes
    /// the top-level `id` of the inbox answer).
    func itemForAttachments(_ caller: Caller, id: String) async throws -> ItemRecord {
        do {
            return try await self.itemAccess(caller, itemId: id, role: .read).0
        } catch let error as ServerError where error.code == .notFound {
            let sent = try await self.repository.inboxItems(recipientId: caller.user.id, itemOrInboxId: id)
            guard let itemId = sent.first?.itemId, let record = try await self.repository.item(id: itemId) else {
                throw error
            }
            return record
        }
    }
}
