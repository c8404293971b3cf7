import Foundation
import HTTPTypes
import HummingbirdTesting
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Server audit queue")
struct AuditQueueTests {
    static func pending(itemId: String) -> PendingAuditEvent {
        PendingAuditEvent(
            date: Date(),
            action: AuditAction.apiItemRead,
            userId: nil,
            itemId: itemId,
            vaultId: "vault-1",
            field: nil,
            bytes: 0,
            result: AuditResult.ok
        )
    }

    /// The item reads stored for `itemId`, read from the database (not through the endpoint, which flushes).
    static func storedReads(_ repository: any Repository, itemId: String) async throws -> Int {
        var count = 0
        var cursor: String?
        repeat {
            let query = AuditEventsQuery(
                itemId: itemId,
                action: AuditAction.apiItemRead,
                cursor: cursor,
                limit: AuditEventsQuery.maxLimit
            )
            let page = try await repository.auditEvents(AuditFilter(query: query, userId: nil))
            count += page.events.count
            cursor = page.nextCursor
        } while cursor != nil
        return count
    }

    @Test("the events queued by the last requests are stored when the server shuts down", arguments: Engine.all)
    func storedOnShutdown(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, database: database.location)
            let app = try await buildApplication(configuration: configuration, logger: TestDatabase.logger)
            let itemId = try await app.test(.router) { client in
                let harness = Harness(database: database, client: client)
                let alice = try await harness.account("alice")
                let itemId = try await harness.item(alice, vaultId: try await harness.vault(alice))
                for _ in 0..<3 {
                    let answer = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
                    #expect(answer.status == 200)
                }
                return itemId
            }
            // The test client has shut the application down gracefully (as SIGTERM does).
            let stored = try await database.withRepository { try await Self.storedReads($0, itemId: itemId) }
            #expect(stored == 3)
        }
    }

    @Test("a full queue drops and counts new events; a flush stores the rest in batches", arguments: Engine.all)
    func boundedQueue(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.withRepository { repository in
                let queue = AuditQueue(repository: repository, logger: TestDatabase.logger, capacity: 1_200)
                for _ in 0..<1_203 { queue.append(Self.pending(itemId: "item-1")) }
                #expect(queue.pendingCount == 1_200)
                #expect(queue.droppedCount == 3)
                await queue.flush()
                #expect(queue.pendingCount == 0)
                let stored = try await Self.storedReads(repository, itemId: "item-1")
                #expect(stored == 1_200)
            }
        }
    }

    @Test("events queued together (a search's reads) take the room left; the rest are dropped", arguments: Engine.all)
    func boundedQueueForMany(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.withRepository { repository in
                let queue = AuditQueue(repository: repository, logger: TestDatabase.logger, capacity: 1_200)
                queue.append(contentsOf: Array(repeating: Self.pending(itemId: "item-3"), count: 1_000))
                queue.append(contentsOf: [])
                queue.append(contentsOf: Array(repeating: Self.pending(itemId: "item-3"), count: 203))
                #expect(queue.pendingCount == 1_200)
                #expect(queue.droppedCount == 3)
                await queue.flush()
                let stored = try await Self.storedReads(repository, itemId: "item-3")
                #expect(stored == 1_200)
            }
        }
    }

    @Test("a batch of uploaded events larger than one INSERT is stored once", arguments: Engine.all)
    func largeBatch(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.withRepository { repository in
                let records = (0..<1_127).map { _ in
                    Self.pending(itemId: "item-2").record(host: "test")
                }
                let first = try await repository.insertAuditEvents(records, receivedAt: 0)
                let replay = try await repository.insertAuditEvents(records, receivedAt: 0)
                let stored = try await Self.storedReads(repository, itemId: "item-2")
                #expect(first == records.count)
                #expect(replay == 0)
                #expect(stored == records.count)
            }
        }
    }
}
