/// An item's key: it encrypts the password, each custom field's name, value and type, and attachment keys.
/// Real web-client items carry 32-character keys, connector items 100; nothing here assumes a length.
/// An empty key means client-side encryption is off (plain base64 on the wire).
public struct ItemKey: Sendable, CustomStringConvertible {
    public let secret: SecureBytes

    public init(secret: SecureBytes) { self.secret = secret }

    /// A fresh item key.
    public static func generate() throws(CryptoError) -> ItemKey { ItemKey(secret: try RandomKey.make()) }

    /// Whether client-side encryption is on for this item.
    public var isEncrypted: Bool { self.secret.count > 0 }

    /// Decrypts a text field (`passwordEncrypted`, a custom field's name, value or type).
    public func decryptText(_ wire: String) throws(CryptoError) -> SecureBytes {
        try CSEString.decryptText(wire, passphrase: self.secret)
    }

    /// Encrypts a text field.
    public func encryptText(_ plaintext: SecureBytes, salt: [UInt8]? = nil) throws(CryptoError) -> String {
        try CSEString.encrypt(plaintext, passphrase: self.secret, salt: salt)
    }

    /// Decrypts the three encrypted parts of a custom field.
    public func decryptCustomField(name: String, value: String, type: String) throws(CryptoError)
        -> DecryptedCustomField
    {
        DecryptedCustomField(
            name: try self.decryptText(name),
            value: try self.decryptText(value),
            type: try self.decryptText(type)
        )
    }

    /// Encrypts a custom field's three parts, as `encrypt_item_customs` does.
    public func encryptCustomField(_ field: DecryptedCustomField) throws(CryptoError) -> (
        name: String, value: String, type: String
    ) {
        (try self.encryptText(field.name), try self.encryptText(field.value), try self.encryptText(field.type))
    }

    /// Decrypts an attachment's `encryptedKey`. With CSE off the connector ignores that key, so the result
    /// is then empty too.
    public func attachmentKey(encryptedKey: String) throws(CryptoError) -> AttachmentKey {
        guard self.isEncrypted else { return AttachmentKey(secret: SecureBytes(count: 0)) }
        return AttachmentKey(secret: try self.decryptText(encryptedKey))
    }

    /// Encrypts a file for upload: a fresh attachment key under this item key, the data under that key,
    /// and the connector's hash of the plaintext. With CSE off: `base64("a"×32)` and `base64(base64(file))`.
    public func encryptAttachment(_ data: SecureBytes) throws(CryptoError) -> EncryptedAttachment {
        let hash = AttachmentKey.hash(of: data)
        let base64Data = Base64.encode(data)
        defer { base64Data.wipe() }
        guard self.isEncrypted else {
            let placeholder = SecureBytes(utf8: String(repeating: "a", count: 32))
            return EncryptedAttachment(
                encryptedKey: try CSEString.encrypt(placeholder, passphrase: self.secret),
                encryptedData: try CSEString.encrypt(base64Data, passphrase: self.secret),
                hash: hash
            )
        }
        let attachmentKey = try RandomKey.make()
        return EncryptedAttachment(
            encryptedKey: try self.encryptText(attachmentKey),
            encryptedData: try CSEString.encrypt(base64Data, passphrase: attachmentKey),
            hash: hash
        )
    }

    public var description: String { "<item key, redacted>" }
}

/// A decrypted custom field. Its type is `text`, `password` or `totp` in practice.
public struct DecryptedCustomField: Sendable {
    public let name: SecureBytes
    public let value: SecureBytes
    public let type: SecureBytes

    public init(name: SecureBytes, value: SecureBytes, type: SecureBytes) {
        self.name = name
        self.value = value
        self.type = type
    }
}

/// What an attachment upload carries besides its name.
public struct EncryptedAttachment: Sendable, Hashable {
    public let encryptedKey: String
    public let encryptedData: String
    public let hash: String
}
