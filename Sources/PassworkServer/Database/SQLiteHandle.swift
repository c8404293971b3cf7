import CSQLite3

/// One open sqlite3 connection and the statements prepared on it.
///
/// The system's libsqlite3, called directly through the `CSQLite3` module map. SQLiteNIO is not used: its
/// public API prepares every statement again and runs each one as a job of its own thread pool, and the
/// item GET paid about 100 µs of CPU per statement for that.
///
/// `@unchecked Sendable`: it is only used by the holder of the driver's ``AsyncLock``, one task or queue
/// job at a time (and the connection is opened in SQLite's serialized mode besides).
final class SQLiteHandle: @unchecked Sendable {
    /// Beyond this many distinct statements (`IN` lists and multi-row INSERTs vary in length), the cache
    /// starts again from empty.
    static let maxCachedStatements = 256

    private var connection: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating if needed) the database file.
    init(path: String) throws(SQLiteError) {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let error = SQLiteError(status: status, connection: connection)
            sqlite3_close(connection)
            throw error
        }
        self.connection = connection
    }

    /// The prepared statement for `sql`, from the cache or prepared now.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = self.statements[sql] { return statement }
        guard let connection = self.connection else {
            throw SQLiteError(status: SQLITE_MISUSE, message: "the database is closed")
        }
        let statement = try SQLiteStatement(sql, connection: connection)
        if self.statements.count >= Self.maxCachedStatements { self.statements.removeAll() }
        self.statements[sql] = statement
        return statement
    }

    /// Finalizes the statements and closes the connection.
    func close() {
        self.statements.removeAll()
        sqlite3_close(self.connection)
        self.connection = nil
    }
}
