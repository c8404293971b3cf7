/// Query of `GET /api/v1/items/search` and `GET /api/v1/shortcuts/search`; answered with
/// `ListResponse<Item>` / `ListResponse<ShortcutResponse>`.
///
/// Parameters go out in the connector's order (`query`, `url`, `tags[]`, `colorCodes[]`, `vaultIds[]`,
/// `folderIds[]`) and unset ones are left out. Lists are AND-combined by the server.
public struct ItemSearchQuery: QueryParametersConvertible, Equatable {
    /// Free text.
    public var query: String?
    /// URL to match.
    public var url: String?
    /// Tags that must all be present.
    public var tags: [String]?
    /// Colour codes to match.
    public var colorCodes: [Int]?
    /// Vaults to search in.
    public var vaultIds: [String]?
    /// Folders to search in.
    public var folderIds: [String]?

    /// Creates the query.
    public init(
        query: String? = nil,
        url: String? = nil,
        tags: [String]? = nil,
        colorCodes: [Int]? = nil,
        vaultIds: [String]? = nil,
        folderIds: [String]? = nil
    ) {
        self.query = query
        self.url = url
        self.tags = tags
        self.colorCodes = colorCodes
        self.vaultIds = vaultIds
        self.folderIds = folderIds
    }

    /// The parameters in the connector's order.
    public var queryParameters: [QueryParameter] {
        var parameters: [QueryParameter] = []
        if let query = self.query { parameters.append(.init("query", query)) }
        if let url = self.url { parameters.append(.init("url", url)) }
        if let tags = self.tags { parameters.append(.init("tags", tags)) }
        if let colorCodes = self.colorCodes { parameters.append(.init("colorCodes", colorCodes.map(String.init))) }
        if let vaultIds = self.vaultIds { parameters.append(.init("vaultIds", vaultIds)) }
        if let folderIds = self.folderIds { parameters.append(.init("folderIds", folderIds)) }
        return parameters
    }

    /// Reads the query; lists may arrive as `name[]` or `name`, and `colorCodes` must be integers.
    public init(queryParameters: [String: [String]]) throws(PassworkModelsError) {
        let reader = QueryReader(queryParameters)
        self.query = reader.string("query")
        self.url = reader.string("url")
        self.tags = reader.list("tags")
        self.colorCodes = try reader.intList("colorCodes")
        self.vaultIds = reader.list("vaultIds")
        self.folderIds = reader.list("folderIds")
    }
}
