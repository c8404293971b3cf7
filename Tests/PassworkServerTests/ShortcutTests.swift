import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Shortcuts")
struct ShortcutTests {
    @Test("a shortcut answers the item keyed for its own vault, and is found by search", arguments: Engine.all)
    func shortcuts(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let source = try await harness.vault(alice, name: "Source", key: "key-of-source")
            let target = try await harness.vault(alice, name: "Target", key: "key-of-target")
            let itemId = try await harness.item(alice, vaultId: source, name: "Shared DB", tags: ["prod"])
            let created = try await harness.send(
                .post,
                "/api/v1/shortcuts",
                token: alice.accessToken,
                body: ShortcutCreateRequest(vaultId: target, itemId: itemId, keyEncrypted: "item-key-under-target")
            )
            #expect(created.status == 200)
            let shortcutId = try created.decode(IDResponse.self).id

            let shortcut = try await harness.send(.get, "/api/v1/shortcuts/\(shortcutId)", token: alice.accessToken)
                .decode(ShortcutResponse.self)
            #expect(shortcut.item.id == itemId)
            #expect(shortcut.item.keyEncrypted == "item-key-under-target")
            #expect(shortcut.item.vaultMasterKeyEncrypted == "key-of-target")
            #expect(shortcut.shortcut.id == shortcutId)
            #expect(shortcut.path.first?.name == "Target")

            let search = ItemSearchQuery(tags: ["prod"], vaultIds: [target])
            let found = try await harness.send(
                .get,
                "/api/v1/shortcuts/search?" + search.queryString,
                token: alice.accessToken
            ).decode(ListResponse<ShortcutResponse>.self)
            #expect(found.items.map(\.shortcut.id) == [shortcutId])

            let bob = try await harness.account("bob")
            #expect(
                try await harness.send(.get, "/api/v1/shortcuts/\(shortcutId)", token: bob.accessToken).status == 404
            )
        }
    }
}
