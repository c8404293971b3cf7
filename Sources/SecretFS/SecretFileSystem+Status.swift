public import Audit
import Foundation
public import FuseKit
public import PassworkClient
import PassworkModels
public import SecretCrypto
import Synchronization

extension SecretFileSystem {
    /// `.status`: the server, token expiry times, cache counts, the stale flag and the audit queue depth.
    func statusJSON() async -> String {
        var status: [String: Any] = [
            "server": self.options.host,
            "stale": self.health.isDown,
            "cachedItems": self.items.count,
            "cachedVaults": self.itemLists.count,
            "openFiles": self.openFiles.count,
            "inodesReferenced": self.inodes.referencedCount,
            "auditPending": await self.audit?.pendingCount() ?? 0,
        ]
        if let tokens = self.tokens {
            let current = await tokens.current
            status["accessTokenExpiresAt"] = current.accessTokenExpiredAt.map { Int($0) } as Any? ?? NSNull()
            status["refreshTokenExpiresAt"] = current.refreshTokenExpiredAt.map { Int($0) } as Any? ?? NSNull()
            status["lastRefresh"] =
                await tokens.lastRefresh.map { ISO8601DateFormatter().string(from: $0) } as Any? ?? NSNull()
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: status,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
