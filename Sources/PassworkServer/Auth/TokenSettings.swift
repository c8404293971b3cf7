import Foundation

/// Token lifetimes, in seconds. Defaults: 15 minutes and 30 days.
public struct TokenSettings: Sendable, Equatable {
    public var accessTTL: Int64
    public var refreshTTL: Int64

    public init(accessTTL: Int64 = 15 * 60, refreshTTL: Int64 = 30 * 24 * 3600) {
        self.accessTTL = accessTTL
        self.refreshTTL = refreshTTL
    }

    /// Parses a duration: plain seconds, or a number with `s`, `m`, `h` or `d`.
    public static func parseDuration(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return nil }
        let factors: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let factor = factors[last] {
            guard let number = Int64(trimmed.dropLast()), number > 0 else { return nil }
            return number * factor
        }
        guard let number = Int64(trimmed), number > 0 else { return nil }
        return number
    }
}
