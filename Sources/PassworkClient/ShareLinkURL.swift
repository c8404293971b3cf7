import Foundation
public import SecretCrypto

/// A share link as users pass it around: `<server>/links/<id>#code=<code>`. The code never reaches the
/// server (browsers do not send fragments); only its SHA-256 does, to open the link.
public struct ShareLinkURL: Sendable {
    /// The server's base URL, without `/links/…`.
    public let base: String
    /// The link's id.
    public let id: String
    /// The code from the fragment: the key the item's fields were re-encrypted with. Empty for a link to an
    /// item without client-side encryption.
    public let code: SecureBytes

    /// Reads a link URL. - Throws: ``ClientError/invalidConfiguration(_:)`` when it is not one.
    public init(parsing url: String) throws(ClientError) {
        let (beforeFragment, fragment) = Self.split(url, at: "#")
        let withoutQuery = Self.split(beforeFragment, at: "?").0
        guard let marker = withoutQuery.range(of: "/links/", options: .backwards) else {
            throw .invalidConfiguration("not a share link (no /links/ in it)")
        }
        let id = withoutQuery[marker.upperBound...]
        guard !id.isEmpty, !id.contains("/") else { throw .invalidConfiguration("the share link has no id") }
        self.base = String(withoutQuery[..<marker.lowerBound])
        self.id = String(id)
        let code = fragment?.split(separator: "&").first { $0.hasPrefix("code=") }?.dropFirst("code=".count)
        self.code = SecureBytes(utf8: code.map(String.init) ?? "")
    }

    /// `text` before and after the first `separator`.
    private static func split(_ text: String, at separator: Character) -> (String, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), text[text.index(after: index)...])
    }
}
