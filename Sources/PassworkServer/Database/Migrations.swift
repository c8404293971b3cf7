import Foundation

/// The schema, as numbered migrations that run at start. Each runs once, in a transaction that also
/// records it in `schema_migrations`; on PostgreSQL an advisory lock keeps replicas that start together
/// from running them twice.
enum Migrations {
    /// Every migration, in order, as `dialect` runs it (most are the same on both engines). `{ID}` is the
    /// auto-increment key type and `{INT}` the 64-bit integer type of each dialect.
    static func all(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        [
            (
                1,
                [
                    """
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, email TEXT NOT NULL,
                        role TEXT NOT NULL, master_key_hash TEXT, master_key_options TEXT, public_key TEXT,
                        private_encrypted TEXT, created_at {INT} NOT NULL)
                    """,
                    """
                    CREATE TABLE sessions (
                        id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
                        access_hash TEXT NOT NULL UNIQUE, access_expires_at {INT} NOT NULL,
                        refresh_hash TEXT NOT NULL UNIQUE, refresh_expires_at {INT} NOT NULL,
                        revoked {INT} NOT NULL DEFAULT 0, created_at {INT} NOT NULL)
                    """,
                    """
                    CREATE TABLE used_refresh_tokens (
                        hash TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), used_at {INT} NOT NULL)
                    """,
                    """
                    CREATE TABLE vaults (
                        id TEXT PRIMARY KEY, name TEXT NOT NULL, type_id TEXT, salt TEXT, master_key_hash TEXT,
                        creator_id TEXT NOT NULL, created_at {INT} NOT NULL, is_deleted {INT} NOT NULL DEFAULT 0)
                    """,
                    """
                    CREATE TABLE vault_members (
                        vault_id TEXT NOT NULL REFERENCES vaults(id), user_id TEXT NOT NULL REFERENCES users(id),
                        master_key_encrypted TEXT, role TEXT NOT NULL, PRIMARY KEY (vault_id, user_id))
                    """,
                    """
                    CREATE TABLE folders (
                        id TEXT PRIMARY KEY, vault_id TEXT NOT NULL REFERENCES vaults(id), parent_id TEXT,
                        name TEXT NOT NULL, created_at {INT} NOT NULL, is_deleted {INT} NOT NULL DEFAULT 0)
                    """,
                    """
                    CREATE TABLE items (
                        id TEXT PRIMARY KEY, vault_id TEXT NOT NULL REFERENCES vaults(id), folder_id TEXT,
                        name TEXT NOT NULL, login TEXT NOT NULL, url TEXT NOT NULL, description TEXT,
                        tags TEXT NOT NULL, color {INT} NOT NULL, fields_order TEXT, password_encrypted TEXT NOT NULL,
                        key_encrypted TEXT NOT NULL, customs TEXT NOT NULL, attachments TEXT NOT NULL,
                        creator_id TEXT NOT NULL, created_at {INT} NOT NULL, updated_at {INT} NOT NULL,
                        is_deleted {INT} NOT NULL DEFAULT 0)
                    """,
                    "CREATE INDEX items_vault ON items(vault_id, folder_id)",
                    """
                    CREATE TABLE item_snapshots (
                        id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items(id), data TEXT NOT NULL,
                        creator_id TEXT NOT NULL, created_at {INT} NOT NULL)
                    """,
                    "CREATE INDEX item_snapshots_item ON item_snapshots(item_id)",
                    """
                    CREATE TABLE attachments (
                        id TEXT PRIMARY KEY, item_id TEXT NOT NULL, name TEXT NOT NULL, encrypted_key TEXT NOT NULL,
                        encrypted_data TEXT NOT NULL, hash TEXT NOT NULL, created_at {INT} NOT NULL)
                    """,
                    """
                    CREATE TABLE shortcuts (
                        id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items(id),
                        vault_id TEXT NOT NULL REFERENCES vaults(id), folder_id TEXT, key_encrypted TEXT,
                        creator_id TEXT NOT NULL, created_at {INT} NOT NULL, is_deleted {INT} NOT NULL DEFAULT 0)
                    """,
                    """
                    CREATE TABLE bin (
                        id TEXT PRIMARY KEY, kind TEXT NOT NULL, object_id TEXT NOT NULL, vault_id TEXT,
                        user_id TEXT NOT NULL, deleted_at {INT} NOT NULL)
                    """,
                    """
                    CREATE TABLE audit_events (
                        seq {ID}, id TEXT NOT NULL UNIQUE, time TEXT NOT NULL, time_ms {INT} NOT NULL,
                        action TEXT NOT NULL, item_id TEXT NOT NULL, vault_id TEXT NOT NULL, field TEXT,
                        bytes {INT} NOT NULL, result TEXT NOT NULL, caller TEXT NOT NULL, host TEXT NOT NULL,
                        mount TEXT, user_id TEXT, received_at {INT} NOT NULL)
                    """,
                    "CREATE INDEX audit_events_item ON audit_events(item_id)",
                    "CREATE INDEX audit_events_vault ON audit_events(vault_id)",
                ]
            ),
            (
                2,
                [
                    // Share links: the item data re-encrypted with the link's code, and sha256hex(code), never the code.
                    """
                    CREATE TABLE links (
                        id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items(id), shortcut_id TEXT,
                        creator_id TEXT NOT NULL REFERENCES users(id), item_data TEXT NOT NULL, key_hash TEXT,
                        key_encrypted TEXT, type TEXT NOT NULL, expires_at {INT}, created_at {INT} NOT NULL,
                        open_count {INT} NOT NULL DEFAULT 0, consumed_at {INT})
                    """,
                    // Items sent to one user, with the item key wrapped for that user.
                    """
                    CREATE TABLE inbox_items (
                        id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items(id),
                        sender_id TEXT NOT NULL REFERENCES users(id), recipient_id TEXT NOT NULL REFERENCES users(id),
                        key_encrypted TEXT, access TEXT NOT NULL, created_at {INT} NOT NULL,
                        is_viewed {INT} NOT NULL DEFAULT 0, is_user_notified {INT} NOT NULL DEFAULT 0)
                    """,
                    "CREATE INDEX inbox_items_recipient ON inbox_items(recipient_id, item_id)",
                ]
            ),
            (3, Self.changeStampStatements(dialect)),
        ]
    }

    /// The tables whose rows the read caches hold (``ReadCache``): a change to any of them moves the
    /// database's change stamp.
    static let cachedTables = ["users", "sessions", "vaults", "vault_members", "items"]

    /// The change stamp (``SQLDatabase/changeStamp()``), kept by triggers so that every writer moves it, the
    /// CLI and other replicas included. SQLite: a counter row, read by each request. PostgreSQL: a
    /// notification at commit, which each replica listens for; no shared row, so writers never queue on it.
    private static func changeStampStatements(_ dialect: SQLDialect) -> [String] {
        switch dialect {
        case .sqlite:
            let create = [
                "CREATE TABLE change_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)",
                "INSERT INTO change_stamp (id, value) VALUES (1, 0)",
            ]
            return create
                + Self.cachedTables.flatMap { table in
                    ["INSERT", "UPDATE", "DELETE"].map { event in
                        """
                        CREATE TRIGGER \(table)_\(event.lowercased())_stamp AFTER \(event) ON \(table)
                        BEGIN UPDATE change_stamp SET value = value + 1 WHERE id = 1; END
                        """
                    }
                }
        case .postgres:
            let function = """
                CREATE OR REPLACE FUNCTION secretfs_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN PERFORM pg_notify('\(Self.changeChannel)', TG_TABLE_SCHEMA); RETURN NULL; END $body$
                """
            return [function]
                + Self.cachedTables.map { table in
                    """
                    CREATE TRIGGER \(table)_stamp AFTER INSERT OR UPDATE OR DELETE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION secretfs_changed()
                    """
                }
        }
    }

    /// The PostgreSQL notification channel of the change stamp. The payload is the changed table's schema:
    /// several deployments may share a database, one schema each, and the channel is per database.
    static let changeChannel = "secretfs_changes"

    /// Runs every migration not yet applied, all in one transaction. On PostgreSQL an advisory lock taken
    /// first serialises replicas that start together (DDL is transactional there); on SQLite the
    /// transaction's write lock does the same.
    static func run(on database: any SQLDatabase, schema: String?) async throws {
        let dialect = database.dialect
        try await database.transaction { executor in
            if dialect == .postgres {
                _ = try await executor.query("SELECT pg_advisory_xact_lock(7270001)", [])
                if let schema {
                    _ = try await executor.query("CREATE SCHEMA IF NOT EXISTS \(schema)", [])
                }
            }
            _ = try await executor.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version \(Self.integerType(dialect)) PRIMARY KEY)",
                []
            )
            let applied = Set(
                try await executor.query("SELECT version FROM schema_migrations", []).map { try $0.int("version") }
            )
            for migration in Self.all(dialect) where !applied.contains(migration.version) {
                for statement in migration.statements {
                    _ = try await executor.query(Self.render(statement, dialect), [])
                }
                _ = try await executor.query(
                    "INSERT INTO schema_migrations (version) VALUES (?)",
                    [.int(migration.version)]
                )
            }
        }
    }

    private static func integerType(_ dialect: SQLDialect) -> String {
        dialect == .sqlite ? "INTEGER" : "BIGINT"
    }

    private static func render(_ statement: String, _ dialect: SQLDialect) -> String {
        let identity = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        return statement.replacingOccurrences(of: "{ID}", with: identity)
            .replacingOccurrences(of: "{INT}", with: Self.integerType(dialect))
    }
}
