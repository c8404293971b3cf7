import Foundation
import PassworkModels
import Testing

@Suite struct ErrorEnvelopeTests {
    @Test func decodesARealShapedEnvelope() throws {
        let json = #"""
            {"errors":[{"code":"accessTokenExpired","message":"Access token expired"},
                       {"code":"validation","message":"is required","field":"name","extra":1},
                       {"code":"somethingNew","message":"m","field":null}]}
            """#
        let envelope = try JSONDecoder().decode(ErrorEnvelope.self, from: Data(json.utf8))
        #expect(envelope.errors.map(\.code) == [.accessTokenExpired, .validation, ErrorCode(rawValue: "somethingNew")])
        #expect(envelope.errors.map(\.field) == [nil, "name", nil])
        #expect(envelope.isAccessTokenExpired)
        #expect(envelope.contains(.validation))
        #expect(!envelope.contains(.notFound))
    }

    @Test func connectorRendering() {
        let envelope = ErrorEnvelope(errors: [
            ErrorDetail(code: .validation, message: "is required", field: "name"),
            ErrorDetail(code: .notFound, message: "Not found"),
            ErrorDetail(code: .badRequest, message: "Empty field", field: ""),
        ])
        #expect(envelope.connectorMessages == ["name => is required", "Not found", "Empty field"])
        #expect(envelope.connectorDescription == "['name => is required', 'Not found', 'Empty field']")
        #expect(!envelope.isAccessTokenExpired)
    }

    @Test func connectorDescriptionQuotesLikePython() {
        // Expected value printed by Python 3.11: str([...]) of the same strings.
        let messages = [
            "name => is required", "it's", "a\"b", "both'\"", "tab\there\nnl", "back\\slash",
            "ctl\u{01}\u{7F}\u{85}", "nb\u{A0}sp", "ünï ✓ \u{200B} 😀",
        ]
        let envelope = ErrorEnvelope(errors: messages.map { ErrorDetail(code: .badRequest, message: $0) })
        let python =
            #"['name => is required', "it's", 'a"b', 'both\'"', 'tab\there\nnl', 'back\\slash', "#
            + #"'ctl\x01\x7f\x85', 'nb\xa0sp', 'ünï ✓ \u200b 😀']"#
        #expect(envelope.connectorDescription == python)
    }

    @Test func encodingOmitsAnUnsetField() throws {
        let json = try FixtureSupport.encodedJSON(ErrorEnvelope(code: .accessTokenExpired, message: "expired"))
        #expect(
            json
                == .object([
                    "errors": .array([.object(["code": .string("accessTokenExpired"), "message": .string("expired")])])
                ])
        )
        let withField = try FixtureSupport.encodedJSON(ErrorDetail(code: .validation, message: "m", field: "f"))
        #expect(withField["field"] == .string("f"))
    }

    @Test(arguments: [
        (ErrorCode.accessTokenExpired, "accessTokenExpired", 401),
        (.accessTokenInvalid, "accessTokenInvalid", 401),
        (.refreshTokenInvalid, "refreshTokenInvalid", 401),
        (.refreshTokenExpired, "refreshTokenExpired", 401),
        (.unauthorized, "unauthorized", 401),
        (.masterKeyHashInvalid, "masterKeyHashInvalid", 403),
        (.forbidden, "forbidden", 403),
        (.notFound, "notFound", 404),
        (.methodNotAllowed, "methodNotAllowed", 405),
        (.conflict, "conflict", 409),
        (.tooLarge, "tooLarge", 413),
        (.validation, "validation", 422),
        (.tooManyRequests, "tooManyRequests", 429),
        (.internalError, "internalError", 500),
        (.badRequest, "badRequest", 400),
        (ErrorCode(rawValue: "unknownToUs"), "unknownToUs", 400),
    ])
    func codesAreStableAndMapToStatuses(_ code: ErrorCode, _ wire: String, _ status: Int) throws {
        #expect(code.rawValue == wire)
        #expect(code.httpStatus == status)
        #expect(try FixtureSupport.encodedJSON([code]) == .array([.string(wire)]))
    }
}
