public import Foundation

/// Where the tree reads the time: monotonic instants for TTLs, stale serving and quiet periods, the wall
/// clock for TOTP codes. Injected so that tests step time by hand instead of sleeping through a TTL.
public protocol TreeClock: Sendable {
    /// Now, on a clock that never jumps.
    var now: ContinuousClock.Instant { get }
    /// Now, on the wall clock.
    var date: Date { get }
}

/// The system's clocks.
public struct SystemTreeClock: TreeClock {
    public init() {}
    public var now: ContinuousClock.Instant { ContinuousClock.now }
    public var date: Date { Date() }
}
