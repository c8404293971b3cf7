import CSQLite3

/// A prepared statement, kept by ``SQLiteHandle`` and run again with new binds: SQLite parses and plans
/// each distinct statement once per connection.
///
/// `@unchecked Sendable`: it is only used by the holder of the driver's ``AsyncLock``, one task or queue
/// job at a time.
final class SQLiteStatement: @unchecked Sendable {
    private let pointer: OpaquePointer
    private let connection: OpaquePointer
    /// Whether running it cannot change the database: a SELECT, but also BEGIN and COMMIT, as SQLite counts
    /// them (the driver sends those to its write queue itself).
    let isReadOnly: Bool
    private var columnNames: [String] = []

    init(_ sql: String, connection: OpaquePointer) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(
            connection,
            sql,
            -1,
            UInt32(SQLITE_PREPARE_PERSISTENT),
            &pointer,
            nil
        )
        guard status == SQLITE_OK, let pointer else {
            throw SQLiteError(status: status, connection: connection)
        }
        self.pointer = pointer
        self.connection = connection
        self.isReadOnly = sqlite3_stmt_readonly(pointer) != 0
    }

    deinit {
        sqlite3_finalize(self.pointer)
    }

    /// Binds `binds`, steps through every row, and resets the statement for its next use.
    ///
    /// Every parameter is bound on every run, so the old binds are never cleared: SQLite expires a
    /// statement whose binds are cleared when its planner looked at a bound value (any `column = ?`), and
    /// it would then parse and plan it again on every run.
    func run(_ binds: [SQLValue]) throws(SQLiteError) -> [SQLRow] {
        guard binds.count == Int(sqlite3_bind_parameter_count(self.pointer)) else {
            throw SQLiteError(status: SQLITE_RANGE, message: "the statement takes another number of binds")
        }
        defer { sqlite3_reset(self.pointer) }
        for (offset, value) in binds.enumerated() {
            try self.check(self.bind(value, at: Int32(offset + 1)))
        }
        var rows: [SQLRow] = []
        while true {
            let status = sqlite3_step(self.pointer)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw SQLiteError(status: status, connection: self.connection) }
            rows.append(self.currentRow())
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(self.pointer, index)
        case .integer(let number):
            return sqlite3_bind_int64(self.pointer, index, number)
        case .text(let text):
            // SQLITE_TRANSIENT: SQLite copies the text, which lives only for this call.
            return sqlite3_bind_text64(
                self.pointer,
                index,
                text,
                UInt64(text.utf8.count),
                Self.transient,
                UInt8(SQLITE_UTF8)
            )
        }
    }

    private func check(_ status: Int32) throws(SQLiteError) {
        guard status == SQLITE_OK else { throw SQLiteError(status: status, connection: self.connection) }
    }

    private func currentRow() -> SQLRow {
        let count = Int(sqlite3_column_count(self.pointer))
        if self.columnNames.count != count {  // the first row, or the schema changed and SQLite re-prepared
            self.columnNames = (0..<Int32(count)).map {
                String(cString: sqlite3_column_name(self.pointer, $0))
            }
        }
        var values: [String: SQLValue] = [:]
        values.reserveCapacity(count)
        for (offset, name) in self.columnNames.enumerated() {
            let column = Int32(offset)
            switch sqlite3_column_type(self.pointer, column) {
            case SQLITE_INTEGER:
                values[name] = .integer(sqlite3_column_int64(self.pointer, column))
            case SQLITE_FLOAT:
                values[name] = .integer(Int64(sqlite3_column_double(self.pointer, column)))
            case SQLITE_TEXT:
                let bytes = sqlite3_column_text(self.pointer, column)
                let length = Int(sqlite3_column_bytes(self.pointer, column))
                values[name] = .text(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
            default:  // NULL; the schema stores no blobs
                values[name] = .null
            }
        }
        return SQLRow(values: values)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// An error of the SQLite library, with its message (e.g. "UNIQUE constraint failed: users.login").
struct SQLiteError: Error, CustomStringConvertible {
    let status: Int32
    let message: String

    init(status: Int32, connection: OpaquePointer?) {
        self.status = status
        self.message = sqlite3_errmsg(connection).map { String(cString: $0) } ?? "SQLite error \(status)"
    }

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    var description: String { "SQLite error \(self.status): \(self.message)" }
}
