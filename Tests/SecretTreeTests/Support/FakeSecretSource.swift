import PassworkClient
import PassworkModels
import SecretCrypto
import SecretTree
import Synchronization

/// A server in memory: vaults, folders and items encrypted as a real client encrypts them (each item with a
/// key of its own), a switch that makes every call fail as a dead or refusing server would, and a count of
/// the calls made, so tests can tell a cache hit from a fetch.
final class FakeSecretSource: SecretSource {
    struct CustomField {
        var name: String
        var value: String
        var type = "text"
    }

    private struct State {
        var vaults: [Vault] = []
        var folders: [String: [Folder]] = [:]
        var items: [Item] = []
        var keys: [String: ItemKey] = [:]
        var attachments: [String: SecureBytes] = [:]
        var failure: ClientError?
        var calls: [String: Int] = [:]
    }

    private let state = Mutex(State())

    /// Every call fails with `error` from now on (nil: the server answers again).
    func fail(with error: ClientError?) { self.state.withLock { $0.failure = error } }

    /// How many times `call` (`vaults`, `folders`, `items`, `item`, `attachment`) was made.
    func calls(_ call: String) -> Int { self.state.withLock { $0.calls[call, default: 0] } }

    private func answer<Value>(_ call: String, _ body: (inout State) throws(ClientError) -> Value) throws(ClientError)
        -> Value
    {
        try self.state.withLock { (state: inout State) throws(ClientError) -> Value in
            state.calls[call, default: 0] += 1
            if let failure = state.failure { throw failure }
            return try body(&state)
        }
    }

    // MARK: - Building the server's data

    func addVault(_ id: String, name: String) {
        self.state.withLock { $0.vaults.append(Vault(id: id, name: name)) }
    }

    func renameVault(_ id: String, to name: String) {
        self.state.withLock { state in
            if let index = state.vaults.firstIndex(where: { $0.id == id }) { state.vaults[index].name = name }
        }
    }

    func addFolder(_ id: String, name: String, vaultId: String, parent: String? = nil) {
        self.state.withLock { state in
            state.folders[vaultId, default: []].append(
                Folder(id: id, name: name, vaultId: vaultId, parentFolderId: parent)
            )
        }
    }

    /// Adds an item, encrypted with a fresh item key.
    func addItem(
        _ id: String,
        vaultId: String,
        folderId: String? = nil,
        name: String,
        password: String = "",
        login: String = "",
        url: String = "",
        description: String? = nil,
        customs: [CustomField] = [],
        attachments: [(id: String, name: String, data: String)] = []
    ) throws {
        let key = try ItemKey.generate()
        var item = Item(id: id, vaultId: vaultId, folderId: folderId, name: name, login: login, url: url)
        item.description = description
        item.passwordEncrypted = try key.encryptText(SecureBytes(utf8: password))
        item.customs = try customs.map { field in
            let encrypted = try key.encryptCustomField(
                DecryptedCustomField(
                    name: SecureBytes(utf8: field.name),
                    value: SecureBytes(utf8: field.value),
                    type: SecureBytes(utf8: field.type)
                )
            )
            return PassworkModels.CustomField(name: encrypted.name, value: encrypted.value, type: encrypted.type)
        }
        item.attachments = attachments.map { ItemAttachment(id: $0.id, name: $0.name, encryptedKey: "") }
        self.state.withLock { state in
            state.items.removeAll { $0.id == id }
            state.items.append(item)
            state.keys[id] = key
            for attachment in attachments {
                state.attachments[id + "/" + attachment.id] = SecureBytes(utf8: attachment.data)
            }
        }
    }

    /// Changes an item in place (its key stays): `change` gets the item and its key.
    func changeItem(_ id: String, _ change: (inout Item, ItemKey) throws -> Void) throws {
        try self.state.withLock { state in
            guard let index = state.items.firstIndex(where: { $0.id == id }), let key = state.keys[id] else { return }
            try change(&state.items[index], key)
        }
    }

    func removeItem(_ id: String) { self.state.withLock { $0.items.removeAll { $0.id == id } } }

    // MARK: - SecretSource

    func vaults() async throws(ClientError) -> [Vault] {
        try self.answer("vaults") { (state: inout State) throws(ClientError) in state.vaults }
    }

    func folders(vaultId: String) async throws(ClientError) -> [Folder] {
        try self.answer("folders") { (state: inout State) throws(ClientError) in state.folders[vaultId] ?? [] }
    }

    func forEachItem(vaultId: String, _ body: (Item) -> Void) async throws(ClientError) {
        let items = try self.answer("items") { (state: inout State) throws(ClientError) in
            state.items.filter { $0.vaultId == vaultId }
        }
        for item in items { body(item) }
    }

    func item(id: String) async throws(ClientError) -> Item {
        try self.answer("item") { (state: inout State) throws(ClientError) in
            guard let item = state.items.first(where: { $0.id == id }) else { throw .notFound("item \(id)") }
            return item
        }
    }

    func itemKey(for item: Item) throws(ClientError) -> ItemKey {
        guard let key = self.state.withLock({ $0.keys[item.id] }) else { throw .decryptionFailed("no key") }
        return key
    }

    func attachment(of item: Item, id: String) async throws(ClientError) -> SecureBytes {
        try self.answer("attachment") { (state: inout State) throws(ClientError) in
            guard let data = state.attachments[item.id + "/" + id] else { throw .notFound("attachment \(id)") }
            return SecureBytes(data.unsafeArray())
        }
    }
}
