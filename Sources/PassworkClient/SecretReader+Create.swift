import Foundation
public import PassworkModels
public import SecretCrypto

/// Creating vaults and items with client-side encryption, exactly as the connector does (docs/wire-format.md, "The key
/// chain" and "Attachments").
extension SecretReader {
    /// A custom field to create: plaintext here, encrypted before it leaves.
    public struct NewCustomField: Sendable {
        public let name: String
        public let value: SecureBytes
        public let type: String

        public init(name: String, value: SecureBytes, type: String = "password") {
            self.name = name
            self.value = value
            self.type = type
        }

        /// The wire form: name, value and type each a CSE string under the item key.
        public func encrypted(with itemKey: ItemKey) throws(CryptoError) -> CustomField {
            let encrypted = try itemKey.encryptCustomField(
                DecryptedCustomField(
                    name: SecureBytes(utf8: self.name),
                    value: self.value,
                    type: SecureBytes(utf8: self.type)
                )
            )
            return CustomField(name: encrypted.name, value: encrypted.value, type: encrypted.type)
        }
    }

    /// Creates a vault: a fresh vault key wrapped with the user's own public key, its salt and hash.
    public func createVault(name: String) async throws(ClientError) -> String {
        var request = VaultCreateRequest(name: name)
        if self.isEncrypting {
            let publicKey = try await self.client.userKeys().keys.publicKey
            do {
                let vaultKey = try VaultKey.generate()
                let salt = try RandomKey.make(length: RandomKey.saltLength).unsafeString()
                request.masterKeyEncrypted = try vaultKey.wrap(for: try RSAPublicKey(pem: publicKey))
                request.salt = salt
                request.masterKeyHash = vaultKey.hash(salt: salt)
            } catch {
                throw .decryptionFailed("a new vault key (\(error.code))")
            }
        }
        return try await self.client.call(
            IDResponse.self,
            method: "POST",
            endpoint: Endpoints.vaults.path(),
            body: request
        ).id
    }

    /// Creates an item: a fresh item key under the vault's key; password, custom fields and attachments
    /// encrypted with it.
    public func createItem(
        vaultId: String,
        folderId: String? = nil,
        name: String,
        login: String = "",
        url: String = "",
        description: String = "",
        tags: [String] = [],
        password: SecureBytes,
        customs: [NewCustomField] = [],
        attachments: [(name: String, data: SecureBytes)] = []
    ) async throws(ClientError) -> String {
        let vault = try await self.client.vault(id: vaultId)
        var itemKey = ItemKey(secret: SecureBytes(count: 0))
        var keyEncrypted = ""
        do {
            if let wrapped = vault.masterKeyEncrypted, !wrapped.isEmpty,
                let vaultKey = try self.vaultKey(vaultId: vaultId, masterKeyEncrypted: wrapped)
            {
                itemKey = try ItemKey.generate()
                keyEncrypted = try vaultKey.wrap(itemKey)
            }
            let request = ItemCreateRequest(
                vaultId: vaultId,
                folderId: folderId,
                name: name,
                login: login,
                url: url,
                description: description,
                tags: tags,
                customs: try customs.map { (field) throws(CryptoError) in try field.encrypted(with: itemKey) },
                attachments: try attachments.map { attachment in
                    let encrypted = try itemKey.encryptAttachment(attachment.data)
                    return NewAttachment(
                        name: attachment.name,
                        encryptedKey: encrypted.encryptedKey,
                        encryptedData: encrypted.encryptedData,
                        hash: encrypted.hash
                    )
                },
                passwordEncrypted: try itemKey.encryptText(password),
                keyEncrypted: keyEncrypted
            )
            return try await self.client.call(
                IDResponse.self,
                method: "POST",
                endpoint: Endpoints.items.path(),
                body: request
            ).id
        } catch let error as CryptoError {
            throw .decryptionFailed("the new item (\(error.code))")
        } catch let error as ClientError {
            throw error
        } catch {
            throw .malformedResponse("\(error)")
        }
    }
}
