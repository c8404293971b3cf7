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

/// A database the repository runs on: one of the two engines behind one small interface.
public protocol SQLDatabase: SQLExecutor {
    /// The engine's dialect.
    var dialect: SQLDialect { get }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result

    /// Releases the connection(s).
    func close() async throws
}
