import Foundation
import PassworkModels

/// Records the server's own audit events: item ciphertext returned by any route (an item, a search, a
/// shortcut, a snapshot, an attachment, an inbox item, a link), token refreshes and failed authentication. Recording only queues the event (see ``AuditQueue``): it never waits for the database
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

    /// One item a route returned, for ``recordReads(action:userId:of:)``.
    struct ItemRead: Sendable {
        let itemId: String
        let vaultId: String
        var field: String? = nil
    }

    /// Records one event per item a route returned: a search answers many. One event per item, not one per
    /// request, because an event names one item and `GET audit/events?itemId=` must find every request that
    /// handed that item's ciphertext out. They are queued together, under one lock.
    func recordReads(action: AuditAction, userId: String?, of reads: [ItemRead]) {
        guard !reads.isEmpty else { return }
        let date = Date()
        self.queue.append(
            contentsOf: reads.map { read in
                PendingAuditEvent(
                    date: date,
                    action: action,
                    userId: userId,
                    itemId: read.itemId,
                    vaultId: read.vaultId,
                    field: read.field,
                    bytes: 0,
                    result: .ok
                )
            }
        )
    }

    /// Stores every event recorded so far, for a reader that must see them.
    func flush() async {
        await self.queue.flush()
    }
}
