import PassworkClient
import PassworkModels
import Synchronization

/// Items: fetched whole when a file of theirs is used, summarised for listings, and where each one is.
extension SecretTree {
    /// The item's summary, with its custom fields' names decrypted (nil if they cannot be).
    func summary(of item: Item) -> ItemSummary {
        ItemSummary(
            item: item,
            customNames: try? ItemFields(item: item, key: self.source.itemKey(for: item)).customNames()
        )
    }

    /// The summary of an item from its vault's listing, while that listing is fresh.
    func listedSummary(of itemId: String) -> ItemSummary? {
        guard let summary = self.summaries.withLock({ $0[itemId] }),
            self.itemLists.freshValue(for: summary.vaultId) != nil
        else { return nil }
        return summary
    }

    /// Where an item is, from the item cache or its vault's listing (for xattrs and audit events).
    func location(of itemId: String) -> (vaultId: String, folderId: String?)? {
        if let item = self.items.peek(itemId) { return (item.vaultId, item.folderId) }
        return self.summaries.withLock { $0[itemId] }.map { ($0.vaultId, $0.folderId) }
    }

    func item(_ itemId: String) async throws(ClientError) -> Item {
        let before = self.items.peek(itemId)
        let item = try await self.items.value(for: itemId) { () throws(ClientError) in
            try await self.source.item(id: itemId)
        }
        if let before, before != item { self.forgetItem(itemId, from: before, to: item) }
        return item
    }

    /// An item changed on the server: its files' sizes may differ, and names in its directory came or went
    /// (custom fields, attachments).
    func forgetItem(_ itemId: String, from old: Item, to new: Item) {
        self.changes?.itemChanged(itemId)
        self.forgetChangedNames(of: self.summary(of: old), to: self.summary(of: new))
    }

    /// The names of an item's directory that differ between two summaries of it.
    func forgetChangedNames(of old: ItemSummary, to new: ItemSummary) {
        self.changes?.listingChanged(
            in: .item(new.id),
            from: Listing.byName(ItemContent.entries(of: old)),
            to: Listing.byName(ItemContent.entries(of: new))
        )
    }

    /// The item, ready to decrypt field by field.
    func fields(of itemId: String) async throws(ClientError) -> ItemFields {
        let item = try await self.item(itemId)
        return ItemFields(item: item, key: try self.source.itemKey(for: item))
    }
}
