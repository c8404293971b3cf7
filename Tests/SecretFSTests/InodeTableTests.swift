import SecretTree
import Testing

@testable import SecretFS

@Suite struct InodeTableTests {
    @Test func numbersAreStableAndCountsFollowLookupsAndForgets() {
        let table = InodeTable<NodeKey>(root: .root)
        #expect(table.inode(for: .root) == 1)
        let a = table.recordLookup(of: .vault("a"))
        let b = table.recordLookup(of: .item("b"))
        #expect(a != b && a > 1 && b > 1)
        #expect(table.recordLookup(of: .vault("a")) == a)
        #expect(table.lookupCount(a) == 2)
        table.forget(a, count: 2)
        #expect(table.lookupCount(a) == 0)
        // Forgotten by the kernel, the node leaves the table and keeps its number.
        #expect(table.key(for: a) == nil)
        #expect(table.inode(for: .vault("a")) == a)
        #expect(table.recordLookup(of: .vault("a")) == a)
        #expect(table.key(for: b) == .item("b"))
        #expect(table.key(for: 999) == nil)
        #expect(table.referencedCount == 2)
    }

    /// A listing hands out numbers without keeping them: 10,000 listed files cost the table nothing until the
    /// kernel looks one up, and a fresh table numbers every node the same way.
    @Test func numbersComeFromIdentitiesNotFromATable() {
        let table = InodeTable<NodeKey>(root: .root)
        let files = (0..<10_000).map { NodeKey.file(itemId: "item-\($0)", file: .custom($0 % 4)) }
        let numbers = files.map(table.inode(for:))
        #expect(Set(numbers).count == files.count)
        #expect(table.count == 1)
        let other = InodeTable<NodeKey>(root: .root)
        #expect(files.map(other.inode(for:)) == numbers)
        // Every kind of node has a number of its own.
        let kinds: [NodeKey] = [
            .status, .byID, .vault("x"), .folder(vaultId: "x", folderId: "y"), .item("x"),
            .file(itemId: "x", file: .password), .file(itemId: "x", file: .json), .attachments(itemId: "x"),
            .attachment(itemId: "x", attachmentId: "y"),
        ]
        #expect(Set(kinds.map(table.inode(for:))).count == kinds.count)
        #expect(!kinds.map(table.inode(for:)).contains { $0 < 2 })
    }

    /// Two identities whose hashes collide: the second referenced one takes the next hash of its identity.
    @Test func aCollisionWithAReferencedNodeTakesTheNextHash() {
        let table = InodeTable<CollidingKey>(root: CollidingKey(name: "/", identity: "/"))
        let first = CollidingKey(name: "first", identity: "same")
        let second = CollidingKey(name: "second", identity: "same")
        let one = table.recordLookup(of: first)
        let two = table.recordLookup(of: second)
        #expect(one == InodeTable<CollidingKey>.hash("same", attempt: 0))
        #expect(two == InodeTable<CollidingKey>.hash("same", attempt: 1))
        #expect(table.key(for: one) == first && table.key(for: two) == second)
        #expect(table.inode(for: second) == two)
    }

    /// Randomised lookups and forgets from many threads: counts never go negative and end where they should.
    @Test func concurrentLookupsAndForgets() async {
        let table = InodeTable<NodeKey>(root: .root)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<500 {
                        let key = NodeKey.item("\((worker * 7 + round) % 50)")
                        let inode = table.recordLookup(of: key)
                        table.forget(inode, count: 1)
                    }
                }
            }
        }
        for key in 0..<50 { #expect(table.lookupCount(table.inode(for: .item("\(key)"))) == 0) }
        #expect(table.referencedCount == 0)
        #expect(table.count == 1)
    }
}

/// A key whose identity is chosen by the test, to force a collision.
struct CollidingKey: InodeKey {
    let name: String
    let identity: String
    var inodeIdentity: String { self.identity }
}
