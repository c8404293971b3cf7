/// The SQL dialect of an engine, for the few statements that differ (DDL, locking).
public enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// Runs statements. Statements are written with `?` placeholders; each driver rewrites them as it needs.
public protocol SQLExecutor: Sendable {
    /// Runs one statement and returns its rows (none for statements without `RETURNING`).
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

/// A statement the server runs on nearly every request, so that PostgreSQL prepares it once per connection
/// instead of parsing and planning it on every run (SQLite keeps every statement prepared anyway). The SQL
/// is a static property, as PostgresNIO wants, and lists its columns rather than `*`: a prepared statement
/// whose result would change shape after a migration adds a column fails on PostgreSQL.
public protocol PreparedSQL {
    /// The statement, with `?` placeholders.
    static var sql: String { get }
}

/// A database the repository runs on: one of the two engines behind one small interface.
public protocol SQLDatabase: SQLExecutor {
    /// The engine's dialect.
    var dialect: SQLDialect { get }

    /// Runs a statement that is kept prepared; see ``PreparedSQL``.
    func query<Statement: PreparedSQL>(_ statement: Statement.Type, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result

    /// A number that moves whenever a row of the tables behind the read caches (users, sessions, vaults,
    /// members, items) may have changed, by this process or another; `nil` when the engine cannot tell at
    /// the moment, so that nothing is served from a cache. See ``ReadCache``.
    func changeStamp() async throws -> Int64?

    /// Releases the connection(s).
    func close() async throws
}
