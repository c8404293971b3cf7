public import PassworkModels

/// Where audit events go. Events never carry secret values: ids, the field's name, a byte count, the caller.
public protocol AuditSink: Sendable {
    /// Records one event. A fail-closed sink returns only once the event is accepted by its destination and
    /// throws otherwise; a fail-open sink queues it and returns at once.
    func record(_ event: AuditEvent) async throws(AuditError)
    /// Records one event without suspending, when this sink can (it queues, or writes locally): true if it
    /// did. False asks the caller to ``record(_:)`` instead, which a fail-closed sink always needs.
    func recordWithoutWaiting(_ event: AuditEvent) -> Bool
    /// Events not yet delivered (memory queue and spool), for `.status`.
    func pendingCount() async -> Int
    /// Delivers or spools everything pending; called at unmount.
    func close() async
}

/// The one error type of `Audit`.
public struct AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String {
            case notAccepted
            case spoolUnwritable
            case logUnwritable
        }
        fileprivate let value: Value
        public var description: String { self.value.rawValue }
    }

    public let code: Code
    public let message: String

    public var description: String { self.message }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// The audit endpoint did not accept the event (unreachable, refused).
    public static func notAccepted(_ why: String) -> Self {
        Self(code: Code(value: .notAccepted), message: "the audit endpoint did not accept the event: \(why)")
    }
    public static func spoolUnwritable(_ path: String, _ why: String) -> Self {
        Self(code: Code(value: .spoolUnwritable), message: "cannot write the audit spool \(path): \(why)")
    }
    public static func logUnwritable(_ path: String, _ why: String) -> Self {
        Self(code: Code(value: .logUnwritable), message: "cannot write the audit log \(path): \(why)")
    }
}
