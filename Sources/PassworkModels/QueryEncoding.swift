/// The query-string format of the connector's GET calls, and its reverse for the server.
///
/// Encoding matches Python `requests` (`urllib.parse.urlencode(..., doseq=True)` with `quote_plus`): the bytes
/// `A-Z a-z 0-9 _ . - ~` stay as they are, a space becomes `+`, and every other UTF-8 byte becomes `%XX`
/// (upper-case hex). That holds for names too, so `tags[]` is sent as `tags%5B%5D`.
public enum QueryEncoding {
    /// Encodes parameters in order; lists become repeated `name[]=value`, empty lists are left out.
    public static func encode(_ parameters: [QueryParameter]) -> String {
        var pairs: [String] = []
        for parameter in parameters {
            switch parameter.value {
            case .scalar(let value):
                pairs.append(Self.escape(parameter.name) + "=" + Self.escape(value))
            case .list(let values):
                let name = Self.escape(parameter.name + "[]")
                pairs.append(contentsOf: values.map { name + "=" + Self.escape($0) })
            }
        }
        return pairs.joined(separator: "&")
    }

    /// `path` with the encoded parameters appended after `?`, or `path` alone when there are none.
    public static func appending(_ parameters: [QueryParameter], to path: String) -> String {
        let query = Self.encode(parameters)
        return query.isEmpty ? path : path + "?" + query
    }

    /// Percent-encodes one name or value exactly as Python's `urllib.parse.quote_plus`.
    public static func escape(_ text: String) -> String {
        PercentCoding.encode(text, spaceAsPlus: true, isSafe: Self.isUnreserved)
    }

    /// Decodes a query string (without `?`) into values per name, in the order given.
    ///
    /// A trailing `[]` on a name is dropped, so `tags[]=a&tags=b` gives `["tags": ["a", "b"]]`. `+` is a space,
    /// `%XX` is a byte, malformed escapes are kept literally, a pair without `=` has the value `""`, and empty
    /// pairs are skipped.
    public static func decode(_ query: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (name, value) in Self.decodePairs(query) {
            let key = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            result[key, default: []].append(value)
        }
        return result
    }

    /// Decodes a query string into its name/value pairs, in order, with names kept as sent (`tags[]`).
    public static func decodePairs(_ query: String) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = component.firstIndex(of: "=") {
                let name = Self.unescape(component[..<equals])
                let value = Self.unescape(component[component.index(after: equals)...])
                pairs.append((name, value))
            } else {
                pairs.append((Self.unescape(component), ""))
            }
        }
        return pairs
    }

    /// Reverses ``escape(_:)``: `+` becomes a space and `%XX` a byte; malformed escapes stay as they are and
    /// invalid UTF-8 becomes U+FFFD, as in Python's `unquote_plus`.
    public static func unescape(_ text: some StringProtocol) -> String {
        PercentCoding.decode(text, plusAsSpace: true, strict: false) ?? String(text)
    }

    /// Python's always-safe bytes: `A-Z a-z 0-9 _ . - ~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
