import Foundation
import PassworkModels

/// A server audit event as a request leaves it: only what the request knows. The event's id and its
/// ISO-8601 time are made when it is stored, off the request path.
struct PendingAuditEvent: Sendable {
    let date: Date
    let action: AuditAction
    let userId: String?
    let itemId: String
    let vaultId: String
    let field: String?
    let bytes: Int
    let result: AuditResult

    /// The stored form: a fresh UUID, the time formatted, the server as the caller.
    func record(host: String) -> AuditRecord {
        let event = AuditEvent(
            date: self.date,
            action: self.action,
            itemId: self.itemId,
            vaultId: self.vaultId,
            field: self.field,
            bytes: self.bytes,
            result: self.result,
            caller: AuditCaller(uid: 0, gid: 0, pid: 0, exe: "secretfs-server"),
            host: host
        )
        return AuditRecord(event: event, userId: self.userId)
    }
}
