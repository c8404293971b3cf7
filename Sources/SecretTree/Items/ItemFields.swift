public import PassworkClient
public import PassworkModels
public import SecretCrypto

/// One item's fields, decrypted one at a time: opening `password` decrypts the password and nothing else,
/// and listing the item decrypts only the custom fields' names. The item key is unwrapped once per use.
public struct ItemFields: Sendable {
    public let item: Item
    private let key: ItemKey

    public init(item: Item, key: ItemKey) {
        self.item = item
        self.key = key
    }

    /// The password.
    public func password() throws(ClientError) -> SecureBytes {
        guard !self.item.passwordEncrypted.isEmpty else { return SecureBytes(count: 0) }
        return try self.decrypt(self.item.passwordEncrypted, "the password")
    }

    /// The custom fields' names, in the item's order (they name files).
    public func customNames() throws(ClientError) -> [String] {
        try self.item.customs.map { (custom) throws(ClientError) in
            try self.decrypt(custom.name, "a custom field's name").unsafeString()
        }
    }

    /// The name of the custom field at `index`, if there is one.
    public func customName(at index: Int) throws(ClientError) -> String? {
        guard self.item.customs.indices.contains(index) else { return nil }
        return try self.decrypt(self.item.customs[index].name, "a custom field's name").unsafeString()
    }

    /// The type (`text`, `password`, `totp`) and value of the custom field at `index`, if there is one.
    public func custom(at index: Int) throws(ClientError) -> (type: String, value: SecureBytes)? {
        guard self.item.customs.indices.contains(index) else { return nil }
        let custom = self.item.customs[index]
        return (
            try self.decrypt(custom.type, "a custom field's type").unsafeString(),
            try self.decrypt(custom.value, "a custom field's value")
        )
    }

    /// Everything at once, for the files that show the whole item (`.json`, `.env`).
    public func all() throws(ClientError) -> DecryptedItem { try SecretReader.decrypt(self.item, with: self.key) }

    private func decrypt(_ wire: String, _ what: String) throws(ClientError) -> SecureBytes {
        do {
            return try self.key.decryptText(wire)
        } catch {
            throw .decryptionFailed("\(what) of item \(self.item.id) (\(error.code))")
        }
    }
}
