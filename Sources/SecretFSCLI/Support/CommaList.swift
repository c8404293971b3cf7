import Foundation

/// Comma-separated option values (`exec --vault-id a,b`, `update --tags x,y`), split as passwork-cli splits
/// them: each trimmed, empty ones dropped.
enum CommaList {
    /// The values, or nil when there are none.
    static func split(_ value: String?) -> [String]? {
        let values = (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return values.isEmpty ? nil : values
    }
}
