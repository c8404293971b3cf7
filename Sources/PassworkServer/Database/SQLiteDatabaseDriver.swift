import Dispatch
import Foundation
import Logging

/// SQLite through two connections to one file in WAL mode, created with mode 0600: one that writes, one
/// that only reads.
///
/// Writes, and every statement of a transaction, go through the writing connection, serialised by a lock
/// so that transactions never interleave. A statement that writes runs on a serial dispatch queue: it may
/// wait for another process's lock (the busy timeout, up to 10 s) or run a WAL checkpoint, and that must
/// not hold a thread of the Swift concurrency pool.
///
/// A read-only statement outside a transaction (a SELECT: the token check, the change stamp, the item GET)
/// runs on the reading connection, on the calling task's own thread, under a lock of its own. In WAL mode a
/// reader does not wait for the writer, so a request's reads never queue behind a batch of audit events
/// being stored, and each sees every transaction committed before it starts.
final class SQLiteDatabaseDriver: SQLDatabase {
    let dialect = SQLDialect.sqlite
    private let writer: SQLiteHandle
    private let reader: SQLiteHandle
    private let writeGate = AsyncLock()
    private let readGate = AsyncLock()
    private let writeQueue = DispatchQueue(label: "secretfs-server.sqlite-writes")

    private init(writer: SQLiteHandle, reader: SQLiteHandle) {
        self.writer = writer
        self.reader = reader
    }

    /// Opens (creating if needed) the database at `path` and sets WAL mode and a busy timeout.
    static func open(path: String, logger: Logger) async throws -> SQLiteDatabaseDriver {
        try SQLiteLibrary.checkVersion()
        try Self.prepareFile(path)
        let writer = try SQLiteHandle(path: path)
        let reader: SQLiteHandle
        do {
            // The busy timeout first: another connection (another process, a CLI command) may hold the lock.
            try Self.configure(writer, ["PRAGMA busy_timeout=10000", "PRAGMA journal_mode=WAL"])
            try Self.configure(writer, ["PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"])
            reader = try SQLiteHandle(path: path)
        } catch {
            writer.close()
            throw error
        }
        do {
            try Self.configure(reader, ["PRAGMA busy_timeout=10000", "PRAGMA foreign_keys=ON"])
        } catch {
            reader.close()
            writer.close()
            throw error
        }
        return SQLiteDatabaseDriver(writer: writer, reader: reader)
    }

    /// Runs settings on a connection that nothing else uses yet.
    private static func configure(_ handle: SQLiteHandle, _ pragmas: [String]) throws {
        for pragma in pragmas {
            _ = try handle.statement(pragma).run([])
        }
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
        let read = try await self.readGate.withLock { () throws -> [SQLRow]? in
            let statement = try self.reader.statement(sql)
            return statement.isReadOnly ? try statement.run(binds) : nil
        }
        if let read { return read }
        return try await self.writeGate.withLock {
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
        try await self.writeGate.withLock {
            // SQLite counts these as read-only, but BEGIN IMMEDIATE may wait for the write lock and COMMIT may
            // run a checkpoint: they go to the write queue too.
            _ = try await self.runOnWriteQueue(try self.writer.statement("BEGIN IMMEDIATE"), [])
            do {
                let result = try await body(Executor(driver: self))
                _ = try await self.runOnWriteQueue(try self.writer.statement("COMMIT"), [])
                return result
            } catch {
                _ = try? await self.runOnWriteQueue(try self.writer.statement("ROLLBACK"), [])
                throw error
            }
        }
    }

    /// The counter that the triggers of ``Migrations`` move in the writer's own transaction: one small read,
    /// exact for every writer of the file (other processes too).
    func changeStamp() async throws -> Int64? {
        try await self.query(ChangeStampSQL.self, []).first?.int64("value")
    }

    private enum ChangeStampSQL: PreparedSQL {
        static let sql = "SELECT value FROM change_stamp WHERE id = 1"
    }

    func close() async throws {
        try await self.writeGate.withLock {
            try await self.readGate.withLock {
                self.reader.close()
                self.writer.close()
            }
        }
    }

    /// Runs one statement on the writing connection; the caller holds its lock. (A read inside a
    /// transaction must see the transaction's own writes, so it runs here too.)
    fileprivate func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let statement = try self.writer.statement(sql)
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
