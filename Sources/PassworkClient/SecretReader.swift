public import PassworkModels
public import SecretCrypto
import Synchronization

/// An item with its secrets decrypted: values in locked memory, names as text (they name files and
/// environment variables).
public struct DecryptedItem: Sendable {
    public struct Field: Sendable {
        public let name: String
        /// `text`, `password` or `totp` in practice.
        public let type: String
        public let value: SecureBytes
    }

    public let item: Item
    public let password: SecureBytes
    public let customs: [Field]
}

/// Decrypts what the server returns, as the connector does: the master key unlocks the user's private key
/// once; vault keys are unwrapped once per vault and kept, in locked memory, for the life of the reader.
public final class SecretReader: Sendable {
    public let client: PassworkClient
    /// Nil when client-side encryption is off (no master key): fields are then plain base64.
    private let keyring: UserKeyring?
    private let vaultKeys = Mutex<[String: VaultKey]>([:])

    private init(client: PassworkClient, keyring: UserKeyring?) {
        self.client = client
        self.keyring = keyring
    }

    /// Fetches `users/keys` and unlocks them with the master key (docs/wire-format.md, "Master key").
    /// - Throws: ``ClientError/wrongMasterKey`` when the key does not unlock them.
    public static func unlock(client: PassworkClient, masterKey: SecureBytes?) async throws(ClientError) -> SecretReader
    {
        guard let masterKey, masterKey.count > 0 else { return SecretReader(client: client, keyring: nil) }
        let keys = try await client.userKeys()
        do {
            let keyring = try UserKeyring.unlock(privateEncrypted: keys.keys.privateEncrypted, masterKey: masterKey)
            return SecretReader(client: client, keyring: keyring)
        } catch {
            throw .wrongMasterKey
        }
    }

    /// A vault's key, unwrapped from the caller's `masterKeyEncrypted` (cached). Nil when CSE is off.
    public func vaultKey(vaultId: String, masterKeyEncrypted: String) throws(ClientError) -> VaultKey? {
        guard let keyring = self.keyring else { return nil }
        if let cached = self.vaultKeys.withLock({ $0[vaultId] }) { return cached }
        do {
            let key = try keyring.vaultKey(masterKeyEncrypted: masterKeyEncrypted)
            self.vaultKeys.withLock { $0[vaultId] = key }
            return key
        } catch {
            throw .decryptionFailed("the key of vault \(vaultId) (\(error.code))")
        }
    }

    /// The item's key, through its vault's key (cached).
    public func itemKey(for item: Item) throws(ClientError) -> ItemKey {
        guard let keyring = self.keyring else { return ItemKey(secret: SecureBytes(count: 0)) }
        let vaultKey: VaultKey
        if let cached = self.vaultKeys.withLock({ $0[item.vaultId] }) {
            vaultKey = cached
        } else {
            guard let wrapped = item.vaultMasterKeyEncrypted else {
                throw .malformedResponse("item \(item.id) has no vaultMasterKeyEncrypted")
            }
            do {
                vaultKey = try keyring.vaultKey(masterKeyEncrypted: wrapped)
            } catch {
                throw .decryptionFailed("the key of vault \(item.vaultId) (\(error.code))")
            }
            self.vaultKeys.withLock { $0[item.vaultId] = vaultKey }
        }
        do {
            return try vaultKey.itemKey(keyEncrypted: item.keyEncrypted)
        } catch {
            throw .decryptionFailed("the key of item \(item.id) (\(error.code))")
        }
    }

    /// An item key wrapped with the user's own public key (an inbox item's `keyEncrypted`). Empty when CSE is
    /// off, so fields are then read as plain base64.
    public func itemKey(wrappedForMe keyEncrypted: String?, naming what: String) throws(ClientError) -> ItemKey {
        guard let keyring = self.keyring else { return ItemKey(secret: SecureBytes(count: 0)) }
        guard let keyEncrypted, !keyEncrypted.isEmpty else { throw .malformedResponse("\(what) has no keyEncrypted") }
        do {
            return ItemKey(secret: try keyring.privateKey.decrypt(base64: keyEncrypted))
        } catch {
            throw .decryptionFailed("the key of \(what) (\(error.code))")
        }
    }

    /// Whether client-side encryption is on (a master key was given).
    public var isEncrypting: Bool { self.keyring != nil }

    /// Decrypts the password and the custom fields.
    public func decrypt(_ item: Item) throws(ClientError) -> DecryptedItem {
        try Self.decrypt(item, with: try self.itemKey(for: item))
    }

    /// Decrypts the password and the custom fields with a key obtained otherwise (an inbox item's, a link's code).
    public static func decrypt(_ item: Item, with key: ItemKey) throws(ClientError) -> DecryptedItem {
        do {
            let password =
                item.passwordEncrypted.isEmpty ? SecureBytes(count: 0) : try key.decryptText(item.passwordEncrypted)
            let customs = try item.customs.map { (custom) throws(CryptoError) -> DecryptedItem.Field in
                let field = try key.decryptCustomField(name: custom.name, value: custom.value, type: custom.type)
                return DecryptedItem.Field(
                    name: field.name.unsafeString(),
                    type: field.type.unsafeString(),
                    value: field.value
                )
            }
            return DecryptedItem(item: item, password: password, customs: customs)
        } catch {
            throw .decryptionFailed("item \(item.id) (\(error.code))")
        }
    }

    /// Downloads and decrypts an attachment, checking its hash.
    public func attachment(of item: Item, id attachmentId: String) async throws(ClientError) -> SecureBytes {
        try await self.attachment(of: item, id: attachmentId, with: try self.itemKey(for: item))
    }

    /// Downloads and decrypts an attachment with a key obtained otherwise (an inbox item's).
    public func attachment(of item: Item, id attachmentId: String, with key: ItemKey) async throws(ClientError)
        -> SecureBytes
    {
        let answer = try await self.client.attachment(itemId: item.id, attachmentId: attachmentId)
        return try Self.decrypt(answer, with: key, naming: "attachment \(attachmentId) of item \(item.id)")
    }

    /// An attachment's plaintext: its key under `key`, its data under its key, checked against its hash.
    static func decrypt(_ answer: AttachmentResponse, with key: ItemKey, naming what: String) throws(ClientError)
        -> SecureBytes
    {
        do {
            return try key.attachmentKey(encryptedKey: answer.encryptedKey)
                .decrypt(encryptedData: answer.encryptedData, expectedHash: answer.hash)
        } catch {
            throw .decryptionFailed("\(what) (\(error.code))")
        }
    }

    /// Forgets the cached vault keys (their memory is wiped as they are released).
    public func forgetVaultKeys() { self.vaultKeys.withLock { $0.removeAll() } }
}
