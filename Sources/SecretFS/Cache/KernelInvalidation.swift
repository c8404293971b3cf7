import Dispatch
public import FuseKit
import Synchronization

/// Tells the kernel to forget names and attributes that changed on the server, as soon as a fetch shows the
/// change, instead of letting it serve them until its own timeout (the cache TTL) runs out: a rotated
/// password's new size, a renamed item, a field that appeared.
///
/// Notifications go out from a serial queue of their own, never from the thread that answers a request: the
/// kernel may hold a directory's lock while it waits for a lookup's answer, and invalidating a name in that
/// directory takes the same lock (libfuse documents the deadlock). The queue runs them once the answer is out.
final class KernelInvalidation: Sendable {
    private let target = Mutex<(any KernelCacheInvalidating)?>(nil)
    private let queue = DispatchQueue(label: "secretfs.kernel-invalidation", qos: .utility)

    func attach(_ target: any KernelCacheInvalidating) { self.target.withLock { $0 = target } }

    /// Forgets `names` in directory `parent`.
    func names(_ names: some Collection<String>, in parent: InodeNumber) {
        guard !names.isEmpty, let target = self.target.withLock({ $0 }) else { return }
        let names = Array(names)
        self.queue.async {
            for name in names { target.invalidate(parent: parent, name: name) }
        }
    }

    /// Forgets the attributes of `inodes`.
    func attributes(of inodes: [InodeNumber]) {
        guard !inodes.isEmpty, let target = self.target.withLock({ $0 }) else { return }
        self.queue.async {
            for inode in inodes { target.invalidate(inode: inode) }
        }
    }

    /// The names whose entry differs between two listings of one directory: gone, new, or now another node.
    static func changedNames(from old: [String: TreeEntry], to new: [String: TreeEntry]) -> Set<String> {
        var changed: Set<String> = []
        for (name, entry) in old where new[name]?.key != entry.key { changed.insert(name) }
        for (name, entry) in new where old[name]?.key != entry.key { changed.insert(name) }
        return changed
    }
}
