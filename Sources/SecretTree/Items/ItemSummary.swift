public import PassworkModels

/// What a vault's listing keeps of each of its items: enough to name the item and to list its directory,
/// without the ciphertexts (about 2 KB an item as decoded). Those stay in a bounded cache for the items in
/// use, so a mount of 10,000 items does not hold 10,000 items' ciphertexts after an `ls -R`.
public struct ItemSummary: Sendable, Equatable {
    public let id: String
    public let vaultId: String
    public let folderId: String?
    public let name: String
    let hasLogin: Bool
    let hasURL: Bool
    let hasDescription: Bool
    let hasAttachments: Bool
    /// The custom fields' decrypted names (they name files); nil when they could not be decrypted, and the
    /// item's directory then comes from the whole item.
    let customNames: [String]?

    public init(item: Item, customNames: [String]?) {
        self.id = item.id
        self.vaultId = item.vaultId
        self.folderId = item.folderId
        self.name = item.name
        self.hasLogin = !item.login.isEmpty
        self.hasURL = !item.url.isEmpty
        self.hasDescription = !(item.description ?? "").isEmpty
        self.hasAttachments = !item.attachments.isEmpty
        self.customNames = customNames
    }
}
