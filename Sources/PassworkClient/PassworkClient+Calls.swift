public import PassworkModels

/// The typed calls the connector makes (docs/wire-format.md, "Endpoints"), over
/// ``PassworkClient/call(_:method:endpoint:query:body:)``.
extension PassworkClient {
    public func masterKeyOptions() async throws(ClientError) -> MasterKeyOptionsResponse {
        try await self.call(MasterKeyOptionsResponse.self, endpoint: Endpoints.masterKeyOptions.path())
    }

    public func userKeys() async throws(ClientError) -> UserKeysResponse {
        try await self.call(UserKeysResponse.self, endpoint: Endpoints.userKeys.path())
    }

    public func publicKey(userId: String) async throws(ClientError) -> UserPublicKeyResponse {
        try await self.call(UserPublicKeyResponse.self, endpoint: Endpoints.userPublicKey.path(userId))
    }

    public func vaults() async throws(ClientError) -> [Vault] {
        try await self.call(VaultList.self, endpoint: Endpoints.vaults.path()).vaults
    }

    public func vault(id: String) async throws(ClientError) -> Vault {
        try await self.call(Vault.self, endpoint: Endpoints.vault.path(id))
    }

    public func folders(vaultId: String) async throws(ClientError) -> [Folder] {
        try await self.call(
            ListResponse<Folder>.self,
            endpoint: Endpoints.folders.path(),
            query: FolderListQuery(vaultId: vaultId).queryParameters
        ).items
    }

    public func item(id: String) async throws(ClientError) -> Item {
        try await self.call(Item.self, endpoint: Endpoints.item.path(id))
    }

    public func searchItems(_ query: ItemSearchQuery) async throws(ClientError) -> [Item] {
        var items: [Item] = []
        try await self.searchItems(query) { items.append($0) }
        return items
    }

    /// Hands each item found to `body` as soon as it is decoded: a vault's list can be thousands of items, and
    /// the caller may keep much less of each than the whole item.
    public func searchItems(_ query: ItemSearchQuery, each body: (Item) -> Void) async throws(ClientError) {
        let endpoint = Endpoints.itemSearch.path()
        let data = try await self.call(method: "GET", endpoint: endpoint, query: query.queryParameters)
        do {
            try ListResponse<Item>.forEachElement(in: data, body)
        } catch {
            throw .malformedResponse("\(endpoint): \(Self.describe(error))")
        }
    }

    public func searchShortcuts(_ query: ItemSearchQuery) async throws(ClientError) -> [Item] {
        try await self.call(
            ListResponse<Item>.self,
            endpoint: Endpoints.shortcutSearch.path(),
            query: query.queryParameters
        ).items
    }

    /// A shortcut's item, made decryptable through the shortcut's own vault: the server sends the item with
    /// the shortcut's `keyEncrypted` and the caller's key of the shortcut's vault.
    public func shortcutItem(id: String) async throws(ClientError) -> Item {
        let response = try await self.call(ShortcutResponse.self, endpoint: Endpoints.shortcut.path(id))
        var item = response.item
        item.vaultId = response.shortcut.vaultId
        return item
    }

    /// Several shortcuts' items through `batch` (ids the server does not answer with 200 are left out).
    public func shortcutItems(ids: [String]) async throws(ClientError) -> [Item] {
        try await self.batchGet(ids, path: Endpoints.shortcut, as: ShortcutResponse.self).map { response in
            var item = response.item
            item.vaultId = response.shortcut.vaultId
            return item
        }
    }

    public func attachment(itemId: String, attachmentId: String) async throws(ClientError) -> AttachmentResponse {
        try await self.call(AttachmentResponse.self, endpoint: Endpoints.itemAttachment.path(itemId, attachmentId))
    }

    /// Fetches items through `batch`, 25 at a time; ids the server does not answer with 200 are left out,
    /// as the connector does.
    public func items(ids: [String]) async throws(ClientError) -> [Item] {
        try await self.batchGet(ids, path: Endpoints.item, as: Item.self)
    }

    /// `GET path(id)` for every id through `batch`, at most 25 a call; the 200 answers decoded as `T`.
    private func batchGet<T: Decodable>(
        _ ids: [String],
        path: PathTemplate,
        as type: T.Type
    ) async throws(ClientError) -> [T] {
        var results: [T] = []
        for start in stride(from: 0, to: ids.count, by: BatchRequest.maxRequests) {
            let chunk = ids[start..<min(start + BatchRequest.maxRequests, ids.count)]
            let request = BatchRequest(
                requests: chunk.map { BatchRequestEntry(method: "GET", relativeUrl: path.path($0)) }
            )
            let answer = try await self.call(
                BatchResponse.self,
                method: "POST",
                endpoint: Endpoints.batch.path(),
                body: request
            )
            do {
                results += try answer.decodeSuccessfulBodies(as: type)
            } catch {
                throw .malformedResponse("batch: an answer of \(path): \(Self.describe(error))")
            }
        }
        return results
    }
}
