internal import COpenSSL
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes that hold a secret: plaintext, keys, passphrases.
///
/// The storage is locked out of swap where the memlock limit allows, excluded from core dumps
/// (`MADV_DONTDUMP`), reads as zeros in a forked child (`MADV_WIPEONFORK`), and is wiped with
/// `OPENSSL_cleanse` (whole capacity) when released. Buffers of up to 4 KiB take a slot of the shared
/// ``SecureArena``, whose chunks stay mapped and locked; larger ones get a private mapping of their own
/// pages, so that unlocking one never unlocks another (`mlock` does not nest).
///
/// It prints as `<redacted N bytes>`. Converting it to a `String` or `Array` makes an unmanaged copy,
/// so the API keeps that explicit and rare.
public final class SecureBytes: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    // SAFETY: the bytes are written only by the creator before the buffer is shared (the initialisers and
    // `SecureBytes.build`), or through `withUnsafeMutableBytes` by an owner that has not shared it yet.
    // Afterwards they are only read, and `wipe()`/`deinit` happen when no reader is left.

    private let base: UnsafeMutableRawPointer?
    private let capacity: Int
    /// Set when the bytes live in a slot of the shared ``SecureArena`` rather than in a mapping of their own.
    private let slot: SecureArena.Slot?
    /// How many bytes are in use.
    public private(set) var count: Int
    /// Whether the pages are locked in RAM (`mlock` can fail when `RLIMIT_MEMLOCK` is exhausted).
    public let isLocked: Bool

    /// A zero-filled buffer of `count` bytes.
    public init(count: Int) {
        precondition(count >= 0, "negative size")
        self.count = count
        guard count > 0 else {
            self.base = nil
            self.capacity = 0
            self.slot = nil
            self.isLocked = false
            return
        }
        if let sizeClass = SecureArena.sizeClass(for: count) {
            let slot = SecureArena.shared.allocate(sizeClass: sizeClass)
            self.base = slot.pointer
            self.capacity = SecureArena.slotSizes[sizeClass]
            self.slot = slot
            self.isLocked = slot.isLocked
            return
        }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let capacity = (count + pageSize - 1) / pageSize * pageSize
        let mapped = mmap(nil, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            // Out of address space: nothing sensible can continue without memory.
            fatalError("SecureBytes: mmap of \(capacity) bytes failed (errno \(errno))")
        }
        self.base = mapped
        self.capacity = capacity
        self.slot = nil
        self.isLocked = mlock(mapped, capacity) == 0
        _ = madvise(mapped, capacity, MADV_DONTDUMP)
        _ = madvise(mapped, capacity, MADV_WIPEONFORK)
    }

    /// A copy of `bytes`.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count)
        if let source = bytes.baseAddress, let base = self.base {
            base.copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// A copy of `bytes`. The caller remains responsible for wiping its own array.
    public convenience init(_ bytes: some Collection<UInt8>) {
        self.init(count: bytes.count)
        if let base = self.base {
            _ = UnsafeMutableRawBufferPointer(start: base, count: self.count).initializeMemory(
                as: UInt8.self,
                from: bytes
            )
        }
    }

    /// The UTF-8 bytes of `text`. Swift strings cannot be wiped, so use this at the edges only
    /// (arguments a user typed, values read from JSON).
    public convenience init(utf8 text: String) {
        var text = text
        self.init(count: text.utf8.count)
        if let base = self.base {
            text.withUTF8 { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    deinit {
        guard let base = self.base else { return }
        OPENSSL_cleanse(base, self.capacity)
        #if DEBUG
            SecureBytes.releaseInspector.withLock { $0?(UnsafeRawBufferPointer(start: base, count: self.capacity)) }
        #endif
        if let slot = self.slot {
            SecureArena.shared.release(slot)
            return
        }
        if self.isLocked { munlock(base, self.capacity) }
        munmap(base, self.capacity)
    }

    #if DEBUG
        /// Debug builds only: called with every buffer's pages after the wipe and before they are unmapped,
        /// so a test can see what a released buffer leaves behind.
        static let releaseInspector = Mutex<(@Sendable (UnsafeRawBufferPointer) -> Void)?>(nil)
    #endif

    /// Where the pages start, for tests that inspect the mapping.
    var baseAddress: UnsafeRawPointer? { UnsafeRawPointer(self.base) }

    // MARK: - Access

    /// Reads the bytes in use.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: self.base, count: self.count))
    }

    /// Writes the bytes in use; only for the owner of a buffer that is not shared yet.
    public func withUnsafeMutableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: self.base, count: self.count))
    }

    /// Overwrites every byte of the capacity with zeros and sets the count to 0.
    public func wipe() {
        if let base = self.base { OPENSSL_cleanse(base, self.capacity) }
        self.count = 0
    }

    /// Shortens the bytes in use to `newCount`, wiping the tail.
    func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= self.count, "truncate beyond the buffer")
        if let base = self.base, newCount < self.count {
            OPENSSL_cleanse(base + newCount, self.count - newCount)
        }
        self.count = newCount
    }

    /// Fills a buffer of at most `capacity` bytes through `body`, which returns how many it wrote.
    /// The unused tail is wiped; if `body` throws, the whole buffer is wiped before the error passes on.
    static func build<E: Error>(
        capacity: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws(E) -> SecureBytes {
        let buffer = SecureBytes(count: capacity)
        do {
            let written = try buffer.withUnsafeMutableBytes(body)
            buffer.truncate(to: written)
            return buffer
        } catch {
            buffer.wipe()
            throw error
        }
    }

    // MARK: - Comparisons and conversions

    /// Whether both hold the same bytes, in time that does not depend on where they differ.
    public func constantTimeEquals(_ other: SecureBytes) -> Bool {
        self.withUnsafeBytes { lhs in
            other.withUnsafeBytes { rhs in
                guard lhs.count == rhs.count else { return false }
                guard lhs.count > 0 else { return true }
                return CRYPTO_memcmp(lhs.baseAddress, rhs.baseAddress, lhs.count) == 0
            }
        }
    }

    /// An unmanaged copy as a Swift string (lossy for invalid UTF-8). Strings cannot be wiped:
    /// call this only where a `String` is unavoidable (JSON output, environment variables).
    public func unsafeString() -> String {
        self.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// An unmanaged copy as an array, which the caller must wipe.
    public func unsafeArray() -> [UInt8] { self.withUnsafeBytes { Array($0) } }

    public var description: String { "<redacted \(self.count) bytes>" }
    public var debugDescription: String { self.description }
}
