import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Audit endpoint")
struct AuditTests {
    static func event(item: String, minute: Int) -> AuditEvent {
        AuditEvent(
            id: UUID().uuidString.lowercased(),
            time: String(format: "2026-01-02T03:%02d:05.678Z", minute),
            action: AuditAction.read,
            itemId: item,
            vaultId: "vault-1",
            field: "password",
            bytes: 12,
            result: AuditResult.ok,
            caller: AuditCaller(uid: 1000, gid: 1000, pid: 42, exe: "/usr/bin/cat"),
            host: "host-1",
            mount: "/mnt/secrets"
        )
    }

    @Test("the same batch posted twice stores each event once", arguments: Engine.all)
    func idempotent(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let events = (0..<5).map { Self.event(item: "item-\($0 % 2)", minute: $0) }
            let first = try await harness.send(
                .post,
                "/api/v1/audit/events",
                token: alice.accessToken,
                body: AuditEventsRequest(events: events)
            )
            #expect(try first.decode(AuditEventsAcceptedResponse.self).accepted == 5)
            let replay = try await harness.send(
                .post,
                "/api/v1/audit/events",
                token: alice.accessToken,
                body: AuditEventsRequest(events: events + events)
            )
            #expect(try replay.decode(AuditEventsAcceptedResponse.self).accepted == 0)

            let all = try await harness.send(.get, "/api/v1/audit/events?action=read", token: alice.accessToken)
            #expect(try all.decode(AuditEventsPage.self).events.map(\.id) == events.map(\.id))
        }
    }

    @Test("filters and the cursor page through events", arguments: Engine.all)
    func filtersAndCursor(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let events = (0..<7).map { Self.event(item: "item-\($0 % 2)", minute: $0) }
            _ = try await harness.send(
                .post,
                "/api/v1/audit/events",
                token: alice.accessToken,
                body: AuditEventsRequest(events: events)
            )
            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = AuditEventsQuery(itemId: "item-0", cursor: cursor, limit: 2)
                let page = try await harness.send(
                    .get,
                    "/api/v1/audit/events?" + query.queryString,
                    token: alice.accessToken
                ).decode(AuditEventsPage.self)
                seen += page.events.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == events.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.id))

            let ranged = AuditEventsQuery(action: .read, from: "2026-01-02T03:02:00Z", to: "2026-01-02T03:04:00Z")
            let page = try await harness.send(
                .get,
                "/api/v1/audit/events?" + ranged.queryString,
                token: alice.accessToken
            )
            #expect(try page.decode(AuditEventsPage.self).events.map(\.id) == [events[2].id, events[3].id])
        }
    }

    @Test("bad uploads are refused whole; the server records item reads and failed logins", arguments: Engine.all)
    func validationAndServerEvents(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice", role: .admin)
            var bad = Self.event(item: "x", minute: 1)
            bad.id = "not-a-uuid"
            let refused = try await harness.send(
                .post,
                "/api/v1/audit/events",
                token: alice.accessToken,
                body: AuditEventsRequest(events: [Self.event(item: "x", minute: 0), bad])
            )
            #expect(refused.status == 422)
            let tooMany = AuditEventsRequest(events: (0..<1001).map { _ in Self.event(item: "x", minute: 0) })
            let large = try await harness.send(.post, "/api/v1/audit/events", token: alice.accessToken, body: tooMany)
            #expect(large.status == 413)

            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId)
            _ = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
            _ = try await harness.send(.get, "/api/v1/vaults", token: "not-a-token")
            let reads = try await harness.send(
                .get,
                "/api/v1/audit/events?action=api.item.read&itemId=\(itemId)",
                token: alice.accessToken
            ).decode(AuditEventsPage.self)
            #expect(reads.events.count == 1)
            let failures = try await harness.send(
                .get,
                "/api/v1/audit/events?action=auth.failed",
                token: alice.accessToken
            )
            #expect(try failures.decode(AuditEventsPage.self).events.count == 1)
            let all = try await harness.send(.get, "/api/v1/audit/events", token: alice.accessToken)
            #expect(try all.decode(AuditEventsPage.self).events.allSatisfy { $0.id != "not-a-uuid" })
        }
    }
}
