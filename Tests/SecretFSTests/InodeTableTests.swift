import SecretFS
import Testing

@Suite struct InodeTableTests {
    @Test func numbersAreStableAndCountsFollowLookupsAndForgets() {
        let table = InodeTable<String>(root: "/")
        #expect(table.inode(for: "/") == 1)
        let a = table.recordLookup(of: "a")
        let b = table.recordLookup(of: "b")
        #expect(a != b && a > 1 && b > 1)
        #expect(table.recordLookup(of: "a") == a)
        #expect(table.lookupCount(a) == 2)
        table.forget(a, count: 2)
        #expect(table.lookupCount(a) == 0)
        // Forgotten by the kernel, the node keeps its number.
        #expect(table.recordLookup(of: "a") == a)
        #expect(table.key(for: b) == "b")
        #expect(table.key(for: 999) == nil)
        #expect(table.referencedCount == 2)
    }

    /// Randomised lookups and forgets from many threads: counts never go negative and end where they should.
    @Test func concurrentLookupsAndForgets() async {
        let table = InodeTable<Int>(root: -1)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<500 {
                        let key = (worker * 7 + round) % 50
                        let inode = table.recordLookup(of: key)
                        table.forget(inode, count: 1)
                    }
                }
            }
        }
        for key in 0..<50 { #expect(table.lookupCount(table.inode(for: key)) == 0) }
        #expect(table.referencedCount == 0)
    }
}
