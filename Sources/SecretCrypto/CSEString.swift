/// The "CSE string", Passwork's symmetric wire format (docs/wire-format.md, "The CSE string"):
/// `base32c(base64("Salted__" || salt || AES-256-CBC(plaintext)))`, keyed by a text passphrase.
///
/// With an empty passphrase (client-side encryption off) the connector writes plain `base64(plaintext)`
/// instead; both directions honour that, so a caller never branches on the mode.
public enum CSEString {
    /// Every CSE string starts with this: base32c of `U2FsdGVkX1`, which is base64 of `Salted__`.
    public static let prefix = "amt4cwv48xb6pp1h"

    /// Encrypts bytes (`is_bytes=True` in the connector).
    /// - Parameters:
    ///   - plaintext: the bytes to encrypt.
    ///   - passphrase: the key as text (vault key, item key, master key); empty means CSE is off.
    ///   - salt: 8 bytes to pin the output in tests; random otherwise.
    public static func encrypt(
        _ plaintext: SecureBytes,
        passphrase: SecureBytes,
        salt: [UInt8]? = nil
    ) throws(CryptoError) -> String {
        try plaintext.withUnsafeBytes { (bytes) throws(CryptoError) -> String in
            guard passphrase.count > 0 else { return Base64.encode(bytes) }
            let blob = try SaltedAES.encrypt(bytes, passphrase: passphrase, salt: salt)
            return Base32C.encode(Base64.encode(blob).utf8)
        }
    }

    /// Encrypts text; the same bytes as ``encrypt(_:passphrase:salt:)`` on its UTF-8.
    public static func encrypt(_ text: String, passphrase: SecureBytes, salt: [UInt8]? = nil) throws(CryptoError)
        -> String
    {
        try Self.encrypt(SecureBytes(utf8: text), passphrase: passphrase, salt: salt)
    }

    /// Decrypts to bytes (`is_bytes=True`): no check on the content beyond the padding.
    /// - Throws: ``CryptoError`` `invalidBase32`, `invalidBase64`, `notSaltedFormat`,
    ///   `invalidCiphertextLength` or `badPadding`.
    public static func decryptBytes(_ wire: String, passphrase: SecureBytes) throws(CryptoError) -> SecureBytes {
        guard passphrase.count > 0 else {
            return try Base64.decode(SecureBytes(utf8: wire))
        }
        let base64Text = try Base32C.decode(wire)
        let blob = try Base64.decode(String(decoding: base64Text, as: UTF8.self))
        return try SaltedAES.decrypt(blob, passphrase: passphrase)
    }

    /// Decrypts text: as ``decryptBytes(_:passphrase:)``, and the plaintext must be UTF-8.
    /// - Throws: also ``CryptoError/invalidUTF8``, which mostly means a wrong key that passed the padding check.
    public static func decryptText(_ wire: String, passphrase: SecureBytes) throws(CryptoError) -> SecureBytes {
        let plaintext = try Self.decryptBytes(wire, passphrase: passphrase)
        guard plaintext.withUnsafeBytes({ UTF8Validation.isValid($0) }) else {
            plaintext.wipe()
            throw .invalidUTF8
        }
        return plaintext
    }
}

/// UTF-8 validation over raw bytes (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF),
/// so that a secret need not become a `String` to be checked.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return false }
            for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
            index += length
        }
        return true
    }
}
