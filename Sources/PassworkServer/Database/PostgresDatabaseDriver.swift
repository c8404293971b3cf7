import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// PostgreSQL through a `PostgresClient` connection pool. The client must be running (see ``run()``) for
/// statements to go through; several server replicas may share one database.
final class PostgresDatabaseDriver: SQLDatabase {
    let dialect = SQLDialect.postgres
    let client: PostgresClient
    let schema: String?
    private let logger: Logger
    private let changes: PostgresChangeListener

    /// Makes the client; nothing connects until ``run()`` runs.
    init(location: PostgresLocation, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: Self.tls(location.sslMode)
        )
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        configuration.options.maximumConnections = 10
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.schema = location.schema
        self.logger = logger
        self.changes = PostgresChangeListener(logger: logger)
    }

    private static func tls(_ mode: PostgresLocation.SSLMode) -> PostgresClient.Configuration.TLS {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(unverified)
        case .require: return .require(unverified)
        case .verifyFull: return .require(TLSConfiguration.makeClientConfiguration())
        }
    }

    /// Runs the pool, and (for a server) the listener of the change stamp on one of its connections, until
    /// the task is cancelled. Without the listener there is no stamp, so nothing is cached.
    func run(listeningForChanges: Bool) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            if listeningForChanges {
                group.addTask { await self.changes.run(client: self.client) }
            }
        }
    }

    /// Waits (at most `timeout`) until the change listener listens.
    func waitUntilListening(timeout: Duration) async {
        await self.changes.waitUntilListening(timeout: timeout)
    }

    func changeStamp() async throws -> Int64? {
        self.changes.stamp
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        // Moved whatever happens after the statement was sent: it may have committed before an error.
        defer { if Self.mayChangeCachedRows(sql) { self.changes.noteChange() } }
        let rows = try await self.client.query(Self.makeQuery(sql, binds), logger: self.logger)
        return try await Self.collect(rows)
    }

    /// Whether a statement may change rows behind the read caches, so that this process's own stamp must
    /// move once it has committed: anything but a SELECT and an INSERT of audit events, the write the
    /// server makes most and no cache reads. Moving it needlessly costs only a refill of the caches.
    static func mayChangeCachedRows(_ sql: String) -> Bool {
        let statement = sql.drop { $0 == " " || $0 == "\n" }
        return !statement.hasPrefix("SELECT") && !statement.hasPrefix("INSERT INTO audit_events")
    }

    func query<Statement: PreparedSQL>(_ statement: Statement.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let rows = try await self.client.execute(PostgresPrepared<Statement>(binds: binds), logger: self.logger)
        return try await Self.collect(rows)
    }

    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        let writes = WriteFlag()
        defer { if writes.isSet { self.changes.noteChange() } }
        return try await self.client.withTransaction(logger: self.logger) { connection in
            try await body(Executor(connection: connection, logger: self.logger, writes: writes))
        }
    }

    /// Set by a transaction's statements that may change cached rows; read once the transaction is over
    /// (committed or not: a needless move only costs a refill).
    private final class WriteFlag: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { self.flag.withLock { $0 } }
        func set() { self.flag.withLock { $0 = true } }
    }

    func close() async throws {}

    private struct Executor: SQLExecutor {
        let connection: PostgresConnection
        let logger: Logger
        let writes: WriteFlag

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            if PostgresDatabaseDriver.mayChangeCachedRows(sql) { self.writes.set() }
            let rows = try await self.connection.query(
                PostgresDatabaseDriver.makeQuery(sql, binds),
                logger: self.logger
            )
            return try await PostgresDatabaseDriver.collect(rows)
        }
    }

    /// Rewrites `?` placeholders as `$1`, `$2`, … and binds the values.
    fileprivate static func makeQuery(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        PostgresQuery(unsafeSQL: Self.numberPlaceholders(sql), binds: Self.bindings(binds))
    }

    /// `?` placeholders as `$1`, `$2`, …, byte by byte: `?` is ASCII, so it is never part of a longer UTF-8
    /// sequence, and walking bytes rather than Characters keeps this off the profile.
    static func numberPlaceholders(_ sql: String) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(sql.utf8.count + 16)
        var index = 0
        for byte in sql.utf8 {
            if byte == UInt8(ascii: "?") {
                index += 1
                text.append(UInt8(ascii: "$"))
                text.append(contentsOf: String(index).utf8)
            } else {
                text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func bindings(_ binds: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .text(let string): bindings.append(string)
            }
        }
        return bindings
    }

    fileprivate static func collect<Rows: AsyncSequence>(_ rows: Rows) async throws -> [SQLRow]
    where Rows.Element == PostgresRow {
        var result: [SQLRow] = []
        for try await row in rows {
            var values: [String: SQLValue] = [:]
            for cell in row {
                guard cell.bytes != nil else {
                    values[cell.columnName] = .null
                    continue
                }
                switch cell.dataType {
                case .int2, .int4, .int8:
                    values[cell.columnName] = .integer(Int64(try cell.decode(Int.self)))
                case .bool:
                    values[cell.columnName] = .integer(try cell.decode(Bool.self) ? 1 : 0)
                default:
                    values[cell.columnName] = .text(try cell.decode(String.self))
                }
            }
            result.append(SQLRow(values: values))
        }
        return result
    }
}

/// A ``PreparedSQL`` statement as PostgresNIO prepares it: once per pooled connection, under the name of its
/// Swift type.
private struct PostgresPrepared<Statement: PreparedSQL>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var name: String { "secretfs_" + String(describing: Statement.self) }
    static var sql: String { PostgresDatabaseDriver.numberPlaceholders(Statement.sql) }

    let binds: [SQLValue]

    func makeBindings() throws -> PostgresBindings {
        PostgresDatabaseDriver.bindings(self.binds)
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
