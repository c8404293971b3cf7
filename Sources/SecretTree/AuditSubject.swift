public import Foundation
public import PassworkModels
public import SecretCrypto

/// What an audit event names when a secret file is read: the item, its vault (always known: it comes from the
/// item itself) and the field, named as the tree names it.
public struct AuditSubject: Sendable, Hashable {
    public let itemId: String
    public let vaultId: String
    public let field: String

    public init(itemId: String, vaultId: String, field: String) {
        self.itemId = itemId
        self.vaultId = vaultId
        self.field = field
    }

    /// The read event of this subject by `caller`.
    public func event(
        caller: AuditCaller,
        bytes: Int,
        result: AuditResult,
        host: String,
        mount: String?,
        date: Date
    ) -> AuditEvent {
        AuditEvent(
            date: date,
            action: AuditAction.read,
            itemId: self.itemId,
            vaultId: self.vaultId,
            field: self.field,
            bytes: bytes,
            result: result,
            caller: caller,
            host: host,
            mount: mount
        )
    }
}

/// An opened file: its bytes, in locked memory, and the audit subject built from the same decrypted fields.
public struct OpenedSecret: Sendable {
    public let content: SecureBytes
    /// Nil for files that are not secrets (`login`, `url`, `description`, `.status`): they are not audited.
    public let subject: AuditSubject?
}
