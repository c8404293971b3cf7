import Foundation
public import PassworkClient
import Synchronization

/// Values fetched from the server, kept for a TTL. Past the TTL the next use fetches again; if the server is
/// unreachable then, the old value is served until it is `maxStale` old, and marked stale. With a capacity,
/// the values used least recently go first once there are more.
public final class FreshnessCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// A reference, so that a lookup holds the lock for a hash and a retain, never for a copy of the value
    /// (an item is some twenty references): every open of every reader looks up its item here.
    private final class Entry: Sendable {
        let value: Value
        let fetchedAt: ContinuousClock.Instant
        /// Changes with every fetch, so derived data (directory listings) knows when to rebuild.
        let version: UInt64
        /// When it was last used (a counter), for eviction.
        let used: Atomic<UInt64>

        init(value: Value, fetchedAt: ContinuousClock.Instant, version: UInt64, used: UInt64) {
            self.value = value
            self.fetchedAt = fetchedAt
            self.version = version
            self.used = Atomic(used)
        }

        func markUsed(_ tick: UInt64) { self.used.store(tick, ordering: .relaxed) }
        var lastUsed: UInt64 { self.used.load(ordering: .relaxed) }
    }

    private let versions = Atomic<UInt64>(0)

    private let entries = Mutex<[Key: Entry]>([:])
    private let stale = Mutex<Set<Key>>([])
    private let ttl: Duration
    private let maxStale: Duration
    private let health: BackendHealth
    private let capacity: Int?
    private let clock: any TreeClock
    private let uses = Atomic<UInt64>(0)

    public init(
        ttl: Duration,
        maxStale: Duration,
        health: BackendHealth,
        capacity: Int? = nil,
        clock: any TreeClock = SystemTreeClock()
    ) {
        self.ttl = ttl
        self.maxStale = maxStale
        self.health = health
        self.capacity = capacity
        self.clock = clock
    }

    private func use() -> UInt64 { self.uses.add(1, ordering: .relaxed).newValue }

    /// Past the capacity (and an eighth, so that evictions come in batches), keeps the values used last.
    private func evictIfFull(_ entries: inout [Key: Entry]) {
        guard let capacity = self.capacity, entries.count > capacity + capacity / 8 else { return }
        let oldest = entries.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(entries.count - capacity)
        for (key, _) in oldest { entries[key] = nil }
        self.stale.withLock { stale in for (key, _) in oldest { stale.remove(key) } }
    }

    /// The cached value if fresh, else a fetched one; on an unreachable server, a value not older than
    /// `maxStale`. Other failures (not found, forbidden) drop the entry and pass on.
    public func value(
        for key: Key,
        fetch: () async throws(ClientError) -> Value
    ) async throws(ClientError) -> Value {
        try await self.versionedValue(for: key, fetch: fetch).value
    }

    /// As ``value(for:fetch:)``, with a number that changes whenever the value was fetched anew.
    public func versionedValue(
        for key: Key,
        fetch: () async throws(ClientError) -> Value
    ) async throws(ClientError) -> (value: Value, version: UInt64) {
        let now = self.clock.now
        let cached = self.entries.withLock { $0[key] }
        cached?.markUsed(self.use())
        if let cached, now - cached.fetchedAt < self.ttl { return (cached.value, cached.version) }
        // Right after the server was found unreachable, do not wait for it again on every lookup.
        if let down = self.health.unreachable { return try self.fallback(key, cached, now, down) }
        do throws(ClientError) {
            let value = try await fetch()
            let version = self.versions.add(1, ordering: .relaxed).newValue
            self.entries.withLock { entries in
                entries[key] = Entry(value: value, fetchedAt: self.clock.now, version: version, used: self.use())
                self.evictIfFull(&entries)
            }
            self.stale.withLock { _ = $0.remove(key) }
            self.health.markReachable()
            return (value, version)
        } catch {
            if error.code == .serverUnreachable { self.health.markUnreachable(error) }
            return try self.fallback(key, cached, now, error)
        }
    }

    /// After a failed fetch: the old value while the server is unreachable and it is young enough, else the error.
    private func fallback(
        _ key: Key,
        _ cached: Entry?,
        _ now: ContinuousClock.Instant,
        _ error: ClientError
    ) throws(ClientError) -> (value: Value, version: UInt64) {
        if error.code == .serverUnreachable, let cached, now - cached.fetchedAt < self.maxStale {
            self.stale.withLock { _ = $0.insert(key) }
            return (cached.value, cached.version)
        }
        if error.code == .notFound || error.code == .forbidden {
            self.entries.withLock { _ = $0.removeValue(forKey: key) }
        }
        throw error
    }

    /// Stores values fetched another way (items that came with their vault's listing), as fresh as a fetch of
    /// their own, so the first use of each does not ask the server again. Returns the values replaced.
    @discardableResult
    public func seed(_ values: some Sequence<(Key, Value)>) -> [Key: Value] {
        let now = self.clock.now
        var seeded: [Key] = []
        let replaced = self.entries.withLock { entries in
            var replaced: [Key: Value] = [:]
            for (key, value) in values {
                let version = self.versions.add(1, ordering: .relaxed).newValue
                let entry = Entry(value: value, fetchedAt: now, version: version, used: self.use())
                if let old = entries.updateValue(entry, forKey: key) { replaced[key] = old.value }
                seeded.append(key)
            }
            self.evictIfFull(&entries)
            return replaced
        }
        // Fresh from the server: no longer served stale.
        self.stale.withLock { stale in for key in seeded { stale.remove(key) } }
        return replaced
    }

    /// The value if it is cached and within its TTL, without waiting for anything.
    public func freshValue(for key: Key) -> Value? {
        guard let entry = self.entries.withLock({ $0[key] }), self.clock.now - entry.fetchedAt < self.ttl else {
            return nil
        }
        entry.markUsed(self.use())
        return entry.value
    }

    /// The value if it was ever fetched, however old (for attributes of nodes already listed).
    public func peek(_ key: Key) -> Value? { self.entries.withLock { $0[key] }?.value }

    /// Whether any value is being served stale.
    public var isServingStale: Bool { !self.stale.withLock { $0.isEmpty } }

    public func isStale(_ key: Key) -> Bool { self.stale.withLock { $0.contains(key) } }

    public var count: Int { self.entries.withLock { $0.count } }
}
