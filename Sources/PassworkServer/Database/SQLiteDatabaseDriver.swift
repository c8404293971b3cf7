import Dispatch
import Foundation
import Logging

/// SQLite through one connection (WAL mode), statements serialised by a lock so that transactions never
/// interleave. The database file is created with mode 0600.
///
/// Where statements run: a read-only statement (a SELECT) runs on the calling task's own thread while it
/// holds the lock. In WAL mode a reader does not wait for writers, so it only costs its own few tens of
/// microseconds, and the item GET makes two such reads. A statement that writes runs on a serial dispatch
/// queue instead: a write may wait for another process's lock (the busy timeout, up to 10 s) or run a WAL
/// checkpoint, and that must not hold a thread of the Swift concurrency pool.
final class SQLiteDatabaseDriver: SQLDatabase {
    let dialect = SQLDialect.sqlite
    private let handle: SQLiteHandle
    private let gate = AsyncLock()
    private let writeQueue = DispatchQueue(label: "secretfs-server.sqlite-writes")

    private init(handle: SQLiteHandle) {
        self.handle = handle
    }

    /// Opens (creating if needed) the database at `path` and sets WAL mode and a busy timeout.
    static func open(path: String, logger: Logger) async throws -> SQLiteDatabaseDriver {
        try Self.prepareFile(path)
        let handle = try SQLiteHandle(path: path)
        let driver = SQLiteDatabaseDriver(handle: handle)
        do {
            // The busy timeout first: another connection (another process, a CLI command) may hold the lock.
            for pragma in [
                "PRAGMA busy_timeout=10000", "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
                "PRAGMA synchronous=NORMAL",
            ] {
                _ = try await driver.query(pragma, [])
            }
        } catch {
            handle.close()
            throw error
        }
        return driver
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
        try await self.gate.withLock {
            try await self.run(sql, binds)
        }
    }

    /// Every statement is kept prepared on SQLite (``SQLiteHandle``).
    func query<Statement: PreparedSQL>(_ statement: Statement.Type, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await self.query(Statement.sql, binds)
    }

    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        try await self.gate.withLock {
            // SQLite counts these as read-only, but BEGIN IMMEDIATE may wait for the write lock and COMMIT may
            // run a checkpoint: they go to the write queue too.
            _ = try await self.runOnWriteQueue(try self.handle.statement("BEGIN IMMEDIATE"), [])
            do {
                let result = try await body(Executor(driver: self))
                _ = try await self.runOnWriteQueue(try self.handle.statement("COMMIT"), [])
                return result
            } catch {
                _ = try? await self.runOnWriteQueue(try self.handle.statement("ROLLBACK"), [])
                throw error
            }
        }
    }

    func close() async throws {
        try await self.gate.withLock {
            self.handle.close()
        }
    }

    /// Runs one statement; the caller holds the lock.
    fileprivate func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let statement = try self.handle.statement(sql)
        if statement.isReadOnly {
            return try statement.run(binds)
        }
        return try await self.runOnWriteQueue(statement, binds)
    }

    /// Runs a statement on the write queue; the caller holds the lock.
    private func runOnWriteQueue(_ statement: SQLiteStatement, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await withCheckedThrowingContinuation { continuation in
            self.writeQueue.async {
                continuation.resume(with: Result { () throws(SQLiteError) in try statement.run(binds) })
            }
        }
    }

    /// Runs inside a transaction, which already holds the lock.
    private struct Executor: SQLExecutor {
        let driver: SQLiteDatabaseDriver

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await self.driver.run(sql, binds)
        }
    }
}
