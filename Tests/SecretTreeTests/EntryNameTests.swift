import SecretTree
import Testing

@Suite struct EntryNameTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a/b", "a%2Fb"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("...", "..."),
        (".hidden", ".hidden"),
        ("", "%"),
        ("nul\0byte", "nul%00byte"),
        ("ключ доступа ✓", "ключ доступа ✓"),
        ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd"),
    ])
    func escapesAndReverses(name: String, expected: String) {
        let fileName = EntryName.fileName(for: name, id: "0123456789abcdef")
        #expect(fileName == expected)
        #expect(!fileName.contains("/") && !fileName.contains("\0") && fileName != "." && fileName != "..")
        #expect(EntryName.originalName(of: fileName) == name)
    }

    @Test func overLongNamesAreCutAtACharacterBoundaryAndKeepTheID() {
        for name in [
            String(repeating: "x", count: 300), String(repeating: "ю", count: 200), String(repeating: "🔑", count: 100),
        ] {
            let fileName = EntryName.fileName(for: name, id: "abcdef0123456789")
            #expect(fileName.utf8.count <= 255)
            #expect(fileName.hasSuffix("…~abcdef01"))
            #expect(name.hasPrefix(String(fileName.dropLast("…~abcdef01".count))))
        }
        let exactly255 = String(repeating: "y", count: 255)
        #expect(EntryName.fileName(for: exactly255, id: "i") == exactly255)
    }

    @Test func siblingsWithOneNameGetIDSuffixes() {
        let names = EntryName.disambiguate([
            (name: "dup", id: "aaaaaaaa1111"), (name: "other", id: "b"), (name: "dup", id: "cccccccc2222"),
            (name: "dup", id: "cccccccc3333"), (name: "a/b", id: "d"), (name: "a%2Fb", id: "e"),
        ])
        #expect(names == ["dup", "other", "dup ~cccccccc", "dup ~cccccccc3333", "a%2Fb", "a%252Fb"])
        #expect(Set(names).count == names.count)
    }

    @Test func unknownEscapesAreNotNames() {
        #expect(EntryName.originalName(of: "%41") == nil)
        #expect(EntryName.originalName(of: "trailing%") == nil)
    }
}
