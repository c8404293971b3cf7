import Foundation
import SecretCrypto

/// Opaque tokens and ids. Tokens are 32 random bytes in base64, as Passwork's; only their SHA-256 is stored.
public enum TokenGenerator {
    /// A fresh token: base64 of 32 bytes from the system CSPRNG.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
    }

    /// The stored form of a token: lower-case hex SHA-256.
    public static func hash(_ token: String) -> String {
        PassworkHash.sha256Hex(token)
    }

    /// A fresh object id: 24 hex characters, like Passwork's.
    public static func id() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<12).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }
            .joined()
    }
}
