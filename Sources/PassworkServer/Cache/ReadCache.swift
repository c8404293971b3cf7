import Synchronization

/// Answers of hot reads (a token's session, an item as a member sees it), kept while the database's change
/// stamp stays the same.
///
/// The stamp (``Repository/changeStamp()``) moves whenever a row these answers come from may have changed,
/// in this process or any other: so an entry is only ever served under the stamp it was read at, and the
/// first lookup under a new stamp empties the cache. The stamp is read before the database is, so an entry
/// is never older than its stamp. A `nil` stamp (caching off, or the engine cannot tell right now) reads
/// through. Only what the database holds is kept: token hashes and ciphertext, never a plaintext.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var stamp: Int64?
        var entries: [Key: Value] = [:]
    }

    /// At most this many entries; a full cache starts again from empty (a hot set refills in one lookup
    /// each, and an eviction order is not worth its bookkeeping here).
    let capacity: Int
    private let state = Mutex(State())

    /// A cache of at most `capacity` entries; 0 turns it off.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The value for `key`: cached under `stamp`, or loaded (and then kept, unless `nil`).
    func value(
        for key: Key,
        stamp: Int64?,
        load: () async throws -> Value?
    ) async throws -> Value? {
        guard let stamp, self.capacity > 0 else { return try await load() }
        if let cached = self.cached(key, stamp: stamp) { return cached }
        let loaded = try await load()
        if let loaded { self.store(loaded, for: key, stamp: stamp) }
        return loaded
    }

    /// How many entries are kept now (for tests).
    var count: Int { self.state.withLock { $0.entries.count } }

    private func cached(_ key: Key, stamp: Int64) -> Value? {
        self.state.withLock { state in
            guard state.stamp == stamp else {
                state.entries.removeAll(keepingCapacity: true)
                state.stamp = stamp
                return nil
            }
            return state.entries[key]
        }
    }

    private func store(_ value: Value, for key: Key, stamp: Int64) {
        self.state.withLock { state in
            // Read under a stamp that has moved on since: it may already be stale.
            guard state.stamp == stamp else { return }
            if state.entries.count >= self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = value
        }
    }
}
