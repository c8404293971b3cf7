extension SQLRepository {
    public func createFolder(_ folder: FolderRecord) async throws {
        _ = try await self.database.query(
            "INSERT INTO folders (id, vault_id, parent_id, name, created_at, is_deleted) VALUES (?, ?, ?, ?, ?, 0)",
            [
                .text(folder.id), .text(folder.vaultId), .optional(folder.parentId), .text(folder.name),
                .integer(folder.createdAt),
            ]
        )
    }

    public func folder(id: String) async throws -> FolderRecord? {
        try await self.database.query("SELECT * FROM folders WHERE id = ? AND is_deleted = 0", [.text(id)])
            .first.map(Self.folderRecord)
    }

    public func folders(vaultId: String) async throws -> [FolderRecord] {
        try await self.database.query(
            "SELECT * FROM folders WHERE vault_id = ? AND is_deleted = 0 ORDER BY created_at, id",
            [.text(vaultId)]
        ).map(Self.folderRecord)
    }

    public func updateFolder(_ folder: FolderRecord) async throws {
        _ = try await self.database.query(
            "UPDATE folders SET name = ?, parent_id = ? WHERE id = ?",
            [.text(folder.name), .optional(folder.parentId), .text(folder.id)]
        )
    }

    public func deleteFolder(id: String, userId: String, binId: String, now: Int64) async throws -> String {
        try await self.database.transaction { executor in
            let rows = try await executor.query("SELECT vault_id FROM folders WHERE id = ?", [.text(id)])
            guard let vaultId = try rows.first?.string("vault_id") else { throw ServerError.notFound("folder") }
            let all = try await executor.query(
                "SELECT id, parent_id FROM folders WHERE vault_id = ? AND is_deleted = 0",
                [.text(vaultId)]
            )
            var doomed: Set<String> = [id]
            var grew = true
            while grew {
                grew = false
                for row in all {
                    let folderId = try row.string("id")
                    if let parent = row.optionalString("parent_id"), doomed.contains(parent), !doomed.contains(folderId)
                    {
                        doomed.insert(folderId)
                        grew = true
                    }
                }
            }
            let list = Array(doomed)
            let binds = list.map { SQLValue.text($0) }
            _ = try await executor.query(
                "UPDATE folders SET is_deleted = 1 WHERE id IN \(Self.placeholders(list.count))",
                binds
            )
            _ = try await executor.query(
                "UPDATE items SET is_deleted = 1 WHERE folder_id IN \(Self.placeholders(list.count))",
                binds
            )
            try await Self.addToBin(binId, .folder, id, vaultId: vaultId, userId: userId, now: now, on: executor)
            return binId
        }
    }

    static func folderRecord(_ row: SQLRow) throws -> FolderRecord {
        FolderRecord(
            id: try row.string("id"),
            vaultId: try row.string("vault_id"),
            parentId: row.optionalString("parent_id"),
            name: try row.string("name"),
            createdAt: try row.int64("created_at")
        )
    }
}
