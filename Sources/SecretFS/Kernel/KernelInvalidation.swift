import Dispatch
import FuseKit
import SecretTree
import Synchronization

/// Tells the kernel to forget names and attributes that changed on the server, as soon as the tree sees the
/// change, instead of letting it serve them until its own timeout (the cache TTL) runs out: a rotated
/// password's new size, a renamed item, a field that appeared. Only inodes the kernel holds are told.
///
/// Notifications go out from a serial queue of their own, never from the thread that answers a request: the
/// kernel may hold a directory's lock while it waits for a lookup's answer, and invalidating a name in that
/// directory takes the same lock (libfuse documents the deadlock). The queue runs them once the answer is out.
final class KernelInvalidation: TreeChangeObserver {
    private let inodes: InodeTable<NodeKey>
    private let target = Mutex<(any KernelCacheInvalidating)?>(nil)
    private let queue = DispatchQueue(label: "secretfs.kernel-invalidation", qos: .utility)

    init(inodes: InodeTable<NodeKey>) { self.inodes = inodes }

    func attach(_ target: any KernelCacheInvalidating) { self.target.withLock { $0 = target } }

    func listingChanged(in directory: NodeKey, from old: [String: TreeEntry], to new: [String: TreeEntry]) {
        guard let target = self.target.withLock({ $0 }), let parent = self.inodes.referencedInode(for: directory)
        else { return }
        let names = TreeEntry.changedNames(from: old, to: new)
        guard !names.isEmpty else { return }
        self.queue.async {
            for name in names.sorted() { target.invalidate(parent: parent, name: name) }
        }
    }

    func itemChanged(_ itemId: String) {
        guard let target = self.target.withLock({ $0 }) else { return }
        let inodes = self.inodes.referencedInodes { key in
            switch key {
            case .item(let id), .file(let id, _), .attachments(let id), .attachment(let id, _): id == itemId
            default: false
            }
        }
        guard !inodes.isEmpty else { return }
        self.queue.async {
            for inode in inodes { target.invalidate(inode: inode) }
        }
    }

    /// Waits until every notification queued so far has gone out (for tests).
    func drain() { self.queue.sync {} }
}
