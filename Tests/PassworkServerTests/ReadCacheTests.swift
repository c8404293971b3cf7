import Foundation
import HTTPTypes
import PassworkModels
import Synchronization
import Testing

@testable import PassworkServer

@Suite("Read caches")
struct ReadCacheTests {
    /// Counts the loads a cache makes.
    final class Loads: Sendable {
        private let count = Mutex(0)
        var value: Int { self.count.withLock { $0 } }
        func load(_ answer: String?) -> String? {
            self.count.withLock { $0 += 1 }
            return answer
        }
    }

    @Test("an entry is served only under the stamp it was read at; no stamp or no capacity reads through")
    func stamps() async throws {
        let cache = ReadCache<String, String>(capacity: 2)
        let loads = Loads()
        #expect(try await cache.value(for: "a", stamp: 1) { loads.load("a@1") } == "a@1")
        #expect(try await cache.value(for: "a", stamp: 1) { loads.load("wrong") } == "a@1")
        #expect(loads.value == 1)
        // The stamp moved: the old entry is gone, and an answer read under an older stamp is not kept.
        #expect(try await cache.value(for: "a", stamp: 2) { loads.load("a@2") } == "a@2")
        #expect(try await cache.value(for: "a", stamp: 1) { loads.load("a@1 again") } == "a@1 again")
        #expect(try await cache.value(for: "a", stamp: nil) { loads.load("no stamp") } == "no stamp")
        #expect(loads.value == 4)
        // Misses are not kept; a full cache starts again from empty.
        #expect(try await cache.value(for: "gone", stamp: 3) { loads.load(nil) } == nil)
        #expect(try await cache.value(for: "gone", stamp: 3) { loads.load(nil) } == nil)
        #expect(cache.count == 0)
        for key in ["x", "y", "z"] { _ = try await cache.value(for: key, stamp: 3) { loads.load(key) } }
        #expect(cache.count == 1)
        let off = ReadCache<String, String>(capacity: 0)
        for _ in 0..<2 { _ = try await off.value(for: "a", stamp: 1) { loads.load("a") } }
        #expect(loads.value == 11)
    }

    @Test(
        "cached sessions and item answers follow changes made through the API and by other writers",
        arguments: Engine.all
    )
    func coherence(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId, name: "first")
            let path = "/api/v1/items/\(itemId)"
            for _ in 0..<2 {
                #expect(try await harness.send(.get, path, token: alice.accessToken).decode(Item.self).name == "first")
            }

            // A change through this server is seen by the very next request.
            let patch = try await harness.send(
                .patch,
                path,
                token: alice.accessToken,
                body: ItemUpdateRequest(name: "second")
            )
            #expect(patch.status == 200)
            #expect(try await harness.send(.get, path, token: alice.accessToken).decode(Item.self).name == "second")

            // A change that does not move the stamp goes unseen: the answers really are cached, and the
            // stamp's triggers are what keeps them true. (On PostgreSQL the notification of this server's
            // own PATCH may still be on its way and empty the cache once more: hence a few tries.)
            var servedFromCache = false
            for attempt in 0..<5 where !servedFromCache {
                let cached = try await harness.send(.get, path, token: alice.accessToken).decode(Item.self).name
                try await Self.renameWithoutStamp(itemId, to: "unseen \(attempt)", in: harness.database)
                let name = try await harness.send(.get, path, token: alice.accessToken).decode(Item.self).name
                servedFromCache = name == cached
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(servedFromCache)

            // Changes by another writer of the database (the CLI, another replica): at once on SQLite,
            // where each request reads the stamp; on PostgreSQL once the notification arrives.
            try await harness.database.withRepository { repository in
                let old = try #require(try await repository.item(id: itemId))
                var record = old
                record.item.name = "third"
                let snapshot = SnapshotRecord(
                    id: TokenGenerator.id(),
                    item: old.item,
                    creatorId: alice.user.id,
                    createdAt: 0
                )
                try await repository.updateItem(record, snapshot: snapshot, newAttachments: [])
            }
            #expect(
                try await Self.eventually(engine) {
                    try await harness.send(.get, path, token: alice.accessToken).decode(Item.self).name == "third"
                }
            )
            _ = try await harness.database.withRepository { try await $0.revokeSessions(userId: alice.user.id) }
            #expect(
                try await Self.eventually(engine) {
                    try await harness.send(.get, path, token: alice.accessToken).status == 401
                }
            )
        }
    }

    /// Renames an item behind the stamp's back: on SQLite by moving the counter back, on PostgreSQL with
    /// the table's trigger disabled.
    static func renameWithoutStamp(_ itemId: String, to name: String, in database: TestDatabase) async throws {
        try await database.withRepository { repository in
            let sql = try #require(repository as? SQLRepository).database
            try await sql.transaction { executor in
                let rename = "UPDATE items SET name = ? WHERE id = ?"
                if sql.dialect == .sqlite {
                    _ = try await executor.query(rename, [.text(name), .text(itemId)])
                    _ = try await executor.query("UPDATE change_stamp SET value = value - 1 WHERE id = 1", [])
                } else {
                    _ = try await executor.query("ALTER TABLE items DISABLE TRIGGER items_stamp", [])
                    _ = try await executor.query(rename, [.text(name), .text(itemId)])
                    _ = try await executor.query("ALTER TABLE items ENABLE TRIGGER items_stamp", [])
                }
            }
        }
    }

    /// Whether `condition` holds: checked once on SQLite, and for up to 3 seconds on PostgreSQL.
    static func eventually(_ engine: Engine, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(engine == .sqlite ? 0 : 3)
        while true {
            if try await condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
