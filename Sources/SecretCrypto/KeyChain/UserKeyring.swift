/// The first link of Passwork's key chain (docs/wire-format.md, "The key chain"): the master key unlocks the user's RSA
/// private key, which unwraps vault keys.
///
/// ```
/// master key ─AES─▶ private key ─RSA─▶ vault key ─AES─▶ item key ─AES─▶ password, custom fields,
///                                                                       attachment keys ─AES─▶ attachment data
/// ```
public struct UserKeyring: Sendable {
    public let privateKey: RSAPrivateKey

    public init(privateKey: RSAPrivateKey) { self.privateKey = privateKey }

    /// Unlocks `users/keys.privateEncrypted` (a CSE string of the PEM, `is_bytes`) with the master key.
    /// - Throws: ``CryptoError/wrongMasterKey`` whenever the result is not a readable private key: with
    ///   CBC and no MAC, a wrong key shows up as bad padding or as garbage that is not PEM.
    public static func unlock(privateEncrypted: String, masterKey: SecureBytes) throws(CryptoError) -> UserKeyring {
        let pem: SecureBytes
        do {
            pem = try CSEString.decryptBytes(privateEncrypted, passphrase: masterKey)
        } catch let error where error == .badPadding || error == .notSaltedFormat {
            throw .wrongMasterKey
        }
        defer { pem.wipe() }
        do {
            return UserKeyring(privateKey: try RSAPrivateKey(pem: pem))
        } catch let error where error == .invalidPrivateKey {
            throw .wrongMasterKey
        }
    }

    /// A new key pair for a new user, its private key encrypted under the master key as the web client does.
    /// - Returns: the keyring, the public key PEM and `privateEncrypted`.
    public static func create(
        masterKey: SecureBytes,
        bits: Int = 2048
    ) throws(CryptoError) -> (keyring: UserKeyring, publicKeyPEM: String, privateEncrypted: String) {
        let privateKey = try RSAPrivateKey.generate(bits: bits)
        let pem = try privateKey.pkcs8PEM()
        defer { pem.wipe() }
        let privateEncrypted = try CSEString.encrypt(pem, passphrase: masterKey)
        return (UserKeyring(privateKey: privateKey), try privateKey.publicKey().pem, privateEncrypted)
    }

    /// Unwraps a vault key: `vault.masterKeyEncrypted`, or the `vaultMasterKeyEncrypted` of an item answer.
    public func vaultKey(masterKeyEncrypted: String) throws(CryptoError) -> VaultKey {
        VaultKey(secret: try self.privateKey.decrypt(base64: masterKeyEncrypted))
    }
}
