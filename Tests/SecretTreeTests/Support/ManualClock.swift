import Foundation
import SecretTree
import Synchronization

/// Time that moves only when a test says so.
final class ManualClock: TreeClock {
    private let state: Mutex<(instant: ContinuousClock.Instant, date: Date)>

    init(date: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        self.state = Mutex((ContinuousClock.now, date))
    }

    var now: ContinuousClock.Instant { self.state.withLock { $0.instant } }
    var date: Date { self.state.withLock { $0.date } }

    func advance(by duration: Duration) {
        self.state.withLock { state in
            state.instant += duration
            state.date += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
