/// Answer of `GET /api/v1/users/master-key/options`.
public struct MasterKeyOptionsResponse: Codable, Sendable, Equatable {
    /// `pbkdf:sha256:<iterations>:<bytes>:<salt>`; see ``MasterKeyOptions``.
    public var masterKeyOptions: String

    /// Creates the response.
    public init(masterKeyOptions: String) {
        self.masterKeyOptions = masterKeyOptions
    }
}

/// A parsed `masterKeyOptions` string, `pbkdf:<digest>:<iterations>:<bytes>:<salt>`.
///
/// Parsing follows the connector: the string is split at every `:`, fields 2, 3 and 4 are read and anything
/// after field 4 is ignored (so a salt containing `:` is cut short, as it is in the connector). The connector
/// ignores ``digest`` and always derives with SHA-256.
public struct MasterKeyOptions: Sendable, Equatable, CustomStringConvertible {
    /// Field 1, e.g. `sha256`. Informational only.
    public var digest: String
    /// PBKDF2 iteration count (default 300,000).
    public var iterations: Int
    /// Derived key length in bytes (default 64).
    public var byteCount: Int
    /// The salt, used as UTF-8 text.
    public var salt: String

    /// Creates options from their parts.
    public init(digest: String = "sha256", iterations: Int = 300_000, byteCount: Int = 64, salt: String) {
        self.digest = digest
        self.iterations = iterations
        self.byteCount = byteCount
        self.salt = salt
    }

    /// Parses `pbkdf:<digest>:<iterations>:<bytes>:<salt>`.
    public init(parsing string: String) throws(PassworkModelsError) {
        let parts = string.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 5, let iterations = Int(parts[2]), let byteCount = Int(parts[3]),
            iterations > 0, byteCount > 0
        else {
            throw PassworkModelsError(
                .invalidMasterKeyOptions,
                "expected pbkdf:<digest>:<iterations>:<bytes>:<salt>, got \(parts.count) fields"
            )
        }
        self.init(digest: parts[1], iterations: iterations, byteCount: byteCount, salt: parts[4])
    }

    /// The wire form, `pbkdf:<digest>:<iterations>:<bytes>:<salt>`.
    public var description: String {
        "pbkdf:\(self.digest):\(self.iterations):\(self.byteCount):\(self.salt)"
    }
}

/// Answer of `GET /api/v1/users/master-key/new-options`, used when creating a user.
///
/// Only `salt` is required; the connector falls back to 300,000 iterations, 64 bytes and `sha256`, and accepts
/// numbers sent as strings.
public struct MasterKeyNewOptions: Codable, Sendable, Equatable {
    /// The salt chosen by the server.
    public var salt: String
    /// Iteration count, if the server sent one.
    public var iterations: Int?
    /// Derived key length in bytes, if the server sent one.
    public var bytes: Int?
    /// Digest name, if the server sent one.
    public var digest: String?

    /// Creates the response.
    public init(salt: String, iterations: Int? = nil, bytes: Int? = nil, digest: String? = nil) {
        self.salt = salt
        self.iterations = iterations
        self.bytes = bytes
        self.digest = digest
    }

    private enum CodingKeys: String, CodingKey {
        case salt, iterations, bytes, digest
    }

    /// Decodes the response, accepting `iterations` and `bytes` as numbers or numeric strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.salt = try container.decode(String.self, forKey: .salt)
        self.iterations = try Self.decodeLenientInt(container, .iterations)
        self.bytes = try Self.decodeLenientInt(container, .bytes)
        self.digest = try container.decodeIfPresent(String.self, forKey: .digest)
    }

    /// The options these values stand for, with the connector's defaults filled in.
    public var options: MasterKeyOptions {
        MasterKeyOptions(
            digest: self.digest ?? "sha256",
            iterations: self.iterations ?? 300_000,
            byteCount: self.bytes ?? 64,
            salt: self.salt
        )
    }

    private static func decodeLenientInt(
        _ container: KeyedDecodingContainer<CodingKeys>,
        _ key: CodingKeys
    ) throws -> Int? {
        if let number = try? container.decodeIfPresent(Int.self, forKey: key) {
            return number
        }
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let number = Int(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "expected an integer, got \"\(text)\""
            )
        }
        return number
    }
}
