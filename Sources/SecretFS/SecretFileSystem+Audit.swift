import Audit
import FuseKit
import PassworkModels
import SecretTree
import Synchronization

/// Every open of a secret file is one read event, named by the subject the tree built with its content.
extension SecretFileSystem {
    /// Records a read of `subject`; false when a fail-closed audit refused it.
    func record(_ subject: AuditSubject, caller: Caller, bytes: Int, result: AuditResult) async -> Bool {
        guard let audit = self.audit else { return true }
        do {
            try await audit.record(self.event(subject, caller: caller, bytes: bytes, result: result))
            return true
        } catch {
            return !self.auditFailClosed
        }
    }

    func event(_ subject: AuditSubject, caller: Caller, bytes: Int, result: AuditResult) -> AuditEvent {
        subject.event(
            caller: AuditCaller(uid: caller.uid, gid: caller.gid, pid: caller.processID, exe: caller.executablePath),
            bytes: bytes,
            result: result,
            host: self.hostName,
            mount: self.mountpoint.withLock { $0 },
            date: self.tree.clock.date
        )
    }
}
