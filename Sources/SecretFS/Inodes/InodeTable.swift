import Synchronization

/// Inode numbers for the nodes of the tree, and the kernel's lookup count of each (the libfuse
/// `passthrough_ll` contract: every `lookup` answer adds one, `forget` subtracts).
///
/// Numbers are stable for the life of the mount: a node keeps its number even after the kernel forgets it,
/// so a path always shows the same inode (tools such as `find` and `tar` rely on that). 1 is the root.
public final class InodeTable<Key: Hashable & Sendable>: Sendable {
    public static var rootInode: UInt64 { 1 }

    private struct State {
        var numbers: [Key: UInt64] = [:]
        var keys: [UInt64: Key] = [:]
        var lookups: [UInt64: UInt64] = [:]
        var next: UInt64 = 2
    }

    private let state = Mutex(State())

    public init(root: Key) {
        self.state.withLock { state in
            state.numbers[root] = Self.rootInode
            state.keys[Self.rootInode] = root
        }
    }

    /// The number of `key`, given a new one the first time.
    public func inode(for key: Key) -> UInt64 {
        self.state.withLock { state in
            if let number = state.numbers[key] { return number }
            let number = state.next
            state.next += 1
            state.numbers[key] = number
            state.keys[number] = key
            return number
        }
    }

    /// The node behind an inode number, if it was ever handed out.
    public func key(for inode: UInt64) -> Key? { self.state.withLock { $0.keys[inode] } }

    /// Counts one `lookup` answer for `inode` and returns its number (call it when replying with an entry).
    @discardableResult
    public func recordLookup(of key: Key) -> UInt64 {
        self.state.withLock { state in
            let number: UInt64
            if let existing = state.numbers[key] {
                number = existing
            } else {
                number = state.next
                state.next += 1
                state.numbers[key] = number
                state.keys[number] = key
            }
            state.lookups[number, default: 0] += 1
            return number
        }
    }

    /// Subtracts the kernel's `forget` count. Forgetting more than was looked up is a kernel/FS contract
    /// violation: it is clamped at zero (and trapped in debug builds).
    public func forget(_ inode: UInt64, count: UInt64) {
        self.state.withLock { state in
            let current = state.lookups[inode, default: 0]
            assert(current >= count, "forget(\(inode), \(count)) below zero (count was \(current))")
            let remaining = current >= count ? current - count : 0
            state.lookups[inode] = remaining == 0 ? nil : remaining
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
}
