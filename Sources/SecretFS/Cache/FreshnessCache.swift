import Foundation
public import PassworkClient
import Synchronization

/// Values fetched from the server, kept for a TTL. Past the TTL the next use fetches again; if the server is
/// unreachable then, the old value is served until it is `maxStale` old, and marked stale.
public final class FreshnessCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var fetchedAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let stale = Mutex<Set<Key>>([])
    private let ttl: Duration
    private let maxStale: Duration

    public init(ttl: Duration, maxStale: Duration) {
        self.ttl = ttl
        self.maxStale = maxStale
    }

    /// The cached value if fresh, else a fetched one; on an unreachable server, a value not older than
    /// `maxStale`. Other failures (not found, forbidden) drop the entry and pass on.
    public func value(
        for key: Key,
        fetch: () async throws(ClientError) -> Value
    ) async throws(ClientError) -> Value {
        let now = ContinuousClock.now
        let cached = self.entries.withLock { $0[key] }
        if let cached, now - cached.fetchedAt < self.ttl { return cached.value }
        do {
            let value = try await fetch()
            self.entries.withLock { $0[key] = Entry(value: value, fetchedAt: ContinuousClock.now) }
            self.stale.withLock { _ = $0.remove(key) }
            return value
        } catch {
            if error.code == ClientError.serverUnreachable("", "").code, let cached,
                now - cached.fetchedAt < self.maxStale
            {
                self.stale.withLock { _ = $0.insert(key) }
                return cached.value
            }
            if error.code == ClientError.notFound("").code || error.code == ClientError.forbidden("").code {
                self.entries.withLock { _ = $0.removeValue(forKey: key) }
            }
            throw error
        }
    }

    /// The value if it was ever fetched, however old (for attributes of nodes already listed).
    public func peek(_ key: Key) -> Value? { self.entries.withLock { $0[key]?.value } }

    /// Whether any value is being served stale.
    public var isServingStale: Bool { !self.stale.withLock { $0.isEmpty } }

    public func isStale(_ key: Key) -> Bool { self.stale.withLock { $0.contains(key) } }

    public var count: Int { self.entries.withLock { $0.count } }
}
