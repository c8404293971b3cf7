public import Audit
import Foundation
public import FuseKit
public import PassworkClient
import PassworkModels
public import SecretCrypto
import Synchronization

/// Every open of a secret file is one read event.
extension SecretFileSystem {
    /// Records the read of a secret node (nothing for plain metadata); false when a fail-closed audit refused.
    func recordAudit(of key: NodeKey, caller: Caller, bytes: Int, result: AuditResult) async -> Bool {
        guard let audit = self.audit, let (itemId, field) = await self.auditSubject(key) else { return true }
        let event = self.auditEvent(
            itemId: itemId,
            vaultId: self.location(of: itemId)?.vaultId ?? "",
            field: field,
            caller: caller,
            bytes: bytes,
            result: result
        )
        do {
            try await audit.record(event)
            return true
        } catch {
            return !self.auditFailClosed
        }
    }

    func auditEvent(
        itemId: String,
        vaultId: String,
        field: String,
        caller: Caller,
        bytes: Int,
        result: AuditResult
    ) -> AuditEvent {
        AuditEvent(
            date: Date(),
            action: AuditAction.read,
            itemId: itemId,
            vaultId: vaultId,
            field: field,
            bytes: bytes,
            result: result,
            caller: AuditCaller(uid: caller.uid, gid: caller.gid, pid: caller.processID, exe: caller.executablePath),
            host: self.hostName,
            mount: self.session.withLock { $0?.mountpoint }
        )
    }

    /// The audit name of a secret file other than a custom field (whose name is its decrypted name).
    static func auditField(_ file: ItemFile) -> String? {
        switch file {
        case .password: "password"
        case .json: ".json"
        case .env: ".env"
        default: nil
        }
    }

    /// The item and field a secret node reads, named as in the tree.
    func auditSubject(_ key: NodeKey) async -> (itemId: String, field: String)? {
        switch key {
        case .file(let itemId, let file) where file.isSecret:
            if let field = Self.auditField(file) { return (itemId, field) }
            switch file {
            case .custom(let index):
                let name = (try? await self.fields(of: itemId).customName(at: index)) ?? "custom \(index)"
                return (itemId, name)
            default: return nil
            }
        case .attachment(let itemId, let attachmentId):
            let name = self.items.peek(itemId)?.attachments.first { $0.id == attachmentId }?.name ?? attachmentId
            return (itemId, "attachments/" + name)
        default:
            return nil
        }
    }
}
