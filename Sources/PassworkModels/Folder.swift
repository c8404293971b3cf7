/// A folder inside a vault, as `GET /api/v1/folders/{id}` and `GET /api/v1/folders?vaultId=…` return it
/// (shape from a third-party port; unverified against Passwork).
public struct Folder: Codable, Sendable, Equatable {
    /// The folder's id.
    public var id: String
    /// The folder's name (plaintext to the client).
    public var name: String
    /// The vault holding the folder.
    public var vaultId: String
    /// The enclosing folder, or `nil` at the vault's root (encoded as `null`).
    public var parentFolderId: String?

    /// Creates a folder.
    public init(id: String, name: String, vaultId: String, parentFolderId: String? = nil) {
        self.id = id
        self.name = name
        self.vaultId = vaultId
        self.parentFolderId = parentFolderId
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, vaultId, parentFolderId
    }

    /// Encodes every key, with `parentFolderId` as `null` at the root.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.vaultId, forKey: .vaultId)
        try container.encode(self.parentFolderId, forKey: .parentFolderId)
    }
}

/// Body of `POST /api/v1/folders`; answered with ``IDResponse``.
public struct FolderCreateRequest: Codable, Sendable, Equatable {
    /// The new folder's name.
    public var name: String
    /// The vault to create it in.
    public var vaultId: String
    /// The enclosing folder; left out for the vault's root.
    public var parentFolderId: String?

    /// Creates the body.
    public init(name: String, vaultId: String, parentFolderId: String? = nil) {
        self.name = name
        self.vaultId = vaultId
        self.parentFolderId = parentFolderId
    }
}

/// Query of `GET /api/v1/folders`: `?vaultId=…`.
public struct FolderListQuery: QueryParametersConvertible, Equatable {
    /// The vault whose folders to list.
    public var vaultId: String

    /// Creates the query.
    public init(vaultId: String) {
        self.vaultId = vaultId
    }

    /// `vaultId=…`.
    public var queryParameters: [QueryParameter] {
        [QueryParameter("vaultId", self.vaultId)]
    }

    /// Reads the query; `vaultId` is required.
    public init(queryParameters: [String: [String]]) throws(PassworkModelsError) {
        guard let vaultId = QueryReader(queryParameters).string("vaultId"), !vaultId.isEmpty else {
            throw PassworkModelsError(.invalidQueryParameter, "vaultId is required")
        }
        self.vaultId = vaultId
    }
}
