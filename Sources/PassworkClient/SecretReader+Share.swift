public import PassworkModels
public import SecretCrypto

/// Giving another user a key: a vault's (`vault share`) or an item's (`inbox send`), wrapped here with the
/// user's public key, so the server only ever stores what that user's private key opens.
extension SecretReader {
    /// `key` wrapped with the public key of user `userId` (base64 RSA-OAEP), as the connector wraps a vault key
    /// for a new member.
    public func wrap(_ key: SecureBytes, forUser userId: String) async throws(ClientError) -> String {
        let pem = try await self.client.publicKey(userId: userId).publicKey
        do {
            return try RSAPublicKey(pem: pem).encrypt(key)
        } catch {
            throw .malformedResponse("the public key of user \(userId): \(error.message)")
        }
    }

    /// Makes user `userId` a member of a vault with `role` (``VaultMemberRole``), its key wrapped for them
    /// here. A vault without client-side encryption is shared without a key.
    /// - Returns: the vault, as the caller sees it.
    @discardableResult
    public func shareVault(id vaultId: String, withUser userId: String, role: String = VaultMemberRole.read)
        async throws(ClientError) -> Vault
    {
        let vault = try await self.client.vault(id: vaultId)
        var wrapped: String?
        if let mine = vault.masterKeyEncrypted, !mine.isEmpty,
            let vaultKey = try self.vaultKey(vaultId: vault.id, masterKeyEncrypted: mine)
        {
            wrapped = try await self.wrap(vaultKey.secret, forUser: userId)
        }
        try await self.client.addVaultMember(
            vaultId: vault.id,
            VaultShareRequest(userId: userId, masterKeyEncrypted: wrapped, role: role)
        )
        return vault
    }
}
