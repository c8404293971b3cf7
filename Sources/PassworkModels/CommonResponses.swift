public import Foundation

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

    /// Decodes the elements of `{"items":[…]}` one at a time (see ``JSONArrayMember``) and hands each to `body`
    /// as soon as it is decoded: the same elements as a `JSONDecoder` of the whole text, with a fraction of its
    /// memory for a long list, and the caller can keep less than the whole list.
    public static func forEachElement(in data: Data, _ body: (Element) throws -> Void) throws {
        let decoder = JSONDecoder()
        let ranges = data.withUnsafeBytes { JSONArrayMember.elementRanges(of: "items", in: $0) }
        guard let ranges else {
            for element in try decoder.decode(ListResponse.self, from: data).items { try body(element) }
            return
        }
        let start = data.startIndex
        for range in ranges {
            try body(
                try decoder.decode(Element.self, from: data[(start + range.lowerBound)..<(start + range.upperBound)])
            )
        }
    }
}
