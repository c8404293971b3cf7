import PassworkModels

extension SQLRepository {
    public func createLink(_ link: LinkRecord) async throws {
        _ = try await self.database.query(
            """
            INSERT INTO links (id, item_id, shortcut_id, creator_id, item_data, key_hash, key_encrypted, type,
                expires_at, created_at, open_count, consumed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)
            """,
            [
                .text(link.id), .text(link.itemId), .optional(link.shortcutId), .text(link.creatorId),
                .text(try Self.encodeJSON(link.itemData)), .optional(link.keyHash), .optional(link.keyEncrypted),
                .text(link.type), link.expiresAt.map { .integer($0) } ?? .null, .integer(link.createdAt),
            ]
        )
    }

    /// One `UPDATE … RETURNING`: the checks and the use-up happen in a single statement, so the database's
    /// row lock decides between concurrent opens of a single-use link.
    public func openLink(id: String, keyHash: String, now: Int64) async throws -> LinkRecord? {
        try await self.database.query(
            """
            UPDATE links SET open_count = open_count + 1,
                consumed_at = CASE WHEN type = ? THEN ? ELSE consumed_at END
            WHERE id = ? AND COALESCE(key_hash, '') = ? AND consumed_at IS NULL
                AND (expires_at IS NULL OR expires_at > ?)
            RETURNING *
            """,
            [
                .text(LinkCreateRequest.singleUseType), .integer(now), .text(id), .text(keyHash), .integer(now),
            ]
        ).first.map(Self.linkRecord)
    }

    static func linkRecord(_ row: SQLRow) throws -> LinkRecord {
        LinkRecord(
            id: try row.string("id"),
            itemId: try row.string("item_id"),
            shortcutId: row.optionalString("shortcut_id"),
            creatorId: try row.string("creator_id"),
            itemData: try Self.decodeJSON(LinkItemData.self, try row.string("item_data")),
            keyHash: row.optionalString("key_hash"),
            keyEncrypted: row.optionalString("key_encrypted"),
            type: try row.string("type"),
            expiresAt: try? row.int64("expires_at"),
            createdAt: try row.int64("created_at"),
            openCount: try row.int("open_count"),
            consumedAt: try? row.int64("consumed_at")
        )
    }
}
