import Audit
import FuseKit
import PassworkModels
import SecretTree
import Synchronization

/// The tree's change notices, as they came.
final class RecordingChanges: TreeChangeObserver {
    let listings = Mutex<[(directory: NodeKey, names: Set<String>)]>([])
    let items = Mutex<[String]>([])

    func listingChanged(in directory: NodeKey, from old: [String: TreeEntry], to new: [String: TreeEntry]) {
        let names = TreeEntry.changedNames(from: old, to: new)
        if !names.isEmpty { self.listings.withLock { $0.append((directory, names)) } }
    }

    func itemChanged(_ itemId: String) { self.items.withLock { $0.append(itemId) } }

    /// The changed names reported for `directory`, all notices together.
    func names(in directory: NodeKey) -> Set<String> {
        self.listings.withLock { $0.filter { $0.directory == directory }.reduce(into: []) { $0.formUnion($1.names) } }
    }
}

/// What the kernel would have been told to forget.
final class RecordingKernel: KernelCacheInvalidating {
    let inodes = Mutex<[InodeNumber]>([])
    let names = Mutex<[(parent: InodeNumber, name: String)]>([])

    func invalidate(inode: InodeNumber) { self.inodes.withLock { $0.append(inode) } }
    func invalidate(parent: InodeNumber, name: String) { self.names.withLock { $0.append((parent, name)) } }
}

/// An audit sink in memory that can refuse, as a dead endpoint does, in either mode.
final class MemoryAuditSink: AuditSink {
    let events = Mutex<[AuditEvent]>([])
    let accepting = Mutex(true)
    /// Fail-closed sinks never record without waiting: the endpoint must accept first.
    let failClosed: Bool

    init(failClosed: Bool = false) { self.failClosed = failClosed }

    func record(_ event: AuditEvent) async throws(AuditError) {
        guard self.accepting.withLock({ $0 }) else { throw .notAccepted("refused by the test") }
        self.events.withLock { $0.append(event) }
    }

    func recordWithoutWaiting(_ event: AuditEvent) -> Bool {
        guard !self.failClosed else { return false }
        self.events.withLock { $0.append(event) }
        return true
    }

    func pendingCount() async -> Int { 0 }
    func close() async {}
}
