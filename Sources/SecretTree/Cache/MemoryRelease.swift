#if canImport(Glibc)
    import Glibc
#endif

/// Gives freed heap back to the system after a burst of allocation. Decoding a large vault's item list
/// (10,000 items is about 18 MB of JSON) needs several times that for a moment; glibc keeps the freed
/// memory in its arenas, so without this the daemon stays that large for the rest of its life.
///
/// `malloc_trim` and `mallopt` live in glibc's `<malloc.h>`, which the Glibc module does not export: they are
/// looked up by name (and simply skipped on a C library without them).
enum MemoryRelease {
    /// Lists at least this long are worth a trim.
    static let itemsWorthATrim = 1000

    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    /// glibc's `M_ARENA_MAX` and `M_MMAP_THRESHOLD`.
    private static let arenaMaximum: Int32 = -8
    private static let mapThreshold: Int32 = -3

    static func trim() {
        guard let trim = Self.symbol("malloc_trim", as: Trim.self) else { return }
        _ = trim(0)
    }

    /// Fewer glibc arenas: the daemon's threads (FUSE workers, Swift's pool, the HTTP client's event loop)
    /// otherwise each keep freed memory in an arena of their own. And a fixed threshold above which blocks are
    /// mapped on their own: glibc otherwise raises it to the size of the largest block freed, so that after
    /// the first large answer (a vault's list), the next ones are carved out of the heap and stay there.
    /// Call once, at start.
    static func tuneAllocator() {
        guard let option = Self.symbol("mallopt", as: Option.self) else { return }
        _ = option(Self.arenaMaximum, 2)
        _ = option(Self.mapThreshold, 256 * 1024)
    }

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if canImport(Glibc)
            // RTLD_DEFAULT: the symbol as the process already resolves it.
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(address, to: type)
        #else
            return nil
        #endif
    }
}
