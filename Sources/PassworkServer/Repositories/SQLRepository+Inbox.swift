import PassworkModels

extension SQLRepository {
    public func createInboxItem(_ item: InboxItemRecord) async throws {
        _ = try await self.database.query(
            """
            INSERT INTO inbox_items (id, item_id, sender_id, recipient_id, key_encrypted, access, created_at,
                is_viewed, is_user_notified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(item.id), .text(item.itemId), .text(item.senderId), .text(item.recipientId),
                .optional(item.keyEncrypted), .text(item.access), .integer(item.createdAt), .bool(item.isViewed),
                .bool(item.isUserNotified),
            ]
        )
    }

    public func inboxItem(id: String) async throws -> InboxItemRecord? {
        try await self.database.query("SELECT * FROM inbox_items WHERE id = ?", [.text(id)])
            .first.map(Self.inboxItemRecord)
    }

    public func markInboxItemViewed(id: String) async throws {
        _ = try await self.database.query("UPDATE inbox_items SET is_viewed = 1 WHERE id = ?", [.text(id)])
    }

    public func inboxItems(recipientId: String, itemOrInboxId id: String) async throws -> [InboxItemRecord] {
        try await self.database.query(
            "SELECT * FROM inbox_items WHERE recipient_id = ? AND (item_id = ? OR id = ?) ORDER BY created_at, id",
            [.text(recipientId), .text(id), .text(id)]
        ).map(Self.inboxItemRecord)
    }

    static func inboxItemRecord(_ row: SQLRow) throws -> InboxItemRecord {
        InboxItemRecord(
            id: try row.string("id"),
            itemId: try row.string("item_id"),
            senderId: try row.string("sender_id"),
            recipientId: try row.string("recipient_id"),
            keyEncrypted: row.optionalString("key_encrypted"),
            access: try row.string("access"),
            createdAt: try row.int64("created_at"),
            isViewed: try row.bool("is_viewed"),
            isUserNotified: try row.bool("is_user_notified")
        )
    }
}
