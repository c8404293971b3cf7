public import PassworkClient
public import PassworkModels
public import SecretCrypto

/// Where the file system's data comes from. ``RemoteSource`` is the real one; the protocol keeps the tree
/// logic apart from HTTP.
public protocol SecretSource: Sendable {
    func vaults() async throws(ClientError) -> [Vault]
    func folders(vaultId: String) async throws(ClientError) -> [Folder]
    /// Every item of a vault (with its ciphertexts), in the server's order.
    func items(vaultId: String) async throws(ClientError) -> [Item]
    func item(id: String) async throws(ClientError) -> Item
    func decrypt(_ item: Item) throws(ClientError) -> DecryptedItem
    func attachment(of item: Item, id: String) async throws(ClientError) -> SecureBytes
}

/// A ``SecretSource`` over a live server.
public struct RemoteSource: SecretSource {
    public let reader: SecretReader

    public init(reader: SecretReader) { self.reader = reader }

    public func vaults() async throws(ClientError) -> [Vault] { try await self.reader.client.vaults() }

    public func folders(vaultId: String) async throws(ClientError) -> [Folder] {
        try await self.reader.client.folders(vaultId: vaultId)
    }

    public func items(vaultId: String) async throws(ClientError) -> [Item] {
        try await self.reader.client.searchItems(ItemSearchQuery(vaultIds: [vaultId]))
    }

    public func item(id: String) async throws(ClientError) -> Item { try await self.reader.client.item(id: id) }

    public func decrypt(_ item: Item) throws(ClientError) -> DecryptedItem { try self.reader.decrypt(item) }

    public func attachment(of item: Item, id: String) async throws(ClientError) -> SecureBytes {
        try await self.reader.attachment(of: item, id: id)
    }
}
