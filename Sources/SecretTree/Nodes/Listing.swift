/// A vault's directory (folder nil) or one of its folders.
struct ListingKey: Hashable, Sendable {
    let vaultId: String
    let folderId: String?
}

/// A built directory: its entries in order and by name, and the versions of the lists it was built from.
struct Listing: Sendable {
    let versions: [UInt64]
    let entries: [TreeEntry]
    let byName: [String: TreeEntry]

    init(versions: [UInt64], entries: [TreeEntry]) {
        self.versions = versions
        self.entries = entries
        self.byName = Self.byName(entries)
    }

    /// Entries by name (the first of a name wins; names are made unique before this).
    static func byName(_ entries: [TreeEntry]) -> [String: TreeEntry] {
        Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
