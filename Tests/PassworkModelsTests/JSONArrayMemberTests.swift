import Foundation
import Testing

@testable import PassworkModels

@Suite struct JSONArrayMemberTests {
    private func elements(_ text: String, key: String = "items") -> [String]? {
        let data = Data(text.utf8)
        return data.withUnsafeBytes { bytes in
            JSONArrayMember.elementRanges(of: key, in: bytes).map { ranges in
                ranges.map { String(decoding: data[$0], as: UTF8.self) }
            }
        }
    }

    @Test func delimitsElementsWhateverTheyHold() {
        #expect(self.elements("{\"items\":[1]} \n") == ["1"])
        let text = #"""
             { "before": {"items": [1, 2]}, "items" : [ {"a":"x]}\"y","b":[1,{"c":null}]} , "s\\" ,-1.5e3,true,[ ] ,{} ] , "after":"]" }
            """#
        #expect(
            self.elements(text)
                == [#"{"a":"x]}\"y","b":[1,{"c":null}]}"#, #""s\\""#, "-1.5e3", "true", "[ ]", "{}"]
        )
        #expect(self.elements(#"{"items":[]}"#) == [])
        #expect(self.elements(#"{"other":[1]}"#) == nil)
    }

    @Test(arguments: [
        "", "[]", #"{"items":[1,]}"#, #"{"items":[1 2]}"#, #"{"items":["open]}"#, #"{"items":[{]}"#,
        #"{"items":[1]"#, #"{"items" [1]}"#, #"{"items":{}}"#, "{", #"{"items":[1]} trailing"#,
    ])
    func malformedTextIsNotDelimited(_ text: String) {
        #expect(self.elements(text) == nil)
    }

    private func decodedOneByOne<Element>(_ data: Data, as type: Element.Type) throws -> ListResponse<Element> {
        var items: [Element] = []
        try ListResponse<Element>.forEachElement(in: data) { items.append($0) }
        return ListResponse(items: items)
    }

    /// Element by element gives what decoding the whole text gives, and the whole decoder's error when the
    /// text is not a list.
    @Test func decodingElementByElementEqualsDecodingTheWhole() throws {
        struct Element: Codable, Sendable, Equatable {
            let id: String
            let tags: [String]
        }
        let list = ListResponse(items: (0..<500).map { Element(id: "id-\($0) \"quoted\" ]", tags: ["[", "}"]) })
        let data = try JSONEncoder().encode(list)
        #expect(try self.decodedOneByOne(data, as: Element.self) == list)
        #expect(try self.decodedOneByOne(Data(#"{"items":[]}"#.utf8), as: Element.self).items == [])
        #expect(throws: DecodingError.self) {
            try self.decodedOneByOne(Data(#"{"items":[{"id":1}]}"#.utf8), as: Element.self)
        }
        #expect(throws: (any Error).self) {
            try self.decodedOneByOne(Data(#"{"items":"#.utf8), as: Element.self)
        }
    }
}
