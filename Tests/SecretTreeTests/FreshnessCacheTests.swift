import PassworkClient
import Testing

@testable import SecretTree

@Suite struct FreshnessCacheTests {
    private func cache(ttl: Duration = .seconds(60), capacity: Int? = nil) -> FreshnessCache<String, Int> {
        FreshnessCache(ttl: ttl, maxStale: .seconds(3600), health: BackendHealth(), capacity: capacity)
    }

    @Test func aFreshValueIsServedWithoutFetchingAndAStaleOneIsFetchedAgain() async throws {
        let fresh = self.cache()
        #expect(try await fresh.value(for: "a") { () throws(ClientError) in 1 } == 1)
        #expect(try await fresh.value(for: "a") { () throws(ClientError) in 2 } == 1)
        #expect(fresh.freshValue(for: "a") == 1)

        let expired = self.cache(ttl: .zero)
        #expect(try await expired.value(for: "a") { () throws(ClientError) in 1 } == 1)
        #expect(try await expired.value(for: "a") { () throws(ClientError) in 2 } == 2)
        #expect(expired.freshValue(for: "a") == nil)
        #expect(expired.peek("a") == 2)
    }

    /// Past its capacity (and an eighth), the cache keeps the values used last, whether fetched or seeded.
    @Test func aBoundedCacheKeepsWhatWasUsedLast() async throws {
        let bounded = self.cache(capacity: 8)
        bounded.seed((0..<8).map { ("k\($0)", $0) })
        // k0 is used again: it is now among the latest.
        #expect(bounded.freshValue(for: "k0") == 0)
        bounded.seed((8..<10).map { ("k\($0)", $0) })
        // 10 is past 8 + 8 / 8: back to 8, without the two used least recently (k1 and k2; not k0).
        #expect(bounded.count == 8)
        #expect(bounded.peek("k0") == 0 && bounded.peek("k1") == nil && bounded.peek("k2") == nil)
        _ = try await bounded.value(for: "k10") { () throws(ClientError) in 10 }
        #expect(bounded.count == 9)
        #expect(bounded.peek("k10") == 10 && bounded.peek("k3") == 3)
    }

    @Test func seedingReportsWhatItReplaced() {
        let cache = self.cache()
        cache.seed([("a", 1)])
        #expect(cache.seed([("a", 2), ("b", 3)]) == ["a": 1])
        #expect(cache.freshValue(for: "a") == 2)
    }
}
