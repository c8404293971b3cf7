public import Foundation

/// The default Passwork response body, `{"format": "base64", "content": "<base64 of the JSON>"}`.
///
/// A server sends it unless the request had `X-Response-Format: raw`. The connector unwraps it whenever
/// `format == "base64"`, on success and error answers alike, and takes anything else as the JSON itself.
public struct ResponseEnvelope: Codable, Sendable, Equatable {
    /// ``ResponseFormat/base64`` for an envelope.
    public var format: String
    /// The base64 of the JSON answer.
    public var content: String

    /// Creates an envelope.
    public init(format: String = ResponseFormat.base64, content: String) {
        self.format = format
        self.content = content
    }

    /// Wraps JSON bytes: `{"format":"base64","content":"<base64(json)>"}`, byte for byte.
    public static func wrap(_ json: Data) -> Data {
        var body = Data(#"{"format":"base64","content":""#.utf8)
        body.append(contentsOf: json.base64EncodedString().utf8)
        body.append(contentsOf: #""}"#.utf8)
        return body
    }

    /// Unwraps a response body as the connector does.
    ///
    /// When `body` is a JSON object whose `format` is the string `"base64"`, returns the decoded `content`;
    /// otherwise (plain JSON, another format, not JSON at all) returns `body` unchanged. Base64 decoding skips
    /// characters outside the alphabet, like Python's `b64decode`.
    /// - Throws: ``PassworkModelsError/Code/invalidEnvelope`` when `content` is missing, not a string, or not
    ///   base64.
    public static func unwrap(_ body: Data) throws(PassworkModelsError) -> Data {
        // A probe decode parses the whole body: skip it for plain JSON that does not name "format" near either
        // end (an envelope is a two-key object, so "format" comes first or last, whatever the key order).
        let formatKey = Data("\"format\"".utf8)
        guard body.prefix(128).range(of: formatKey) != nil || body.suffix(128).range(of: formatKey) != nil,
            let probe = try? JSONDecoder().decode(FormatProbe.self, from: body),
            probe.format == ResponseFormat.base64
        else { return body }
        let content: String
        do {
            content = try JSONDecoder().decode(ContentProbe.self, from: body).content
        } catch {
            throw PassworkModelsError(.invalidEnvelope, "base64 envelope without a string content")
        }
        guard let decoded = Data(base64Encoded: content, options: .ignoreUnknownCharacters) else {
            throw PassworkModelsError(.invalidEnvelope, "base64 envelope content is not base64")
        }
        return decoded
    }

    /// Whether a server should wrap its answer, given the request's `X-Response-Format` value: every value but
    /// `raw` (matched case-insensitively, surrounding spaces ignored) means yes.
    public static func shouldWrap(responseFormatHeader: String?) -> Bool {
        guard let value = responseFormatHeader else { return true }
        return value.trimmingCharacters(in: .whitespaces).lowercased() != ResponseFormat.raw
    }
}

private struct FormatProbe: Decodable {
    let format: String
}

private struct ContentProbe: Decodable {
    let content: String
}
