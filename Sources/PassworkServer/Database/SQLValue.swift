/// A value bound to, or read from, an SQL statement. The schema uses only text and 64-bit integers, so both
/// engines store the same thing.
public enum SQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit integer (also booleans, as 0 and 1, and times, as Unix seconds or milliseconds).
    case integer(Int64)
    /// Text.
    case text(String)

    /// `.text` or `.null`.
    static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }

    /// A boolean as 0 or 1.
    static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }

    /// An `Int` as `.integer`.
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}

/// One result row, by column name.
public struct SQLRow: Sendable {
    /// The row's values by (lower-case) column name.
    public var values: [String: SQLValue]

    /// Creates a row.
    public init(values: [String: SQLValue]) {
        self.values = values
    }

    /// A text column that must not be `NULL`.
    func string(_ column: String) throws(ServerError) -> String {
        guard case .text(let value) = self.values[column] else {
            throw .database("column \(column) is missing or not text")
        }
        return value
    }

    /// A text column that may be `NULL`.
    func optionalString(_ column: String) -> String? {
        guard case .text(let value) = self.values[column] else { return nil }
        return value
    }

    /// An integer column that must not be `NULL`.
    func int64(_ column: String) throws(ServerError) -> Int64 {
        guard case .integer(let value) = self.values[column] else {
            throw .database("column \(column) is missing or not an integer")
        }
        return value
    }

    /// An integer column as `Int`.
    func int(_ column: String) throws(ServerError) -> Int { Int(try self.int64(column)) }

    /// A 0/1 column as `Bool`.
    func bool(_ column: String) throws(ServerError) -> Bool { try self.int64(column) != 0 }
}
