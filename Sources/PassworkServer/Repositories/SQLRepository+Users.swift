import PassworkModels

extension SQLRepository {
    public func createUser(_ user: UserRecord) async throws {
        do {
            _ = try await self.database.query(
                """
                INSERT INTO users (id, login, full_name, email, role, master_key_hash, master_key_options,
                    public_key, private_encrypted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(user.id), .text(user.login), .text(user.fullName), .text(user.email),
                    .text(user.role.rawValue), .optional(user.masterKeyHash), .optional(user.masterKeyOptions),
                    .optional(user.publicKey), .optional(user.privateEncrypted), .integer(user.createdAt),
                ]
            )
        } catch {
            if Self.isUniqueViolation(error) {
                throw ServerError(.conflict, "the login is already taken", field: "login")
            }
            throw error
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await self.database.query("SELECT * FROM users WHERE id = ?", [.text(id)]).first.map(Self.userRecord)
    }

    public func user(login: String) async throws -> UserRecord? {
        try await self.database.query("SELECT * FROM users WHERE login = ?", [.text(login)]).first.map(
            Self.userRecord
        )
    }

    public func users(role: AccountRole?) async throws -> [UserRecord] {
        let rows: [SQLRow]
        if let role {
            rows = try await self.database.query(
                "SELECT * FROM users WHERE role = ? ORDER BY created_at, id",
                [.text(role.rawValue)]
            )
        } else {
            rows = try await self.database.query("SELECT * FROM users ORDER BY created_at, id", [])
        }
        return try rows.map(Self.userRecord)
    }

    public func userCount() async throws -> Int {
        let rows = try await self.database.query("SELECT COUNT(*) AS n FROM users", [])
        return try rows.first?.int("n") ?? 0
    }

    static func userRecord(_ row: SQLRow) throws -> UserRecord {
        guard let role = AccountRole(rawValue: try row.string("role")) else {
            throw ServerError.database("unknown user role")
        }
        return UserRecord(
            id: try row.string("id"),
            login: try row.string("login"),
            fullName: try row.string("full_name"),
            email: try row.string("email"),
            role: role,
            masterKeyHash: row.optionalString("master_key_hash"),
            masterKeyOptions: row.optionalString("master_key_options"),
            publicKey: row.optionalString("public_key"),
            privateEncrypted: row.optionalString("private_encrypted"),
            createdAt: try row.int64("created_at")
        )
    }
}
