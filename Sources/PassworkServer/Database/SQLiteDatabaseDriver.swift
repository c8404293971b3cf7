import Foundation
import Logging
import SQLiteNIO

/// SQLite through one connection (WAL mode), statements serialised by a lock so that transactions never
/// interleave. The database file is created with mode 0600.
final class SQLiteDatabaseDriver: SQLDatabase {
    let dialect = SQLDialect.sqlite
    private let connection: SQLiteConnection
    private let lock = AsyncLock()

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Opens (creating if needed) the database at `path` and sets WAL mode and a busy timeout.
    static func open(path: String, logger: Logger) async throws -> SQLiteDatabaseDriver {
        try Self.prepareFile(path)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            // The busy timeout first: another connection (another process, a CLI command) may hold the lock.
            _ = try await connection.query("PRAGMA busy_timeout=10000", [])
            _ = try await connection.query("PRAGMA journal_mode=WAL", [])
            _ = try await connection.query("PRAGMA foreign_keys=ON", [])
            _ = try await connection.query("PRAGMA synchronous=NORMAL", [])
        } catch {
            try? await connection.close()
            throw error
        }
        return SQLiteDatabaseDriver(connection: connection)
    }

    /// Creates the directory (0700) and an empty file (0600) when missing, and tightens the mode otherwise.
    private static func prepareFile(_ path: String) throws {
        let manager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !manager.fileExists(atPath: directory) {
            try manager.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        }
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ServerError(.configuration, "cannot create the database file \(path)")
            }
        }
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await self.lock.withLock {
            try await Self.run(self.connection, sql, binds)
        }
    }

    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        try await self.lock.withLock {
            _ = try await self.connection.query("BEGIN IMMEDIATE", [])
            do {
                let result = try await body(Executor(connection: self.connection))
                _ = try await self.connection.query("COMMIT", [])
                return result
            } catch {
                _ = try? await self.connection.query("ROLLBACK", [])
                throw error
            }
        }
    }

    func close() async throws {
        try await self.lock.withLock {
            try await self.connection.close()
        }
    }

    /// Runs inside a transaction, which already holds the lock.
    private struct Executor: SQLExecutor {
        let connection: SQLiteConnection

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await SQLiteDatabaseDriver.run(self.connection, sql, binds)
        }
    }

    fileprivate static func run(_ connection: SQLiteConnection, _ sql: String, _ binds: [SQLValue]) async throws
        -> [SQLRow]
    {
        let data: [SQLiteData] = binds.map { value in
            switch value {
            case .null: return .null
            case .integer(let number): return .integer(Int(number))
            case .text(let text): return .text(text)
            }
        }
        let rows = try await connection.query(sql, data)
        return rows.map { row in
            var values: [String: SQLValue] = [:]
            for column in row.columns {
                switch column.data {
                case .integer(let number): values[column.name] = .integer(Int64(number))
                case .text(let text): values[column.name] = .text(text)
                case .float(let number): values[column.name] = .integer(Int64(number))
                case .blob, .null: values[column.name] = .null
                }
            }
            return SQLRow(values: values)
        }
    }
}
