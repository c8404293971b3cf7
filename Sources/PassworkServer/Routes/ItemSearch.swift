import Foundation
import PassworkModels

/// The search of `items/search` and `shortcuts/search`: every given criterion must hold (AND), within the
/// vaults the caller can read.
struct ItemSearch: Sendable {
    let context: RouteContext
    let caller: Caller

    /// The readable vaults, narrowed to `vaultIds` when given, with the caller's memberships.
    func vaults(_ vaultIds: [String]?) async throws -> [String: VaultMemberRecord] {
        var members: [String: VaultMemberRecord] = [:]
        for entry in try await self.context.repository.vaults(userId: self.caller.user.id) {
            if let vaultIds, !vaultIds.contains(entry.vault.id) { continue }
            members[entry.vault.id] = entry.member
        }
        return members
    }

    /// Matching items with the caller's membership of their vault.
    func items(_ query: ItemSearchQuery) async throws -> [(ItemRecord, VaultMemberRecord)] {
        let members = try await self.vaults(query.vaultIds)
        let records = try await self.context.repository.items(
            vaultIds: members.keys.sorted(),
            folderIds: query.folderIds
        )
        return records.compactMap { record in
            guard Self.matches(record.item, query), let member = members[record.item.vaultId] else { return nil }
            return (record, member)
        }
    }

    /// Whether an item meets the non-location criteria.
    static func matches(_ item: Item, _ query: ItemSearchQuery) -> Bool {
        if let tags = query.tags, !tags.isEmpty {
            let lowered = Set(item.tags.map { $0.lowercased() })
            guard tags.allSatisfy({ lowered.contains($0.lowercased()) }) else { return false }
        }
        if let colors = query.colorCodes, !colors.isEmpty, !colors.contains(item.color) { return false }
        if let url = query.url, !url.isEmpty, !item.url.localizedCaseInsensitiveContains(url) { return false }
        if let text = query.query?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let haystack = [item.name, item.login, item.url, item.description ?? ""] + item.tags
            guard haystack.contains(where: { $0.localizedCaseInsensitiveContains(text) }) else { return false }
        }
        return true
    }
}
