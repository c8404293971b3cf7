/// A vault's key: a random text (100 characters for new vaults) that encrypts the vault's item keys.
public struct VaultKey: Sendable, CustomStringConvertible {
    public let secret: SecureBytes

    public init(secret: SecureBytes) { self.secret = secret }

    /// A fresh vault key.
    public static func generate() throws(CryptoError) -> VaultKey { VaultKey(secret: try RandomKey.make()) }

    /// `masterKeyEncrypted` for a member: the key wrapped with their public key (OAEP-SHA256).
    public func wrap(for member: RSAPublicKey) throws(CryptoError) -> String { try member.encrypt(self.secret) }

    /// The vault's `masterKeyHash`: `sha256hex(vaultKey + salt)`.
    public func hash(salt: String) -> String {
        let joined = SecureBytes(count: self.secret.count + salt.utf8.count)
        joined.withUnsafeMutableBytes { out in
            self.secret.withUnsafeBytes { key in
                out.copyMemory(from: key)
                _ = UnsafeMutableRawBufferPointer(rebasing: out[key.count...]).initializeMemory(
                    as: UInt8.self,
                    from: salt.utf8
                )
            }
        }
        return PassworkHash.sha256Hex(joined)
    }

    /// Checks the key against the vault's `masterKeyHash`.
    /// - Throws: ``CryptoError/vaultKeyHashMismatch``.
    public func verify(salt: String, masterKeyHash: String) throws(CryptoError) {
        guard self.hash(salt: salt) == masterKeyHash.lowercased() else { throw .vaultKeyHashMismatch }
    }

    /// Decrypts an item's `keyEncrypted`. An empty value is the server-side-only mode (CSE off):
    /// the item key is then empty and fields are plain base64.
    public func itemKey(keyEncrypted: String) throws(CryptoError) -> ItemKey {
        guard !keyEncrypted.isEmpty else { return ItemKey(secret: SecureBytes(count: 0)) }
        return ItemKey(secret: try CSEString.decryptText(keyEncrypted, passphrase: self.secret))
    }

    /// `keyEncrypted` for an item key (also a shortcut's `keyEncrypted`, under the target vault's key).
    public func wrap(_ itemKey: ItemKey, salt: [UInt8]? = nil) throws(CryptoError) -> String {
        try CSEString.encrypt(itemKey.secret, passphrase: self.secret, salt: salt)
    }

    public var description: String { "<vault key, redacted>" }
}
