import Foundation
import Logging
import Testing

@testable import PassworkServer

/// The two storage engines every server test runs on.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { self.rawValue }

    /// Both engines, unless `SECRETFS_SKIP_POSTGRES=1`.
    static var all: [Engine] {
        ProcessInfo.processInfo.environment["SECRETFS_SKIP_POSTGRES"] == "1" ? [.sqlite] : [.sqlite, .postgres]
    }

    /// The PostgreSQL URL from `SECRETFS_TEST_POSTGRES_URL`.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SECRETFS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A fresh, isolated database for one test: a temporary SQLite file, or a PostgreSQL schema of its own
/// that is dropped afterwards.
struct TestDatabase: Sendable {
    let engine: Engine
    let location: DatabaseLocation
    let directory: URL
    private let adminURL: String?
    private let schema: String?

    static let logger: Logger = {
        var logger = Logger(label: "PassworkServerTests")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` with a fresh database and removes it afterwards. On PostgreSQL without
    /// `SECRETFS_TEST_POSTGRES_URL`, the test fails with a message.
    static func with(
        _ engine: Engine,
        _ body: @Sendable (TestDatabase) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secretfs-server-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        switch engine {
        case .sqlite:
            let path = directory.appendingPathComponent("server.sqlite").path
            try await body(
                TestDatabase(
                    engine: engine,
                    location: .sqlite(path: path),
                    directory: directory,
                    adminURL: nil,
                    schema: nil
                )
            )
        case .postgres:
            guard let url = Engine.postgresURL else {
                let message: String =
                    "SECRETFS_TEST_POSTGRES_URL is not set: run scripts/start-postgres and export the URL it prints, "
                    + "or set SECRETFS_SKIP_POSTGRES=1 to skip the PostgreSQL cases"
                Issue.record(Comment(rawValue: message))
                return
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let separator = url.contains("?") ? "&" : "?"
            let location = try DatabaseLocation(parsing: "\(url)\(separator)schema=\(schema)")
            let database = TestDatabase(
                engine: engine,
                location: location,
                directory: directory,
                adminURL: url,
                schema: schema
            )
            do {
                try await body(database)
            } catch {
                try? await database.dropSchema()
                throw error
            }
            try await database.dropSchema()
        }
    }

    private func dropSchema() async throws {
        guard let adminURL, let schema else { return }
        let location = try DatabaseLocation(parsing: adminURL)
        try await Self.withDriver(location) { driver in
            _ = try await driver.query("DROP SCHEMA IF EXISTS \(schema) CASCADE", [])
        }
    }

    /// Runs `body` with the raw SQL driver of `location` (no migrations).
    static func withDriver(
        _ location: DatabaseLocation,
        _ body: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        let database = try await Database.open(location, logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            do {
                try await body(database.driver)
            } catch {
                group.cancelAll()
                try? await database.close()
                throw error
            }
            group.cancelAll()
            try await database.close()
        }
    }

    /// Runs `body` with the repository (migrations applied).
    func withRepository<Result: Sendable>(_ body: @Sendable (any Repository) async throws -> Result) async throws
        -> Result
    {
        try await Database.withRepository(self.location, logger: Self.logger, body)
    }

    /// Every byte the database holds: the SQLite files, or every text column of every table of the schema.
    func allStoredBytes() async throws -> Data {
        switch self.location {
        case .sqlite(let path):
            var data = Data()
            for suffix in ["", "-wal", "-shm"] {
                if let contents = FileManager.default.contents(atPath: path + suffix) { data.append(contents) }
            }
            return data
        case .postgres:
            let collected = Collected()
            try await Self.withDriver(self.location) { driver in
                let tables = try await driver.query(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
                    []
                )
                for table in tables {
                    let name = try table.string("table_name")
                    for row in try await driver.query("SELECT * FROM \(name)", []) {
                        for value in row.values.values {
                            if case .text(let text) = value { await collected.append(text) }
                        }
                    }
                }
            }
            return Data(await collected.text.utf8)
        }
    }
}

/// Text gathered across tasks.
actor Collected {
    private(set) var text = ""

    func append(_ more: String) {
        self.text += more + "\n"
    }
}
