import Foundation
import PassworkModels
import Testing

/// Decoding ignores unknown keys and tolerates `null`/missing optional fields, but a missing required key,
/// a wrong type or malformed JSON throws `DecodingError`.
@Suite struct DecodingStrictnessTests {
    /// The real item fixture as a mutable JSON object.
    private func itemObject() throws -> [String: JSONValue] {
        guard case .object(let members) = try FixtureSupport.json(FixtureSupport.data("item_response.json")) else {
            Issue.record("item fixture is not an object")
            return [:]
        }
        return members
    }

    private func decodeItem(_ members: [String: JSONValue]) throws -> Item {
        try JSONDecoder().decode(Item.self, from: JSONEncoder().encode(JSONValue.object(members)))
    }

    @Test(arguments: ["id", "vaultId", "name"])
    func itemWithoutARequiredKeyThrowsKeyNotFound(_ key: String) throws {
        var members = try self.itemObject()
        members[key] = nil
        let error = #expect(throws: DecodingError.self) { try self.decodeItem(members) }
        guard case .keyNotFound(let missing, _) = error else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(missing.stringValue == key)
    }

    @Test(arguments: ["id", "vaultId", "name"])
    func itemWithARequiredKeyNullThrows(_ key: String) throws {
        var members = try self.itemObject()
        members[key] = .null
        #expect(throws: DecodingError.self) { try self.decodeItem(members) }
    }

    @Test(arguments: [
        ("color", JSONValue.string("red")),
        ("tags", .string("a,b")),
        ("isFavorite", .string("yes")),
        ("customs", .array([.object(["name": .string("n"), "value": .string("v")])])),
        ("attachments", .array([.integer(1)])),
        ("folderId", .integer(7)),
    ])
    func itemWithAWrongTypeThrows(_ key: String, _ value: JSONValue) throws {
        var members = try self.itemObject()
        members[key] = value
        #expect(throws: DecodingError.self) { try self.decodeItem(members) }
    }

    @Test func unknownKeysAreIgnored() throws {
        var members = try self.itemObject()
        let expected = try self.decodeItem(members)
        members["password"] = .string("decrypted by the connector")
        members["someFutureField"] = .object(["nested": .array([.bool(true), .null])])
        #expect(try self.decodeItem(members) == expected)
    }

    @Test func minimalItemTakesEmptyDefaults() throws {
        let json = #"{"id":"i","vaultId":"v","name":"n","login":null,"tags":null,"customs":null}"#
        let item = try JSONDecoder().decode(Item.self, from: Data(json.utf8))
        #expect(item == Item(id: "i", vaultId: "v", name: "n"))
        #expect(item.passwordEncrypted.isEmpty)
        #expect(item.keyEncrypted.isEmpty)
        #expect(item.vaultMasterKeyEncrypted == nil)
    }

    @Test(arguments: ["", "{", "[1,", #"{"id":}"#, "not json", #"{"id":"a","vaultId":"b","name":"c""#])
    func malformedJSONThrows(_ text: String) {
        let data = Data(text.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Item.self, from: data) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ErrorEnvelope.self, from: data) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TokenPairResponse.self, from: data) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JSONValue.self, from: data) }
    }

    @Test(arguments: [
        #"{"refreshToken":"r","accessTokenExpiredAt":1}"#,
        #"{"accessToken":"a","accessTokenExpiredAt":1}"#,
        #"{"accessToken":"a","refreshToken":null}"#,
    ])
    func tokenPairWithoutATokenThrows(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TokenPairResponse.self, from: Data(json.utf8))
        }
    }

    @Test func tokenPairToleratesMissingRefreshExpiry() throws {
        // The shape printed by the connector's own refresh example.
        let json = #"""
            {"accessToken":"5g92HR0yJ4m51NIIy4djM9ozd44Juftg/og+KzyoLy8=",
             "refreshToken":"JCTrsUqz+3P/1xK4bGRM9JTjDmL+kqtlzsau7REJads=","accessTokenExpiredAt":1759753535}
            """#
        let pair = try JSONDecoder().decode(TokenPairResponse.self, from: Data(json.utf8))
        #expect(pair.accessToken == "5g92HR0yJ4m51NIIy4djM9ozd44Juftg/og+KzyoLy8=")
        #expect(pair.accessTokenExpiredAt == 1_759_753_535)
        #expect(pair.refreshTokenExpiredAt == nil)
    }

    @Test(arguments: ["code", "message"])
    func errorDetailWithoutARequiredKeyThrows(_ key: String) {
        var members: [String: String] = ["code": "notFound", "message": "Not found", "field": "id"]
        members[key] = nil
        let body = ["errors": [members]]
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ErrorEnvelope.self, from: JSONEncoder().encode(body))
        }
    }

    @Test func jsonValueKeepsEveryKindApart() throws {
        let json = #"{"n":null,"t":true,"i":-42,"big":9007199254740993,"d":1.5,"s":"x","a":[1,"1",false],"o":{}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(
            value
                == .object([
                    "n": .null, "t": .bool(true), "i": .integer(-42), "big": .integer(9_007_199_254_740_993),
                    "d": .double(1.5), "s": .string("x"), "a": .array([.integer(1), .string("1"), .bool(false)]),
                    "o": .object([:]),
                ])
        )
        #expect(try FixtureSupport.encodedJSON(value) == value)
    }
}
