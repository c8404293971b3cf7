import Foundation
import PassworkModels
import Testing

/// Loading fixtures and comparing JSON documents.
enum FixtureSupport {
    /// The bytes of `Fixtures/<name>`.
    static func data(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "missing fixture \(name)"
        )
        return try Data(contentsOf: url)
    }

    /// Parses JSON into a ``JSONValue`` tree.
    static func json(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Encodes a value and parses the result back into a ``JSONValue`` tree.
    static func encodedJSON(_ value: some Encodable) throws -> JSONValue {
        try Self.json(JSONEncoder().encode(value))
    }

    /// The paths of members of `original` that are missing from, or different in, `encoded`.
    /// Extra members in `encoded` are allowed.
    static func lostFields(_ original: JSONValue, in encoded: JSONValue, path: String = "$") -> [String] {
        switch (original, encoded) {
        case (.object(let lhs), .object(let rhs)):
            return lhs.keys.sorted().flatMap { key -> [String] in
                guard let value = rhs[key] else { return ["\(path).\(key) (missing)"] }
                return Self.lostFields(lhs[key]!, in: value, path: "\(path).\(key)")
            }
        case (.array(let lhs), .array(let rhs)):
            guard lhs.count == rhs.count else { return ["\(path) (count \(lhs.count) → \(rhs.count))"] }
            return zip(lhs, rhs).enumerated().flatMap { index, pair in
                Self.lostFields(pair.0, in: pair.1, path: "\(path)[\(index)]")
            }
        default:
            return original == encoded ? [] : ["\(path) (\(original) → \(encoded))"]
        }
    }
}
