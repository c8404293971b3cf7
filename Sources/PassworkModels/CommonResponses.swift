/// `{"id": "..."}`: the answer to every create call (`POST /api/v1/items`, `/vaults`, `/users`, `/shortcuts`, ...).
public struct IDResponse: Codable, Sendable, Equatable {
    /// The new object's id.
    public var id: String

    /// Creates the response.
    public init(id: String) {
        self.id = id
    }
}

/// `{"binItemId": "..."}`: the answer to `DELETE` of an item or folder, which moves it to the Bin.
public struct BinItemResponse: Codable, Sendable, Equatable {
    /// The id of the Bin entry now holding the deleted object.
    public var binItemId: String

    /// Creates the response.
    public init(binItemId: String) {
        self.binItemId = binItemId
    }
}

/// `{"items": [...]}`: the list shape Passwork uses for searches, roles, vault types and folders.
public struct ListResponse<Element: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The listed elements.
    public var items: [Element]

    /// Creates the list.
    public init(items: [Element]) {
        self.items = items
    }
}
