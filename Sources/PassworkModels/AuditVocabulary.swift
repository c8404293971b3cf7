/// A word of the audit vocabulary (``AuditAction``, ``AuditResult``): a struct over its string whose
/// initialiser never fails, so a value this build does not know decodes, is kept as it came and encodes back
/// unchanged. The standard library's `Codable` for string-backed `RawRepresentable` types makes it a plain
/// JSON string on the wire.
public protocol AuditVocabulary: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension AuditVocabulary {
    public var description: String { self.rawValue }
}
