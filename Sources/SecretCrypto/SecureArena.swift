internal import COpenSSL
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where small ``SecureBytes`` live: slots of a few size classes carved from locked, non-dumpable,
/// wipe-on-fork chunks that are mapped once and never unmapped or unlocked.
///
/// A mapping per buffer costs five system calls (about 20 µs here) and most secrets are tens of bytes: keys,
/// passwords, one field. Slots are wiped on release before they go back on the free list.
///
/// Every decryption takes and gives back slots, from every thread that reads a file: the free lists are split
/// over a few stripes with a lock each, picked by thread, since with one lock eight parallel readers spent a
/// third of their time waiting for it. A slot goes back to the stripe it came from.
final class SecureArena: Sendable {
    static let shared = SecureArena()

    /// Slot sizes; a larger buffer gets a mapping of its own.
    static let slotSizes = [64, 256, 1024, 4096]
    static let chunkSize = 128 * 1024

    struct Slot {
        let pointer: UnsafeMutableRawPointer
        let sizeClass: Int
        let isLocked: Bool
        let stripe: Int
    }

    private struct State: @unchecked Sendable {
        // SAFETY: raw pointers into chunks this arena owns forever, only touched under the mutex.
        /// Per size class, the free slots and whether each one's chunk is locked.
        var free = [[(pointer: UnsafeMutableRawPointer, isLocked: Bool)]](
            repeating: [],
            count: SecureArena.slotSizes.count
        )
    }

    private final class Stripe: Sendable {
        let state = Mutex(State())
    }

    static let stripeCount = 8
    private let stripes: [Stripe] = (0..<SecureArena.stripeCount).map { _ in Stripe() }

    /// The calling thread's stripe: a hash of its thread id, so that one thread keeps to one stripe.
    private static func currentStripe() -> Int {
        let id = UInt64(pthread_self())
        return Int((id &* 0x9E37_79B9_7F4A_7C15) >> 56) % Self.stripeCount
    }

    /// The size class for `count` bytes, or nil if it needs a mapping of its own.
    static func sizeClass(for count: Int) -> Int? { Self.slotSizes.firstIndex { count <= $0 } }

    /// A zeroed slot of size class `sizeClass`.
    func allocate(sizeClass: Int) -> Slot {
        let stripe = Self.currentStripe()
        return self.stripes[stripe].state.withLock { state in
            if state.free[sizeClass].isEmpty { Self.carveChunk(sizeClass: sizeClass, into: &state.free[sizeClass]) }
            let slot = state.free[sizeClass].removeLast()
            return Slot(pointer: slot.pointer, sizeClass: sizeClass, isLocked: slot.isLocked, stripe: stripe)
        }
    }

    /// Wipes a slot and makes it available again.
    func release(_ slot: Slot) {
        OPENSSL_cleanse(slot.pointer, Self.slotSizes[slot.sizeClass])
        self.stripes[slot.stripe].state.withLock { $0.free[slot.sizeClass].append((slot.pointer, slot.isLocked)) }
    }

    /// Maps, locks and protects one chunk and splits it into free slots.
    private static func carveChunk(
        sizeClass: Int,
        into free: inout [(pointer: UnsafeMutableRawPointer, isLocked: Bool)]
    ) {
        let mapped = mmap(nil, Self.chunkSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            fatalError("SecureArena: mmap of \(Self.chunkSize) bytes failed (errno \(errno))")
        }
        let locked = mlock(mapped, Self.chunkSize) == 0
        _ = madvise(mapped, Self.chunkSize, MADV_DONTDUMP)
        _ = madvise(mapped, Self.chunkSize, MADV_WIPEONFORK)
        let slotSize = Self.slotSizes[sizeClass]
        for offset in stride(from: Self.chunkSize - slotSize, through: 0, by: -slotSize) {
            free.append((mapped + offset, locked))
        }
    }
}
