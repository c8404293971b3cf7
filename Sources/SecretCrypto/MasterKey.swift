internal import COpenSSL

/// The parameters of the master-key derivation, as the server states them:
/// `pbkdf:sha256:<iterations>:<bytes>:<salt>` (docs/wire-format.md, "Master key").
public struct MasterKeyOptions: Sendable, Hashable, CustomStringConvertible {
    public static let defaultIterations = 300_000
    public static let defaultLength = 64
    /// Bounds that keep a hostile server from making the client spin or allocate without end.
    public static let iterationRange = 1...10_000_000
    public static let lengthRange = 16...1024

    public let iterations: Int
    public let length: Int
    public let salt: String

    /// Options with explicit values (the `master-key/new-options` shape).
    public init(iterations: Int, length: Int, salt: String) throws(CryptoError) {
        guard Self.iterationRange.contains(iterations) else {
            throw .invalidMasterKeyOptions("iterations must be in \(Self.iterationRange), not \(iterations)")
        }
        guard Self.lengthRange.contains(length) else {
            throw .invalidMasterKeyOptions("key length must be in \(Self.lengthRange), not \(length)")
        }
        guard !salt.isEmpty, !salt.contains(":") else {
            throw .invalidMasterKeyOptions("the salt must be non-empty and must not contain ':'")
        }
        self.iterations = iterations
        self.length = length
        self.salt = salt
    }

    /// Parses `pbkdf:sha256:ITER:LEN:SALT`.
    /// The connector ignores the digest field and always uses SHA-256; a digest other than `sha256` is
    /// refused here rather than silently replaced.
    public init(parsing text: String) throws(CryptoError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 5 else {
            throw .invalidMasterKeyOptions(
                "expected pbkdf:sha256:ITERATIONS:BYTES:SALT (5 fields), got \(fields.count)"
            )
        }
        guard fields[0] == "pbkdf" else { throw .invalidMasterKeyOptions("unknown scheme '\(fields[0])'") }
        guard fields[1].lowercased() == "sha256" else {
            throw .invalidMasterKeyOptions("unsupported digest '\(fields[1])' (only sha256)")
        }
        guard let iterations = Int(fields[2]), let length = Int(fields[3]) else {
            throw .invalidMasterKeyOptions("iterations and bytes must be whole numbers")
        }
        try self.init(iterations: iterations, length: length, salt: String(fields[4]))
    }

    /// The canonical string form.
    public var description: String { "pbkdf:sha256:\(self.iterations):\(self.length):\(self.salt)" }
}

/// The master key: `base64(PBKDF2-HMAC-SHA256(password, salt, iterations, length))`.
///
/// That base64 text is what Passwork calls the master key (`PASSWORK_MASTER_KEY`): it is used, as text,
/// as the passphrase that unlocks the user's private key.
public enum MasterKey {
    /// Derives the master key from the master password.
    public static func derive(password: SecureBytes, options: MasterKeyOptions) throws(CryptoError) -> SecureBytes {
        let raw = SecureBytes(count: options.length)
        var salt = options.salt
        let status = password.withUnsafeBytes { pass in
            raw.withUnsafeMutableBytes { out in
                salt.withUTF8 { saltBytes in
                    PKCS5_PBKDF2_HMAC(
                        pass.baseAddress?.assumingMemoryBound(to: CChar.self),
                        Int32(pass.count),
                        saltBytes.baseAddress,
                        Int32(saltBytes.count),
                        Int32(options.iterations),
                        Algorithms.sha256,
                        Int32(out.count),
                        out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    )
                }
            }
        }
        guard status == 1 else { throw .openSSLFailure("PKCS5_PBKDF2_HMAC") }
        return Base64.encode(raw)
    }

    /// `X-Master-Key-Hash`: lowercase hex SHA-256 of the master key's text. The server stores the same value.
    public static func hash(_ masterKey: SecureBytes) -> String { SHA256Hex.of(masterKey) }
}

/// Hashes as Passwork writes them.
public enum PassworkHash {
    /// Lowercase hex SHA-256 of the UTF-8 of `text` (`keyHash` of links, the vault `masterKeyHash` input).
    public static func sha256Hex(_ text: String) -> String { SHA256Hex.of(text) }

    /// Lowercase hex SHA-256 of the bytes of `secret`.
    public static func sha256Hex(_ secret: SecureBytes) -> String { SHA256Hex.of(secret) }
}
