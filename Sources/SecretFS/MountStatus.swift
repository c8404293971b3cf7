import Audit
import Foundation
import PassworkClient
import SecretTree

/// The daemon's part of `.status`: open files, referenced inodes, the audit queue and the tokens' lives.
struct MountStatus: TreeStatusSource {
    let tokens: TokenManager?
    let audit: (any AuditSink)?
    let inodes: InodeTable<NodeKey>
    let openFiles: OpenFiles

    func statusEntries() async -> [String: StatusValue] {
        var entries: [String: StatusValue] = [
            "openFiles": .int(self.openFiles.count),
            "inodesReferenced": .int(self.inodes.referencedCount),
            "auditPending": .int(await self.audit?.pendingCount() ?? 0),
        ]
        if let tokens = self.tokens {
            let current = await tokens.current
            entries["accessTokenExpiresAt"] = current.accessTokenExpiredAt.map { .int(Int($0)) } ?? .null
            entries["refreshTokenExpiresAt"] = current.refreshTokenExpiredAt.map { .int(Int($0)) } ?? .null
            entries["lastRefresh"] =
                await tokens.lastRefresh.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
        }
        return entries
    }
}
