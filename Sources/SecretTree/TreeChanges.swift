/// Told when a fetch shows that something already served changed on the server, so that whoever holds copies
/// (the kernel's name and attribute caches, behind the FUSE adapter) can drop them at once instead of serving
/// them until their own timeout runs out.
public protocol TreeChangeObserver: Sendable {
    /// The listing of `directory` was rebuilt: names whose entry differs between `old` and `new` changed.
    /// Called only when a previous listing existed; computing the difference is left to the observer, which
    /// knows whether anyone holds the directory at all.
    func listingChanged(in directory: NodeKey, from old: [String: TreeEntry], to new: [String: TreeEntry])
    /// An item's content changed: the sizes of its files may differ.
    func itemChanged(_ itemId: String)
}

extension TreeEntry {
    /// The names whose entry differs between two listings of one directory: gone, new, or now another node.
    public static func changedNames(from old: [String: TreeEntry], to new: [String: TreeEntry]) -> Set<String> {
        var changed: Set<String> = []
        for (name, entry) in old where new[name]?.key != entry.key { changed.insert(name) }
        for (name, entry) in new where old[name]?.key != entry.key { changed.insert(name) }
        return changed
    }
}
