import PassworkClient
import Synchronization

/// Whether the server was just found unreachable: for a few seconds after that, caches answer from what they
/// have (or fail) at once instead of waiting for the server on every lookup.
public final class BackendHealth: Sendable {
    private let downUntil = Mutex<(ContinuousClock.Instant, ClientError)?>(nil)
    private let lastAttemptFailed = Atomic<Bool>(false)
    private let quietPeriod: Duration
    private let clock: any TreeClock

    public init(quietPeriod: Duration = .seconds(3), clock: any TreeClock = SystemTreeClock()) {
        self.quietPeriod = quietPeriod
        self.clock = clock
    }

    /// The error to answer with while the server counts as down.
    var unreachable: ClientError? {
        self.downUntil.withLock { state in
            guard let (until, error) = state, self.clock.now < until else { return nil }
            return error
        }
    }

    func markUnreachable(_ error: ClientError) {
        self.downUntil.withLock { $0 = (self.clock.now + self.quietPeriod, error) }
        self.lastAttemptFailed.store(true, ordering: .relaxed)
    }

    func markReachable() {
        self.downUntil.withLock { $0 = nil }
        self.lastAttemptFailed.store(false, ordering: .relaxed)
    }

    /// Whether the last attempt to reach the server failed: the mount is serving what it had.
    public var isDown: Bool { self.lastAttemptFailed.load(ordering: .relaxed) }
}
