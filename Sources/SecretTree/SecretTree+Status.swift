import Foundation

/// A value of `.status`: JSON's scalars.
public enum StatusValue: Sendable, Hashable {
    case int(Int)
    case string(String)
    case bool(Bool)
    case null

    var json: Any {
        switch self {
        case .int(let value): value
        case .string(let value): value
        case .bool(let value): value
        case .null: NSNull()
        }
    }
}

/// What the daemon adds to `.status` that the tree cannot know: token expiry, the audit queue, open files.
public protocol TreeStatusSource: Sendable {
    func statusEntries() async -> [String: StatusValue]
}

extension SecretTree {
    /// `.status`: the server, the stale flag and cache counts, and the daemon's own entries.
    func statusJSON() async -> String {
        var status: [String: Any] = [
            "server": self.options.host,
            "stale": self.health.isDown,
            "cachedItems": self.items.count,
            "cachedVaults": self.itemLists.count,
        ]
        for (name, value) in await self.status?.statusEntries() ?? [:] { status[name] = value.json }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: status,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
