public import PassworkClient
public import PassworkModels
public import SecretCrypto

/// Where the file system's data comes from. ``RemoteSource`` is the real one; the protocol keeps the tree
/// logic apart from HTTP.
public protocol SecretSource: Sendable {
    func vaults() async throws(ClientError) -> [Vault]
    func folders(vaultId: String) async throws(ClientError) -> [Folder]
    /// Every item of a vault (with its ciphertexts), in the server's order, handed to `body` one at a time.
    func forEachItem(vaultId: String, _ body: (Item) -> Void) async throws(ClientError)
    func item(id: String) async throws(ClientError) -> Item
    /// The item's key, for decrypting its fields one at a time (``ItemFields``).
    func itemKey(for item: Item) throws(ClientError) -> ItemKey
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

    public func forEachItem(vaultId: String, _ body: (Item) -> Void) async throws(ClientError) {
        try await self.reader.client.searchItems(ItemSearchQuery(vaultIds: [vaultId]), each: body)
    }

    public func item(id: String) async throws(ClientError) -> Item { try await self.reader.client.item(id: id) }

    public func itemKey(for item: Item) throws(ClientError) -> ItemKey { try self.reader.itemKey(for: item) }

    public func attachment(of item: Item, id: String) async throws(ClientError) -> SecureBytes {
        try await self.reader.attachment(of: item, id: id)
    }
}
