import Foundation
import PassworkModels

/// Records the server's own audit events: items read through the API, token refreshes and failed
/// authentication. Recording only queues the event (see ``AuditQueue``): it never waits for the database
/// and never fails the request.
struct AuditRecorder: Sendable {
    /// Actions the server records.
    enum Action {
        static let itemRead = "api.item.read"
        static let attachmentRead = "api.attachment.read"
        static let tokenRefresh = "token.refresh"
        static let authFailed = "auth.failed"
    }

    let queue: AuditQueue

    /// Records one event made by the server.
    func record(
        action: String,
        userId: String?,
        itemId: String = "",
        vaultId: String = "",
        field: String? = nil,
        bytes: Int = 0,
        result: String = AuditResult.ok
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
