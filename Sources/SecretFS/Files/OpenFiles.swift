import SecretCrypto
import Synchronization

/// The plaintext of each open file, by handle, until it is released. Every open, read and release of every
/// reader goes through here, so the table is split over stripes with a lock each (one lock for all made 8
/// parallel readers slower than one), and a released plaintext is wiped after its lock is let go.
final class OpenFiles: Sendable {
    private final class Stripe: Sendable {
        let files = Mutex<[UInt64: SecureBytes]>([:])
    }

    private static let stripeCount: UInt64 = 16
    private let stripes: [Stripe] = (0..<OpenFiles.stripeCount).map { _ in Stripe() }
    private let nextHandle = Atomic<UInt64>(1)
    private let openCount = Atomic<Int>(0)

    private func stripe(_ handle: UInt64) -> Stripe { self.stripes[Int(handle % Self.stripeCount)] }

    /// Keeps `content` under a new handle.
    func open(_ content: SecureBytes) -> UInt64 {
        let handle = self.nextHandle.add(1, ordering: .relaxed).oldValue
        self.stripe(handle).files.withLock { $0[handle] = content }
        self.openCount.add(1, ordering: .relaxed)
        return handle
    }

    func content(of handle: UInt64) -> SecureBytes? { self.stripe(handle).files.withLock { $0[handle] } }

    /// Forgets the handle; the plaintext is wiped when the last reader of it lets go (here, or after a read in
    /// flight), outside the stripe's lock.
    func release(_ handle: UInt64) {
        let released = self.stripe(handle).files.withLock { $0.removeValue(forKey: handle) }
        if released != nil { self.openCount.subtract(1, ordering: .relaxed) }
    }

    var count: Int { self.openCount.load(ordering: .relaxed) }
}
