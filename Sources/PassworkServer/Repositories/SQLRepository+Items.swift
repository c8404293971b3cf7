import PassworkModels

extension SQLRepository {
    public func createItem(_ record: ItemRecord, attachments: [AttachmentRecord]) async throws {
        let binds = try Self.itemBinds(record)
        try await self.database.transaction { executor in
            _ = try await executor.query(
                """
                INSERT INTO items (id, vault_id, folder_id, name, login, url, description, tags, color, fields_order,
                    password_encrypted, key_encrypted, customs, attachments, creator_id, created_at, updated_at,
                    is_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """,
                binds
            )
            for attachment in attachments {
                try await Self.insertAttachment(attachment, on: executor)
            }
        }
    }

    public func item(id: String) async throws -> ItemRecord? {
        try await self.database.query("SELECT * FROM items WHERE id = ? AND is_deleted = 0", [.text(id)])
            .first.map(Self.itemRecord)
    }

    public func itemWithMembership(id: String, userId: String) async throws
        -> (item: ItemRecord, member: VaultMemberRecord)?
    {
        let rows = try await self.database.query(ItemWithMembershipSQL.self, [.text(id), .text(userId)])
        guard let row = rows.first else { return nil }
        let record = try Self.itemRecord(row)
        guard let role = VaultRole(rawValue: try row.string("member_role")) else {
            throw ServerError.database("unknown vault role")
        }
        let member = VaultMemberRecord(
            vaultId: record.item.vaultId,
            userId: userId,
            masterKeyEncrypted: row.optionalString("member_key_encrypted"),
            role: role
        )
        return (record, member)
    }

    /// The access check of the item routes. No row when the item, its vault or the membership is missing:
    /// the caller answers 404 for each alike, so as not to tell them apart. The membership's columns are
    /// renamed so as not to clash with the item's.
    enum ItemWithMembershipSQL: PreparedSQL {
        static let sql = """
            SELECT i.id, i.vault_id, i.folder_id, i.name, i.login, i.url, i.description, i.tags, i.color,
                i.fields_order, i.password_encrypted, i.key_encrypted, i.customs, i.attachments, i.creator_id,
                i.created_at, i.updated_at, m.master_key_encrypted AS member_key_encrypted, m.role AS member_role
            FROM items i
            JOIN vaults v ON v.id = i.vault_id
            JOIN vault_members m ON m.vault_id = i.vault_id
            WHERE i.id = ? AND m.user_id = ? AND i.is_deleted = 0 AND v.is_deleted = 0
            """
    }

    public func updateItem(_ record: ItemRecord, snapshot: SnapshotRecord, newAttachments: [AttachmentRecord])
        async throws
    {
        let binds = try Self.itemBinds(record)
        let snapshotData = try Self.encodeJSON(snapshot.item)
        try await self.database.transaction { executor in
            _ = try await executor.query(
                "INSERT INTO item_snapshots (id, item_id, data, creator_id, created_at) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(snapshot.id), .text(snapshot.item.id), .text(snapshotData), .text(snapshot.creatorId),
                    .integer(snapshot.createdAt),
                ]
            )
            let updated = try await executor.query(
                """
                UPDATE items SET vault_id = ?, folder_id = ?, name = ?, login = ?, url = ?, description = ?, tags = ?,
                    color = ?, fields_order = ?, password_encrypted = ?, key_encrypted = ?, customs = ?,
                    attachments = ?, creator_id = ?, created_at = ?, updated_at = ?
                WHERE id = ? AND is_deleted = 0 RETURNING id
                """,
                Array(binds.dropFirst()) + [binds[0]]
            )
            guard !updated.isEmpty else { throw ServerError.notFound("item") }
            for attachment in newAttachments {
                try await Self.insertAttachment(attachment, on: executor)
            }
        }
    }

    public func deleteItem(id: String, userId: String, binId: String, now: Int64) async throws -> String {
        try await self.database.transaction { executor in
            let rows = try await executor.query(
                "UPDATE items SET is_deleted = 1 WHERE id = ? AND is_deleted = 0 RETURNING vault_id",
                [.text(id)]
            )
            guard let vaultId = try rows.first?.string("vault_id") else { throw ServerError.notFound("item") }
            try await Self.addToBin(binId, .item, id, vaultId: vaultId, userId: userId, now: now, on: executor)
            return binId
        }
    }

    public func items(vaultIds: [String], folderIds: [String]?) async throws -> [ItemRecord] {
        guard !vaultIds.isEmpty else { return [] }
        var sql = "SELECT * FROM items WHERE is_deleted = 0 AND vault_id IN \(Self.placeholders(vaultIds.count))"
        var binds = vaultIds.map { SQLValue.text($0) }
        if let folderIds {
            sql += " AND folder_id IN \(Self.placeholders(folderIds.count))"
            binds += folderIds.map { SQLValue.text($0) }
        }
        sql += " ORDER BY created_at, id"
        return try await self.database.query(sql, binds).map(Self.itemRecord)
    }

    public func attachment(id: String) async throws -> AttachmentRecord? {
        try await self.database.query("SELECT * FROM attachments WHERE id = ?", [.text(id)]).first.map { row in
            AttachmentRecord(
                id: try row.string("id"),
                itemId: try row.string("item_id"),
                name: try row.string("name"),
                encryptedKey: try row.string("encrypted_key"),
                encryptedData: try row.string("encrypted_data"),
                hash: try row.string("hash"),
                createdAt: try row.int64("created_at")
            )
        }
    }

    public func snapshot(id: String) async throws -> SnapshotRecord? {
        try await self.database.query("SELECT * FROM item_snapshots WHERE id = ?", [.text(id)]).first.map(
            Self.snapshotRecord
        )
    }

    public func snapshots(itemId: String) async throws -> [SnapshotRecord] {
        try await self.database.query(
            "SELECT * FROM item_snapshots WHERE item_id = ? ORDER BY created_at, id",
            [.text(itemId)]
        ).map(Self.snapshotRecord)
    }

    static func insertAttachment(_ attachment: AttachmentRecord, on executor: any SQLExecutor) async throws {
        _ = try await executor.query(
            """
            INSERT INTO attachments (id, item_id, name, encrypted_key, encrypted_data, hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(attachment.id), .text(attachment.itemId), .text(attachment.name), .text(attachment.encryptedKey),
                .text(attachment.encryptedData), .text(attachment.hash), .integer(attachment.createdAt),
            ]
        )
    }

    /// The binds of an item row, in column order starting with `id`.
    static func itemBinds(_ record: ItemRecord) throws -> [SQLValue] {
        let item = record.item
        let fieldsOrder: SQLValue = try item.fieldsOrder.map { .text(try Self.encodeJSON($0)) } ?? .null
        return [
            .text(item.id), .text(item.vaultId), .optional(item.folderId), .text(item.name), .text(item.login),
            .text(item.url), .optional(item.description), .text(try Self.encodeJSON(item.tags)), .int(item.color),
            fieldsOrder, .text(item.passwordEncrypted), .text(item.keyEncrypted),
            .text(try Self.encodeJSON(item.customs)), .text(try Self.encodeJSON(item.attachments)),
            .text(record.creatorId), .integer(record.createdAt), .integer(record.updatedAt),
        ]
    }

    static func itemRecord(_ row: SQLRow) throws -> ItemRecord {
        let item = Item(
            id: try row.string("id"),
            vaultId: try row.string("vault_id"),
            folderId: row.optionalString("folder_id"),
            name: try row.string("name"),
            login: try row.string("login"),
            url: try row.string("url"),
            description: row.optionalString("description"),
            tags: try Self.decodeJSON([String].self, try row.string("tags")),
            color: try row.int("color"),
            fieldsOrder: try row.optionalString("fields_order").map { try Self.decodeJSON(JSONValue.self, $0) },
            passwordEncrypted: try row.string("password_encrypted"),
            keyEncrypted: try row.string("key_encrypted"),
            customs: try Self.decodeJSON([CustomField].self, try row.string("customs")),
            attachments: try Self.decodeJSON([ItemAttachment].self, try row.string("attachments"))
        )
        return ItemRecord(
            item: item,
            creatorId: try row.string("creator_id"),
            createdAt: try row.int64("created_at"),
            updatedAt: try row.int64("updated_at")
        )
    }

    static func snapshotRecord(_ row: SQLRow) throws -> SnapshotRecord {
        SnapshotRecord(
            id: try row.string("id"),
            item: try Self.decodeJSON(Item.self, try row.string("data")),
            creatorId: try row.string("creator_id"),
            createdAt: try row.int64("created_at")
        )
    }
}
