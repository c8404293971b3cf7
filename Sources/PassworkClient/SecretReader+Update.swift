public import PassworkModels
public import SecretCrypto

/// What ``SecretReader/updateItem(id:_:)`` changes; nil (or no custom fields) leaves a field as it is. Secrets
/// are plaintext here and encrypted before they leave.
public struct ItemChanges: Sendable {
    public var name: String?
    public var password: SecureBytes?
    public var login: String?
    public var url: String?
    public var description: String?
    /// Replaces every tag.
    public var tags: [String]?
    /// Custom fields to set, by name: an existing one keeps its type, a new one is a password field.
    public var customs: [(name: String, value: SecureBytes)]

    public init(
        name: String? = nil,
        password: SecureBytes? = nil,
        login: String? = nil,
        url: String? = nil,
        description: String? = nil,
        tags: [String]? = nil,
        customs: [(name: String, value: SecureBytes)] = []
    ) {
        self.name = name
        self.password = password
        self.login = login
        self.url = url
        self.description = description
        self.tags = tags
        self.customs = customs
    }
}

/// Updating items with client-side encryption, as passwork-cli's `update` does (docs/wire-format.md, "Attachments").
extension SecretReader {
    /// Changes an item: the new password and the whole new list of custom fields are encrypted with the item's
    /// own key, which stays as it is.
    /// - Returns: the item as it was before the change.
    @discardableResult
    public func updateItem(id: String, _ changes: ItemChanges) async throws(ClientError) -> Item {
        let item = try await self.client.item(id: id)
        let key = try self.itemKey(for: item)
        var request = ItemUpdateRequest(vaultId: item.vaultId)
        request.name = changes.name
        request.login = changes.login
        request.url = changes.url
        request.description = changes.description
        request.tags = changes.tags
        request.keyEncrypted = item.keyEncrypted
        do {
            if let password = changes.password { request.passwordEncrypted = try key.encryptText(password) }
            if !changes.customs.isEmpty {
                // Custom fields are replaced as a whole on the wire: the untouched ones are sent again.
                var fields = try Self.decrypt(item, with: key).customs.map {
                    NewCustomField(name: $0.name, value: $0.value, type: $0.type)
                }
                for (name, value) in changes.customs {
                    if let index = fields.firstIndex(where: { $0.name == name }) {
                        fields[index] = NewCustomField(name: name, value: value, type: fields[index].type)
                    } else {
                        fields.append(NewCustomField(name: name, value: value))
                    }
                }
                request.customs = try fields.map { (field) throws(CryptoError) in try field.encrypted(with: key) }
            }
        } catch {
            throw .decryptionFailed("item \(item.id) for the update")
        }
        try await self.client.updateItem(id: item.id, request)
        return item
    }
}
