/// The one error type of `SecretCrypto`.
///
/// Equality and hashing consider only ``code``, so tests and callers can match on it
/// (`#expect(throws: CryptoError.badPadding)`) while the ``message`` stays free to explain.
/// No message ever contains key material or plaintext.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code: a struct over a private enum, so adding a code breaks no `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String {
            case invalidBase32
            case invalidBase64
            case notSaltedFormat
            case invalidCiphertextLength
            case badPadding
            case invalidUTF8
            case invalidMasterKeyOptions
            case invalidMasterPassword
            case wrongMasterKey
            case invalidPrivateKey
            case invalidPublicKey
            case unsupportedKeySize
            case rsaDecryptionFailed
            case rsaEncryptionFailed
            case keyGenerationFailed
            case vaultKeyHashMismatch
            case attachmentHashMismatch
            case invalidTOTP
            case randomUnavailable
            case openSSLFailure
        }

        fileprivate let value: Value

        /// The code's stable name, as written in logs and documentation.
        public var description: String { self.value.rawValue }
    }

    /// What went wrong, stable across releases.
    public let code: Code
    /// A human explanation; never contains secrets.
    public let message: String

    fileprivate init(_ value: Code.Value, _ message: String) {
        self.code = Code(value: value)
        self.message = message
    }

    public var description: String { "\(self.code): \(self.message)" }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }
}

// MARK: - Factories, one per code

extension CryptoError {
    /// A character outside the base32c alphabet and its aliases, or a length no encoding produces.
    public static var invalidBase32: Self { .init(.invalidBase32, "not a base32c string") }
    /// Not standard, padded base64.
    public static var invalidBase64: Self { .init(.invalidBase64, "not valid base64") }
    /// The decoded blob does not start with the OpenSSL `Salted__` header.
    public static var notSaltedFormat: Self { .init(.notSaltedFormat, "ciphertext lacks the Salted__ header") }
    /// The ciphertext is empty or not a whole number of AES blocks: truncated or damaged.
    public static var invalidCiphertextLength: Self {
        .init(.invalidCiphertextLength, "ciphertext is truncated or not a whole number of AES blocks")
    }
    /// PKCS#7 padding did not check out: the key is wrong or the last blocks are damaged.
    public static var badPadding: Self { .init(.badPadding, "decryption failed: wrong key or damaged ciphertext") }
    /// The plaintext of a text field is not UTF-8: the key is wrong or the ciphertext is damaged.
    public static var invalidUTF8: Self { .init(.invalidUTF8, "decrypted text is not UTF-8: wrong key or damaged") }
    /// The `pbkdf:sha256:ITER:LEN:SALT` string is malformed or out of range.
    public static func invalidMasterKeyOptions(_ why: String) -> Self { .init(.invalidMasterKeyOptions, why) }
    /// A master password no Passwork client could use (see ``MasterPassword``); `why` names the rule, never
    /// the password.
    public static func invalidMasterPassword(_ why: String) -> Self { .init(.invalidMasterPassword, why) }
    /// The master key does not unlock the user's private key, or its hash differs from the server's.
    public static var wrongMasterKey: Self { .init(.wrongMasterKey, "the master password or master key is wrong") }
    /// The PEM is not an RSA private key OpenSSL can read.
    public static var invalidPrivateKey: Self { .init(.invalidPrivateKey, "not a readable RSA private key (PEM)") }
    /// The PEM is not an RSA SubjectPublicKeyInfo OpenSSL can read.
    public static var invalidPublicKey: Self { .init(.invalidPublicKey, "not a readable RSA public key (PEM)") }
    /// RSA keys outside 1024...4096 bits are refused.
    public static func unsupportedKeySize(_ bits: Int) -> Self {
        .init(.unsupportedKeySize, "RSA keys of \(bits) bits are not supported (1024 to 4096)")
    }
    /// Neither OAEP-SHA256 nor PKCS#1 v1.5 decrypts the value with this key.
    public static var rsaDecryptionFailed: Self {
        .init(.rsaDecryptionFailed, "RSA decryption failed: wrong private key or damaged value")
    }
    /// Encryption failed (for example, a message too long for the key).
    public static var rsaEncryptionFailed: Self { .init(.rsaEncryptionFailed, "RSA encryption failed") }
    /// OpenSSL could not generate a key pair.
    public static var keyGenerationFailed: Self { .init(.keyGenerationFailed, "RSA key generation failed") }
    /// `sha256hex(vaultKey + salt)` differs from the vault's `masterKeyHash`.
    public static var vaultKeyHashMismatch: Self {
        .init(.vaultKeyHashMismatch, "the vault key does not match its hash")
    }
    /// The decrypted attachment's hash differs from the one stored with it.
    public static var attachmentHashMismatch: Self {
        .init(.attachmentHashMismatch, "the attachment does not match its hash: wrong key or damaged")
    }
    /// A TOTP field that is neither a base32 secret nor a usable `otpauth://totp` URI.
    public static func invalidTOTP(_ why: String) -> Self { .init(.invalidTOTP, "not a TOTP secret: \(why)") }
    /// The CSPRNG failed.
    public static var randomUnavailable: Self { .init(.randomUnavailable, "the random generator failed") }
    /// An OpenSSL call failed for a reason not covered above.
    public static func openSSLFailure(_ call: String) -> Self { .init(.openSSLFailure, "\(call) failed") }
}
