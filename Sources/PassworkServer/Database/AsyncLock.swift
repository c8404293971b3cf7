import Synchronization

/// A first-in, first-out lock for async code: it serialises the statements and transactions of the single
/// SQLite connection, and the flushes of the audit queue.
///
/// A task that finds the lock free takes it on the spot and runs on: no actor hop, no suspension. That is
/// the common case, because a statement holds the lock for only tens of microseconds. A task that finds it
/// held suspends until the holder hands the lock over to it.
final class AsyncLock: Sendable {
    private struct State {
        var isHeld = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Runs `body` while holding the lock.
    func withLock<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        await self.lock()
        do {
            let result = try await body()
            self.unlock()
            return result
        } catch {
            self.unlock()
            throw error
        }
    }

    private func lock() async {
        let tookIt = self.state.withLock { state in
            guard !state.isHeld else { return false }
            state.isHeld = true
            return true
        }
        if tookIt { return }
        await withCheckedContinuation { continuation in
            // Checked again: the holder may have let go since the first look.
            let tookIt = self.state.withLock { state in
                guard !state.isHeld else {
                    state.waiters.append(continuation)
                    return false
                }
                state.isHeld = true
                return true
            }
            if tookIt { continuation.resume() }
        }
    }

    /// Hands the lock to the first waiter (it stays held), or frees it.
    private func unlock() {
        let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isHeld = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
