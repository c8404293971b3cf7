public import PassworkModels

/// The rest of the connector's calls (docs/wire-format.md, "Endpoints"): app metadata, vault types, user roles,
/// folders, snapshots, deletion to the Bin.
extension PassworkClient {
    public func appFeatures() async throws(ClientError) -> [AppFeature] {
        try await self.call([AppFeature].self, endpoint: Endpoints.appFeatures.path())
    }

    public func appSettings() async throws(ClientError) -> AppSettings {
        try await self.call(AppSettings.self, endpoint: Endpoints.appSettings.path())
    }

    public func vaultTypes() async throws(ClientError) -> [VaultType] {
        try await self.call(ListResponse<VaultType>.self, endpoint: Endpoints.vaultTypes.path()).items
    }

    public func userRoles() async throws(ClientError) -> [UserRole] {
        try await self.call(ListResponse<UserRole>.self, endpoint: Endpoints.userRoles.path()).items
    }

    public func createFolder(_ request: FolderCreateRequest) async throws(ClientError) -> String {
        try await self.call(IDResponse.self, method: "POST", endpoint: Endpoints.folders.path(), body: request).id
    }

    public func snapshot(itemId: String, snapshotId: String) async throws(ClientError) -> Snapshot {
        try await self.call(Snapshot.self, endpoint: Endpoints.itemSnapshot.path(itemId, snapshotId))
    }

    /// Moves an item to the Bin; returns its id there.
    public func deleteItem(id: String) async throws(ClientError) -> String {
        try await self.call(BinItemResponse.self, method: "DELETE", endpoint: Endpoints.item.path(id)).binItemId
    }
}
