import Synchronization

/// A node that can be numbered the same way every time: `inodeIdentity` names it uniquely and never changes.
public protocol InodeKey: Hashable, Sendable {
    var inodeIdentity: String { get }
}

/// Inode numbers for the nodes of the tree, and the kernel's lookup count of each (the libfuse
/// `passthrough_ll` contract: every `lookup` answer adds one, `forget` subtracts).
///
/// A node's number is a hash of its identity (64-bit FNV-1a of the server's ids), so it is the same every
/// time it is asked for, for the life of the mount and beyond, without remembering it: tools such as `find`
/// and `tar` see stable numbers, and the table holds only the nodes the kernel currently references (not
/// every file ever listed, which for 10,000 items was most of the mount's memory). In the unlikely event of
/// a collision with a referenced node, the next hash of the identity is used. 1 is the root.
public final class InodeTable<Key: InodeKey>: Sendable {
    public static var rootInode: UInt64 { 1 }

    private struct State {
        var numbers: [Key: UInt64] = [:]
        var keys: [UInt64: Key] = [:]
        var lookups: [UInt64: UInt64] = [:]
    }

    private let root: Key
    private let state = Mutex(State())

    public init(root: Key) {
        self.root = root
        self.state.withLock { state in
            state.numbers[root] = Self.rootInode
            state.keys[Self.rootInode] = root
        }
    }

    /// The number of `key`: the one it is referenced by, else its hash.
    public func inode(for key: Key) -> UInt64 {
        self.state.withLock { Self.number(of: key, in: $0) }
    }

    private static func number(of key: Key, in state: State) -> UInt64 {
        if let number = state.numbers[key] { return number }
        var attempt: UInt64 = 0
        while true {
            let number = Self.hash(key.inodeIdentity, attempt: attempt)
            if let holder = state.keys[number], holder != key {
                attempt += 1
                continue
            }
            return number
        }
    }

    /// 64-bit FNV-1a of the identity (and the attempt, after a collision), kept clear of 0 and the root's 1.
    static func hash(_ identity: String, attempt: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3
        }
        for shift in stride(from: 0, to: attempt == 0 ? 0 : 64, by: 8) {
            hash = (hash ^ ((attempt >> UInt64(shift)) & 0xff)) &* 0x0100_0000_01b3
        }
        return hash < 2 ? hash + 2 : hash
    }

    /// The node behind an inode number the kernel holds (or the root).
    public func key(for inode: UInt64) -> Key? { self.state.withLock { $0.keys[inode] } }

    /// Counts one `lookup` answer for `key` and returns its number (call it when replying with an entry).
    @discardableResult
    public func recordLookup(of key: Key) -> UInt64 {
        self.state.withLock { state in
            let number = Self.number(of: key, in: state)
            state.numbers[key] = number
            state.keys[number] = key
            state.lookups[number, default: 0] += 1
            return number
        }
    }

    /// Subtracts the kernel's `forget` count; at zero the node is dropped (its number stays its hash).
    /// Forgetting more than was looked up is a kernel/FS contract violation: it is clamped at zero (and
    /// trapped in debug builds).
    public func forget(_ inode: UInt64, count: UInt64) {
        self.state.withLock { state in
            let current = state.lookups[inode, default: 0]
            assert(current >= count, "forget(\(inode), \(count)) below zero (count was \(current))")
            let remaining = current >= count ? current - count : 0
            guard remaining == 0 else {
                state.lookups[inode] = remaining
                return
            }
            state.lookups[inode] = nil
            if inode != Self.rootInode, let key = state.keys.removeValue(forKey: inode) {
                state.numbers[key] = nil
            }
        }
    }

    /// The kernel's current lookup count of `inode`.
    public func lookupCount(_ inode: UInt64) -> UInt64 { self.state.withLock { $0.lookups[inode, default: 0] } }

    /// The number of `key` if the kernel holds a reference to it (only those can be in its caches).
    public func referencedInode(for key: Key) -> UInt64? {
        self.state.withLock { state in
            guard let number = state.numbers[key], state.lookups[number] != nil else { return nil }
            return number
        }
    }

    /// The inodes the kernel holds references to whose node matches `predicate`.
    public func referencedInodes(where predicate: (Key) -> Bool) -> [UInt64] {
        self.state.withLock { state in
            state.lookups.keys.filter { number in state.keys[number].map(predicate) ?? false }
        }
    }

    /// How many inodes the kernel currently holds references to (for `.status`).
    public var referencedCount: Int { self.state.withLock { $0.lookups.count } }

    /// How many nodes the table holds (the root and the referenced ones).
    public var count: Int { self.state.withLock { $0.keys.count } }
}
