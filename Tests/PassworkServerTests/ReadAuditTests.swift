import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

/// Every route that hands out an item's ciphertext records who got it: not only `GET items/{id}`, but the
/// searches, shortcuts, snapshots and their attachments, also inside a batch. A read the caller is refused
/// records nothing, and neither does a route that returns no ciphertext.
@Suite("Server read events on every ciphertext route")
struct ReadAuditTests {
    /// The events of `action`, as an administrator reads them through the audit endpoint (which stores
    /// the queued events first).
    static func events(_ harness: Harness, _ admin: Account, _ action: AuditAction) async throws -> [AuditEvent] {
        let query = AuditEventsQuery(action: action, limit: AuditEventsQuery.maxLimit)
        let answer = try await harness.send(.get, "/api/v1/audit/events?" + query.queryString, token: admin.accessToken)
        #expect(answer.status == 200)
        return try answer.decode(AuditEventsPage.self).events
    }

    /// Two items tagged `prod` in one vault (the first with a snapshot), and a shortcut to the first in a
    /// second vault.
    struct Fixture {
        let alice: Account
        let vaultId: String
        let otherVaultId: String
        let itemIds: [String]
        let shortcutId: String
        let snapshotId: String
        let snapshotAttachmentId: String
    }

    static func fixture(_ harness: Harness) async throws -> Fixture {
        let alice = try await harness.account("alice", role: .admin)
        let vaultId = try await harness.vault(alice, name: "Source")
        let otherVaultId = try await harness.vault(alice, name: "Target")
        let first = try await harness.item(alice, vaultId: vaultId, name: "First", tags: ["prod"])
        let second = try await harness.item(alice, vaultId: vaultId, name: "Second", tags: ["prod"])
        let patch = try await harness.send(
            .patch,
            "/api/v1/items/\(first)",
            token: alice.accessToken,
            body: ItemUpdateRequest(passwordEncrypted: "cipher-2")
        )
        #expect(patch.status == 200)
        let snapshots = try await harness.send(.get, "/api/v1/items/\(first)/snapshots", token: alice.accessToken)
            .decode(ListResponse<SnapshotSummary>.self).items
        let snapshotId = try #require(snapshots.first?.id)
        let shortcut = try await harness.send(
            .post,
            "/api/v1/shortcuts",
            token: alice.accessToken,
            body: ShortcutCreateRequest(vaultId: otherVaultId, itemId: first, keyEncrypted: "item-key-under-target")
        )
        #expect(shortcut.status == 200)
        let item = try await harness.send(.get, "/api/v1/items/\(first)", token: alice.accessToken).decode(Item.self)
        return Fixture(
            alice: alice,
            vaultId: vaultId,
            otherVaultId: otherVaultId,
            itemIds: [first, second],
            shortcutId: try shortcut.decode(IDResponse.self).id,
            snapshotId: snapshotId,
            snapshotAttachmentId: try #require(item.attachments.first?.id)
        )
    }

    @Test("an item search records one read per item it returns", arguments: Engine.all)
    func itemSearch(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let fixture = try await Self.fixture(harness)
            let query = ItemSearchQuery(tags: ["prod"], vaultIds: [fixture.vaultId])
            let found = try await harness.send(
                .get,
                "/api/v1/items/search?" + query.queryString,
                token: fixture.alice.accessToken
            ).decode(ListResponse<Item>.self)
            #expect(Set(found.items.map(\.id)) == Set(fixture.itemIds))

            let events = try await Self.events(harness, fixture.alice, .apiItemSearch)
            #expect(Set(events.map(\.itemId)) == Set(fixture.itemIds))
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.vaultId == fixture.vaultId && $0.result == .ok })
            // The event names the reader, so a non-administrator sees it among their own.
            let own = try await harness.send(
                .get,
                "/api/v1/audit/events?itemId=\(fixture.itemIds[1])",
                token: fixture.alice.accessToken
            ).decode(AuditEventsPage.self)
            #expect(own.events.map(\.action) == [.apiItemSearch])

            // A search that finds nothing records nothing.
            let none = ItemSearchQuery(tags: ["none"])
            _ = try await harness.send(
                .get,
                "/api/v1/items/search?" + none.queryString,
                token: fixture.alice.accessToken
            )
            #expect(try await Self.events(harness, fixture.alice, .apiItemSearch).count == 2)
        }
    }

    @Test("a shortcut read and a shortcut search record the target item, with the shortcut", arguments: Engine.all)
    func shortcuts(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let fixture = try await Self.fixture(harness)
            let token = fixture.alice.accessToken
            let read = try await harness.send(.get, "/api/v1/shortcuts/\(fixture.shortcutId)", token: token)
            #expect(read.status == 200)
            let reads = try await Self.events(harness, fixture.alice, .apiShortcutRead)
            #expect(reads.map(\.itemId) == [fixture.itemIds[0]])
            #expect(reads.map(\.vaultId) == [fixture.vaultId])
            #expect(reads.map(\.field) == [fixture.shortcutId])

            let query = ItemSearchQuery(tags: ["prod"], vaultIds: [fixture.otherVaultId])
            let found = try await harness.send(.get, "/api/v1/shortcuts/search?" + query.queryString, token: token)
                .decode(ListResponse<ShortcutResponse>.self)
            #expect(found.items.map(\.shortcut.id) == [fixture.shortcutId])
            let searches = try await Self.events(harness, fixture.alice, .apiShortcutSearch)
            #expect(searches.map(\.itemId) == [fixture.itemIds[0]])
            #expect(searches.map(\.field) == [fixture.shortcutId])

            // Someone who cannot see the shortcut gets a 404 and no event.
            let bob = try await harness.account("bob")
            let refused = try await harness.send(
                .get,
                "/api/v1/shortcuts/\(fixture.shortcutId)",
                token: bob.accessToken
            )
            #expect(refused.status == 404)
            #expect(try await Self.events(harness, fixture.alice, .apiShortcutRead).count == 1)
        }
    }

    @Test("a snapshot and a snapshot's attachment are recorded; the list of snapshots is not", arguments: Engine.all)
    func snapshots(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let fixture = try await Self.fixture(harness)
            let token = fixture.alice.accessToken
            let itemId = fixture.itemIds[0]
            let snapshot = try await harness.send(
                .get,
                "/api/v1/items/\(itemId)/snapshot/\(fixture.snapshotId)",
                token: token
            )
            #expect(snapshot.status == 200)
            let reads = try await Self.events(harness, fixture.alice, .apiSnapshotRead)
            #expect(reads.map(\.itemId) == [itemId])
            #expect(reads.map(\.vaultId) == [fixture.vaultId])
            #expect(reads.map(\.field) == [fixture.snapshotId])

            let attachment = try await harness.send(
                .get,
                "/api/v1/snapshots/\(fixture.snapshotId)/attachment/\(fixture.snapshotAttachmentId)",
                token: token
            )
            #expect(attachment.status == 200)
            let attachmentReads = try await Self.events(harness, fixture.alice, .apiSnapshotAttachmentRead)
            #expect(attachmentReads.map(\.itemId) == [itemId])
            #expect(attachmentReads.map(\.field) == ["a.txt"])

            // Only ids and dates: nothing encrypted is handed out, nothing is recorded.
            let before = try await harness.send(.get, "/api/v1/audit/events?itemId=\(itemId)", token: token)
                .decode(AuditEventsPage.self).events.count
            _ = try await harness.send(.get, "/api/v1/items/\(itemId)/snapshots", token: token)
            let after = try await harness.send(.get, "/api/v1/audit/events?itemId=\(itemId)", token: token)
                .decode(AuditEventsPage.self).events.count
            #expect(after == before)
        }
    }

    @Test("the sub-requests of a batch record their reads as the same requests alone do", arguments: Engine.all)
    func batch(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let fixture = try await Self.fixture(harness)
            let search = ItemSearchQuery(tags: ["prod"], vaultIds: [fixture.vaultId])
            let requests = [
                BatchRequestEntry(relativeUrl: "/api/v1/items/\(fixture.itemIds[1])"),
                BatchRequestEntry(relativeUrl: "/api/v1/items/search?" + search.queryString),
                BatchRequestEntry(relativeUrl: "/api/v1/shortcuts/\(fixture.shortcutId)"),
                BatchRequestEntry(
                    relativeUrl: "/api/v1/items/\(fixture.itemIds[0])/snapshot/\(fixture.snapshotId)"
                ),
            ]
            let answer = try await harness.send(
                .post,
                "/api/v1/batch",
                token: fixture.alice.accessToken,
                body: BatchRequest(requests: requests)
            )
            #expect(try answer.decode(BatchResponse.self).responses.map(\.statusCode) == [200, 200, 200, 200])

            // The fixture itself read the first item once (GET items/{id}); the batch read the second.
            let itemReads = try await Self.events(harness, fixture.alice, .apiItemRead)
            #expect(itemReads.map(\.itemId).sorted() == fixture.itemIds.sorted())
            #expect(
                Set(try await Self.events(harness, fixture.alice, .apiItemSearch).map(\.itemId)) == Set(fixture.itemIds)
            )
            #expect(try await Self.events(harness, fixture.alice, .apiShortcutRead).count == 1)
            #expect(try await Self.events(harness, fixture.alice, .apiSnapshotRead).count == 1)
        }
    }
}
