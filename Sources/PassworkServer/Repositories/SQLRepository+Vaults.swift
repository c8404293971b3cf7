extension SQLRepository {
    public func createVault(_ vault: VaultRecord, members: [VaultMemberRecord]) async throws {
        try await self.database.transaction { executor in
            _ = try await executor.query(
                """
                INSERT INTO vaults (id, name, type_id, salt, master_key_hash, creator_id, created_at, is_deleted)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                """,
                [
                    .text(vault.id), .text(vault.name), .optional(vault.typeId), .optional(vault.salt),
                    .optional(vault.masterKeyHash), .text(vault.creatorId), .integer(vault.createdAt),
                ]
            )
            for member in members {
                try await Self.upsertMember(member, on: executor)
            }
        }
    }

    public func vault(id: String) async throws -> VaultRecord? {
        try await self.database.query("SELECT * FROM vaults WHERE id = ? AND is_deleted = 0", [.text(id)])
            .first.map(Self.vaultRecord)
    }

    public func renameVault(id: String, name: String) async throws {
        _ = try await self.database.query("UPDATE vaults SET name = ? WHERE id = ?", [.text(name), .text(id)])
    }

    public func deleteVault(id: String, userId: String, binId: String, now: Int64) async throws -> String {
        try await self.database.transaction { executor in
            _ = try await executor.query("UPDATE vaults SET is_deleted = 1 WHERE id = ?", [.text(id)])
            try await Self.addToBin(binId, .vault, id, vaultId: id, userId: userId, now: now, on: executor)
            return binId
        }
    }

    public func member(vaultId: String, userId: String) async throws -> VaultMemberRecord? {
        try await self.database.query(
            "SELECT * FROM vault_members WHERE vault_id = ? AND user_id = ?",
            [.text(vaultId), .text(userId)]
        ).first.map(Self.memberRecord)
    }

    public func members(vaultId: String) async throws -> [VaultMemberRecord] {
        try await self.database.query(
            "SELECT * FROM vault_members WHERE vault_id = ? ORDER BY user_id",
            [.text(vaultId)]
        ).map(Self.memberRecord)
    }

    public func upsertMember(_ member: VaultMemberRecord) async throws {
        try await Self.upsertMember(member, on: self.database)
    }

    public func removeMember(vaultId: String, userId: String) async throws {
        _ = try await self.database.query(
            "DELETE FROM vault_members WHERE vault_id = ? AND user_id = ?",
            [.text(vaultId), .text(userId)]
        )
    }

    public func vaults(userId: String) async throws -> [(vault: VaultRecord, member: VaultMemberRecord)] {
        let rows = try await self.database.query(
            """
            SELECT v.*, m.vault_id, m.user_id, m.master_key_encrypted, m.role FROM vaults v
            JOIN vault_members m ON m.vault_id = v.id
            WHERE m.user_id = ? AND v.is_deleted = 0 ORDER BY v.created_at, v.id
            """,
            [.text(userId)]
        )
        return try rows.map { row in (try Self.vaultRecord(row), try Self.memberRecord(row)) }
    }

    static func upsertMember(_ member: VaultMemberRecord, on executor: any SQLExecutor) async throws {
        _ = try await executor.query(
            """
            INSERT INTO vault_members (vault_id, user_id, master_key_encrypted, role) VALUES (?, ?, ?, ?)
            ON CONFLICT (vault_id, user_id) DO UPDATE SET master_key_encrypted = excluded.master_key_encrypted,
                role = excluded.role
            """,
            [
                .text(member.vaultId), .text(member.userId), .optional(member.masterKeyEncrypted),
                .text(member.role.rawValue),
            ]
        )
    }

    static func addToBin(
        _ binId: String,
        _ kind: BinKind,
        _ objectId: String,
        vaultId: String?,
        userId: String,
        now: Int64,
        on executor: any SQLExecutor
    ) async throws {
        _ = try await executor.query(
            "INSERT INTO bin (id, kind, object_id, vault_id, user_id, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(binId), .text(kind.rawValue), .text(objectId), .optional(vaultId), .text(userId), .integer(now)]
        )
    }

    static func vaultRecord(_ row: SQLRow) throws -> VaultRecord {
        VaultRecord(
            id: try row.string("id"),
            name: try row.string("name"),
            typeId: row.optionalString("type_id"),
            salt: row.optionalString("salt"),
            masterKeyHash: row.optionalString("master_key_hash"),
            creatorId: try row.string("creator_id"),
            createdAt: try row.int64("created_at")
        )
    }

    static func memberRecord(_ row: SQLRow) throws -> VaultMemberRecord {
        guard let role = VaultRole(rawValue: try row.string("role")) else {
            throw ServerError.database("unknown vault role")
        }
        return VaultMemberRecord(
            vaultId: try row.string("vault_id"),
            userId: try row.string("user_id"),
            masterKeyEncrypted: row.optionalString("master_key_encrypted"),
            role: role
        )
    }
}
