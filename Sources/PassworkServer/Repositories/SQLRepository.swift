import Foundation
import PassworkModels

/// The ``Repository`` over SQL, for both engines: statements are plain SQL that SQLite and PostgreSQL both
/// accept (`ON CONFLICT`, `RETURNING`), with `?` placeholders rewritten by the driver.
public final class SQLRepository: Repository {
    let database: any SQLDatabase

    /// Wraps a database whose migrations have run.
    init(database: any SQLDatabase) {
        self.database = database
    }

    public func changeStamp() async throws -> Int64? {
        try await self.database.changeStamp()
    }

    // MARK: - JSON columns

    static func encodeJSON(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// `(?, ?, …)` for an `IN` list; never empty (an empty list matches nothing).
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "(NULL)" : "(" + Array(repeating: "?", count: count).joined(separator: ", ") + ")"
    }

    /// Whether an error is a unique-constraint violation, on either engine.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint") || text.contains("23505") || text.contains("unique")
    }
}
