import PassworkServer
import Synchronization

/// The database of an administration command. A failure before the command's own work started (the file or
/// server cannot be opened, the migrations cannot run) is ``CLIError/Code/databaseUnavailable`` (exit 69), so a
/// script can tell "try again when the database is back" from the command's own refusals.
enum AdminDatabase {
    static func withRepository<Result: Sendable>(
        _ location: DatabaseLocation,
        _ body: @Sendable (any Repository) async throws -> Result
    ) async throws -> Result {
        let started = Started()
        do {
            return try await Database.withRepository(location, logger: CLILogging.logger()) { repository in
                started.flag.withLock { $0 = true }
                return try await body(repository)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            guard !started.flag.withLock({ $0 }) else { throw error }
            // PostgresNIO's errors describe themselves without the URL's password; SQLite's name only the path.
            throw CLIError(.databaseUnavailable, "cannot open the database: \(error)")
        }
    }

    /// Whether `body` was reached; set from the closure, read after it.
    private final class Started: Sendable {
        let flag = Mutex(false)
    }
}
