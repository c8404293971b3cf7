/// A route path with `{name}` placeholders, e.g. `/api/v1/items/{id}/attachment/{attachmentId}`.
///
/// The client fills it with ``path(_:)``; the server registers ``pattern`` (Hummingbird 2 understands `{name}`)
/// and resolves batch sub-requests with ``match(_:)``.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The template, e.g. `/api/v1/items/{id}`.
    public let pattern: String

    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// Creates a template. A segment that is exactly `{name}` is a parameter; everything else is literal.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            if segment.count > 2, segment.hasPrefix("{"), segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(String(segment))
        }
    }

    /// The parameter names, in order.
    public var parameterNames: [String] {
        self.segments.compactMap { segment in
            guard case .parameter(let name) = segment else { return nil }
            return name
        }
    }

    /// The concrete path with `values` filling the parameters in order. Each value is percent-encoded as one
    /// path segment (ids made of letters and digits are unchanged; `/` becomes `%2F`).
    ///
    /// - Precondition: as many values as ``parameterNames``.
    public func path(_ values: String...) -> String {
        precondition(
            values.count == self.parameterNames.count,
            "\(self.pattern) takes \(self.parameterNames.count) values, got \(values.count)"
        )
        var remaining = values[...]
        var path = ""
        for segment in self.segments {
            switch segment {
            case .literal(let text):
                path += "/" + text
            case .parameter:
                path += "/" + Self.escapeSegment(remaining.removeFirst())
            }
        }
        return path.isEmpty ? "/" : path
    }

    /// The parameter values when `path` matches the template, else `nil`. A query (`?…`) is ignored, a trailing
    /// `/` is tolerated and values are percent-decoded.
    public func match(_ path: String) -> [String: String]? {
        self.match(segments: Self.segments(of: path))
    }

    /// A path's segments as ``match(_:)`` reads them: the query dropped, empty segments skipped. A server
    /// that tries many templates splits the path once and calls ``match(segments:)``.
    public static func segments(of path: String) -> [Substring] {
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return pathOnly.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// ``match(_:)`` on a path already split by ``segments(of:)``.
    public func match(segments parts: [Substring]) -> [String: String]? {
        guard parts.count == self.segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, part) in zip(self.segments, parts) {
            switch segment {
            case .literal(let text):
                guard part == text else { return nil }
            case .parameter(let name):
                guard let value = Self.unescapeSegment(part), !value.isEmpty else { return nil }
                values[name] = value
            }
        }
        return values
    }

    /// The pattern.
    public var description: String { self.pattern }

    private static func escapeSegment(_ value: String) -> String {
        PercentCoding.encode(value, spaceAsPlus: false, isSafe: Self.isSegmentSafe)
    }

    /// RFC 3986 `pchar` minus `%`: unreserved, sub-delims, `:` and `@`.
    private static func isSegmentSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@".utf8.contains(byte)
        }
    }

    /// Percent-decodes a segment (a `+` stays a `+`); `nil` for malformed escapes or invalid UTF-8.
    private static func unescapeSegment(_ segment: Substring) -> String? {
        PercentCoding.decode(segment, plusAsSpace: false, strict: true)
    }
}
