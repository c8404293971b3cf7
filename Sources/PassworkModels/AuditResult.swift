/// The outcome an ``AuditEvent`` records, shared by the client and the server like ``AuditAction``.
///
/// A struct over its string rather than an enum, for the same reason: an outcome this build does not know
/// decodes and is preserved. On the wire it is a plain JSON string.
public struct AuditResult: AuditVocabulary {
    /// The outcome as it is sent and stored, e.g. `ok`.
    public let rawValue: String

    /// Any outcome, known or not; never fails, so that unknown outcomes are preserved.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The secret was served (the server: the request succeeded).
    public static let ok = Self(rawValue: "ok")
    /// Access was refused (permissions, or the audit endpoint was down with `--audit-fail closed`; the
    /// server: a refused token or credentials).
    public static let denied = Self(rawValue: "denied")
    /// The secret could not be served (backend down, decryption failed).
    public static let error = Self(rawValue: "error")
}
