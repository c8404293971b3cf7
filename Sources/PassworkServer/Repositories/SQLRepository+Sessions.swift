extension SQLRepository {
    public func createSession(_ session: SessionRecord) async throws {
        _ = try await self.database.query(
            """
            INSERT INTO sessions (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at,
                revoked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(session.id), .text(session.userId), .text(session.accessHash),
                .integer(session.accessExpiresAt), .text(session.refreshHash), .integer(session.refreshExpiresAt),
                .bool(session.revoked), .integer(session.createdAt),
            ]
        )
    }

    public func session(accessHash: String) async throws -> SessionRecord? {
        try await self.database.query("SELECT * FROM sessions WHERE access_hash = ?", [.text(accessHash)])
            .first.map(Self.sessionRecord)
    }

    public func sessionWithUser(accessHash: String) async throws -> (session: SessionRecord, user: UserRecord)? {
        guard let row = try await self.database.query(SessionWithUserSQL.self, [.text(accessHash)]).first else {
            return nil
        }
        let user = try Self.userRecord(row)
        let session = SessionRecord(
            id: try row.string("session_id"),
            userId: user.id,
            accessHash: try row.string("access_hash"),
            accessExpiresAt: try row.int64("access_expires_at"),
            refreshHash: try row.string("refresh_hash"),
            refreshExpiresAt: try row.int64("refresh_expires_at"),
            revoked: try row.bool("revoked"),
            createdAt: try row.int64("session_created_at")
        )
        return (session, user)
    }

    /// The token check of every authenticated request. The session's clashing columns are renamed; the
    /// user's keep the names `userRecord` reads.
    enum SessionWithUserSQL: PreparedSQL {
        static let sql = """
            SELECT s.id AS session_id, s.access_hash, s.access_expires_at, s.refresh_hash, s.refresh_expires_at,
                s.revoked, s.created_at AS session_created_at, u.id, u.login, u.full_name, u.email, u.role,
                u.master_key_hash, u.master_key_options, u.public_key, u.private_encrypted, u.created_at
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.access_hash = ?
            """
    }

    public func session(refreshHash: String) async throws -> SessionRecord? {
        try await self.database.query("SELECT * FROM sessions WHERE refresh_hash = ?", [.text(refreshHash)])
            .first.map(Self.sessionRecord)
    }

    public func sessionIdForUsedRefreshToken(_ hash: String) async throws -> String? {
        try await self.database.query("SELECT session_id FROM used_refresh_tokens WHERE hash = ?", [.text(hash)])
            .first?.string("session_id")
    }

    public func rotatePair(
        sessionId: String,
        expectedRefreshHash: String,
        accessHash: String,
        accessExpiresAt: Int64,
        refreshHash: String,
        refreshExpiresAt: Int64,
        now: Int64
    ) async throws -> Bool {
        try await self.spendRefreshToken(
            expectedRefreshHash,
            ofSession: sessionId,
            setting: "access_hash = ?, access_expires_at = ?, refresh_hash = ?, refresh_expires_at = ?",
            to: [.text(accessHash), .integer(accessExpiresAt), .text(refreshHash), .integer(refreshExpiresAt)],
            now: now
        )
    }

    public func rotateAccess(
        sessionId: String,
        expectedAccessHash: String,
        accessHash: String,
        accessExpiresAt: Int64
    ) async throws -> Bool {
        let updated = try await self.database.query(
            """
            UPDATE sessions SET access_hash = ?, access_expires_at = ?
            WHERE id = ? AND access_hash = ? AND revoked = 0 RETURNING id
            """,
            [.text(accessHash), .integer(accessExpiresAt), .text(sessionId), .text(expectedAccessHash)]
        )
        return !updated.isEmpty
    }

    public func rotateRefresh(
        sessionId: String,
        expectedRefreshHash: String,
        refreshHash: String,
        refreshExpiresAt: Int64,
        now: Int64
    ) async throws -> Bool {
        try await self.spendRefreshToken(
            expectedRefreshHash,
            ofSession: sessionId,
            setting: "refresh_hash = ?, refresh_expires_at = ?",
            to: [.text(refreshHash), .integer(refreshExpiresAt)],
            now: now
        )
    }

    /// The one way a refresh token is spent, by both rotations: the session's columns change only if it still
    /// holds `expectedRefreshHash` and is not revoked, and the old token is remembered as used (for reuse
    /// detection), atomically. - Returns: whether the swap happened.
    private func spendRefreshToken(
        _ expectedRefreshHash: String,
        ofSession sessionId: String,
        setting assignments: String,
        to values: [SQLValue],
        now: Int64
    ) async throws -> Bool {
        try await self.database.transaction { executor in
            let updated = try await executor.query(
                "UPDATE sessions SET \(assignments) WHERE id = ? AND refresh_hash = ? AND revoked = 0 RETURNING id",
                values + [.text(sessionId), .text(expectedRefreshHash)]
            )
            guard !updated.isEmpty else { return false }
            _ = try await executor.query(
                "INSERT INTO used_refresh_tokens (hash, session_id, used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.text(expectedRefreshHash), .text(sessionId), .integer(now)]
            )
            return true
        }
    }

    public func revokeSession(id: String) async throws {
        _ = try await self.database.query("UPDATE sessions SET revoked = 1 WHERE id = ?", [.text(id)])
    }

    public func revokeSessions(userId: String) async throws -> Int {
        try await self.database.query(
            "UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0 RETURNING id",
            [.text(userId)]
        ).count
    }

    static func sessionRecord(_ row: SQLRow) throws -> SessionRecord {
        SessionRecord(
            id: try row.string("id"),
            userId: try row.string("user_id"),
            accessHash: try row.string("access_hash"),
            accessExpiresAt: try row.int64("access_expires_at"),
            refreshHash: try row.string("refresh_hash"),
            refreshExpiresAt: try row.int64("refresh_expires_at"),
            revoked: try row.bool("revoked"),
            createdAt: try row.int64("created_at")
        )
    }
}
