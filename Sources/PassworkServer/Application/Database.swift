public import Logging
import ServiceLifecycle

/// An open database: the repository and the background work its engine needs (the PostgreSQL pool).
public struct Database: Sendable {
    /// The repository over this database.
    public let repository: any Repository
    let driver: any SQLDatabase
    private let postgres: PostgresDatabaseDriver?

    /// Opens the database; for PostgreSQL nothing connects until ``run()`` runs.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let driver = try await SQLiteDatabaseDriver.open(path: path, logger: logger)
            return Database(repository: SQLRepository(database: driver), driver: driver, postgres: nil)
        case .postgres(let postgresLocation):
            let driver = PostgresDatabaseDriver(location: postgresLocation, logger: logger)
            return Database(repository: SQLRepository(database: driver), driver: driver, postgres: driver)
        }
    }

    /// Runs the schema migrations (needs ``run()`` running for PostgreSQL).
    public func migrate() async throws {
        try await Migrations.run(on: self.driver, schema: self.postgres?.schema)
    }

    /// Before a server serves: the migrations, then (PostgreSQL) up to 5 seconds for the change listener,
    /// without which the read caches stay off.
    func prepareToServe() async throws {
        try await self.migrate()
        await self.postgres?.waitUntilListening(timeout: .seconds(5))
    }

    /// Runs the engine's background work until cancelled: the PostgreSQL pool and, for a server
    /// (`listeningForChanges`), the listener that keeps its read caches true.
    public func run(listeningForChanges: Bool = false) async {
        if let postgres = self.postgres {
            await postgres.run(listeningForChanges: listeningForChanges)
        } else {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    /// Closes the connections.
    public func close() async throws {
        try await self.driver.close()
    }

    /// Opens the database, runs the migrations, runs `body` with the repository, then closes it — for
    /// commands and tests that do not run a server.
    public static func withRepository<Result: Sendable>(
        _ location: DatabaseLocation,
        logger: Logger,
        _ body: @Sendable (any Repository) async throws -> Result
    ) async throws -> Result {
        let database = try await Database.open(location, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            do {
                try await database.migrate()
                let result = try await body(database.repository)
                group.cancelAll()
                try await database.close()
                return result
            } catch {
                group.cancelAll()
                try? await database.close()
                throw error
            }
        }
    }
}

/// Runs a ``Database`` as a service of the application: the engine's background work until shutdown,
/// then closes it.
struct DatabaseService: Service {
    let database: Database

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.database.run(listeningForChanges: true)
        }
        // Closed in a task of its own: this one may be cancelled, and a cancelled close would leave it open.
        let database = self.database
        await Task { try? await database.close() }.value
    }
}
