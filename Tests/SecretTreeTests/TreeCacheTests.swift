import PassworkClient
import PassworkModels
import SecretCrypto
import Testing

@testable import SecretTree

/// Freshness on a clock the test moves: TTLs, stale serving while the server is down, the quiet period.
@Suite struct TreeCacheTests {
    private static let down = ClientError.serverUnreachable("127.0.0.1:1", "connection refused")

    @Test func withinTheTTLNothingIsFetchedAgain() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.vault("v1"))
        fixture.clock.advance(by: Fixture.ttl - .seconds(1))
        _ = try await fixture.names(.vault("v1"))
        _ = try await fixture.text("Ops/DB/postgres/password")
        #expect(fixture.source.calls("items") == 1)
        fixture.clock.advance(by: .seconds(1))
        _ = try await fixture.names(.vault("v1"))
        #expect(fixture.source.calls("items") == 2)
    }

    @Test func aDeadServerIsServedStaleUntilMaxStale() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.text("Ops/DB/postgres/password") == "s3cret-pw")
        fixture.source.fail(with: Self.down)
        fixture.clock.advance(by: Fixture.ttl + .seconds(1))
        #expect(try await fixture.text("Ops/DB/postgres/password") == "s3cret-pw")
        #expect(fixture.tree.isServingStale)
        #expect(fixture.tree.extendedAttributes(of: .item("i1"))["user.secretfs.stale"] == "1")
        fixture.clock.advance(by: Fixture.maxStale)
        await #expect(throws: ClientError.serverUnreachable("", "")) {
            try await fixture.text("Ops/DB/postgres/password")
        }
    }

    @Test func afterAFailureTheServerIsLeftAloneForTheQuietPeriod() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.root)
        fixture.source.fail(with: Self.down)
        fixture.clock.advance(by: Fixture.ttl)
        _ = try await fixture.names(.root)
        let attempts = fixture.source.calls("vaults")
        // Everything expired is answered from the cache at once, without asking the dead server again.
        _ = try await fixture.names(.root)
        await #expect(throws: ClientError.serverUnreachable("", "")) { try await fixture.names(.vault("v1")) }
        #expect(fixture.source.calls("vaults") == attempts)
        #expect(fixture.source.calls("items") == 0)
        fixture.clock.advance(by: .seconds(3))
        _ = try await fixture.names(.root)
        #expect(fixture.source.calls("vaults") == attempts + 1)
    }

    @Test func aServerThatCameBackIsServedFreshAgain() async throws {
        let fixture = try Fixture()
        _ = try await fixture.text("Ops/api/password")
        fixture.source.fail(with: Self.down)
        fixture.clock.advance(by: Fixture.ttl)
        _ = try await fixture.text("Ops/api/password")
        #expect(fixture.tree.isServingStale)
        fixture.source.fail(with: nil)
        try fixture.source.changeItem("i2") { item, key in
            item.passwordEncrypted = try key.encryptText(.init(utf8: "new"))
        }
        fixture.clock.advance(by: .seconds(3))
        #expect(try await fixture.text("Ops/api/password") == "new")
        #expect(!fixture.tree.isServingStale)
        #expect(fixture.tree.extendedAttributes(of: .item("i2"))["user.secretfs.stale"] == "0")
    }

    @Test func withNothingCachedADeadServerIsAnError() async throws {
        let fixture = try Fixture()
        fixture.source.fail(with: Self.down)
        await #expect(throws: ClientError.serverUnreachable("", "")) { try await fixture.names(.root) }
    }

    @Test func aDeletedItemIsNotServedStale() async throws {
        let fixture = try Fixture()
        _ = try await fixture.text(".by-id/i2/password")
        fixture.source.removeItem("i2")
        fixture.clock.advance(by: Fixture.ttl)
        await #expect(throws: ClientError.notFound("")) {
            try await fixture.tree.open(.file(itemId: "i2", file: .password))
        }
    }

    @Test func aRefusalIsNotServedStale() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.root)
        fixture.source.fail(with: .forbidden("vault access revoked"))
        fixture.clock.advance(by: Fixture.ttl)
        await #expect(throws: ClientError.forbidden("")) { try await fixture.names(.root) }
        #expect(!fixture.tree.isServingStale)
    }
}
