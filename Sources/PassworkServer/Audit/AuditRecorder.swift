import Foundation
import PassworkModels

/// Records the server's own audit events: items read through the API, token refreshes and failed
/// authentication. Recording only queues the event (see ``AuditQueue``): it never waits for the database
/// and never fails the request.
struct AuditRecorder: Sendable {
    let queue: AuditQueue

    /// Records one event made by the server. Its action is one of the server's in the shared vocabulary
    /// (``AuditAction/apiItemRead`` and the others of that section).
    func record(
        action: AuditAction,
        userId: String?,
        itemId: String = "",
        vaultId: String = "",
        field: String? = nil,
        bytes: Int = 0,
        result: AuditResult = .ok
    ) {
        self.queue.append(
            PendingAuditEvent(
                date: Date(),
                action: action,
                userId: userId,
                itemId: itemId,
                vaultId: vaultId,
                field: field,
                bytes: bytes,
                result: result
            )
        )
    }

    /// Stores every event recorded so far, for a reader that must see them.
    func flush() async {
        await self.queue.flush()
    }
}
