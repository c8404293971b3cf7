import Foundation
import Logging
import PassworkModels

/// Records the server's own audit events: items read through the API, token refreshes and failed
/// authentication. A failure to record is logged and never fails the request.
struct AuditRecorder: Sendable {
    /// Actions the server records.
    enum Action {
        static let itemRead = "api.item.read"
        static let attachmentRead = "api.attachment.read"
        static let tokenRefresh = "token.refresh"
        static let authFailed = "auth.failed"
    }

    let repository: any Repository
    let host: String
    let logger: Logger

    init(repository: any Repository, logger: Logger) {
        self.repository = repository
        self.host = ProcessInfo.processInfo.hostName
        self.logger = logger
    }

    /// Records one event made by the server.
    func record(
        action: String,
        userId: String?,
        itemId: String = "",
        vaultId: String = "",
        field: String? = nil,
        bytes: Int = 0,
        result: String = AuditResult.ok
    ) async {
        let event = AuditEvent(
            date: Date(),
            action: action,
            itemId: itemId,
            vaultId: vaultId,
            field: field,
            bytes: bytes,
            result: result,
            caller: AuditCaller(uid: 0, gid: 0, pid: 0, exe: "secretfs-server"),
            host: self.host
        )
        do {
            _ = try await self.repository.insertAuditEvents(
                [AuditRecord(event: event, userId: userId)],
                receivedAt: Int64(Date().timeIntervalSince1970)
            )
        } catch {
            self.logger.error("could not record an audit event", metadata: ["action": "\(action)"])
        }
    }
}
