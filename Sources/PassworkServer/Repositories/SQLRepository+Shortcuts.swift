extension SQLRepository {
    public func createShortcut(_ shortcut: ShortcutRecord) async throws {
        _ = try await self.database.query(
            """
            INSERT INTO shortcuts (id, item_id, vault_id, folder_id, key_encrypted, creator_id, created_at, is_deleted)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0)
            """,
            [
                .text(shortcut.id), .text(shortcut.itemId), .text(shortcut.vaultId), .optional(shortcut.folderId),
                .optional(shortcut.keyEncrypted), .text(shortcut.creatorId), .integer(shortcut.createdAt),
            ]
        )
    }

    public func shortcut(id: String) async throws -> ShortcutRecord? {
        try await self.database.query("SELECT * FROM shortcuts WHERE id = ? AND is_deleted = 0", [.text(id)])
            .first.map(Self.shortcutRecord)
    }

    public func shortcuts(vaultIds: [String], folderIds: [String]?) async throws -> [ShortcutRecord] {
        guard !vaultIds.isEmpty else { return [] }
        var sql = "SELECT * FROM shortcuts WHERE is_deleted = 0 AND vault_id IN \(Self.placeholders(vaultIds.count))"
        var binds = vaultIds.map { SQLValue.text($0) }
        if let folderIds {
            sql += " AND folder_id IN \(Self.placeholders(folderIds.count))"
            binds += folderIds.map { SQLValue.text($0) }
        }
        sql += " ORDER BY created_at, id"
        return try await self.database.query(sql, binds).map(Self.shortcutRecord)
    }

    static func shortcutRecord(_ row: SQLRow) throws -> ShortcutRecord {
        ShortcutRecord(
            id: try row.string("id"),
            itemId: try row.string("item_id"),
            vaultId: try row.string("vault_id"),
            folderId: row.optionalString("folder_id"),
            keyEncrypted: row.optionalString("key_encrypted"),
            creatorId: try row.string("creator_id"),
            createdAt: try row.int64("created_at")
        )
    }
}
