import Foundation
import PassworkModels
import Testing

@Suite struct ResponseEnvelopeTests {
    @Test func wrapProducesTheExactEnvelopeBytes() {
        let wrapped = ResponseEnvelope.wrap(Data(#"{"id":"abc"}"#.utf8))
        // base64('{"id":"abc"}') computed with Python's base64.b64encode.
        #expect(String(decoding: wrapped, as: UTF8.self) == #"{"format":"base64","content":"eyJpZCI6ImFiYyJ9"}"#)
    }

    @Test(arguments: [
        #"{"id":"abc"}"#,
        #"{"errors":[{"code":"accessTokenExpired","message":"Access token expired"}]}"#,
        #"[{"name":"vaultType"}]"#,
        #"{"text":"пароль ✓ \/ \u0000"}"#,
        "",
    ])
    func wrapThenUnwrapGivesTheSameBytes(_ json: String) throws {
        let original = Data(json.utf8)
        #expect(try ResponseEnvelope.unwrap(ResponseEnvelope.wrap(original)) == original)
    }

    @Test func wrappedBodyDecodesAsAnEnvelope() throws {
        let envelope = try JSONDecoder().decode(
            ResponseEnvelope.self,
            from: ResponseEnvelope.wrap(Data(#"{"id":"abc"}"#.utf8))
        )
        #expect(envelope == ResponseEnvelope(format: "base64", content: "eyJpZCI6ImFiYyJ9"))
    }

    @Test(arguments: [
        #"{"id":"abc"}"#,
        #"[{"name":"vaultType"}]"#,
        #"{"format":"raw","content":"eyJpZCI6ImFiYyJ9"}"#,
        #"{"format":"BASE64","content":"eyJpZCI6ImFiYyJ9"}"#,
        #"{"format":1,"content":"eyJpZCI6ImFiYyJ9"}"#,
        #"{"content":"eyJpZCI6ImFiYyJ9"}"#,
        "{}",
        "not json at all",
    ])
    func nonEnvelopesPassThroughUnchanged(_ body: String) throws {
        let data = Data(body.utf8)
        #expect(try ResponseEnvelope.unwrap(data) == data)
    }

    @Test func unwrapIgnoresExtraEnvelopeKeysAndNonAlphabetCharacters() throws {
        let body = #"{"content":"eyJpZCI6\nImFiYyJ9","format":"base64","extra":true}"#
        #expect(try ResponseEnvelope.unwrap(Data(body.utf8)) == Data(#"{"id":"abc"}"#.utf8))
    }

    /// Large bodies skip the probe unless "format" is near an end: both key orders of a real envelope still
    /// unwrap, and a large plain answer passes through.
    @Test func largeEnvelopesUnwrapInEitherKeyOrderAndLargePlainJSONPassesThrough() throws {
        let original = Data(("{\"items\":[" + String(repeating: "{\"name\":\"format\"},", count: 20_000) + "{}]}").utf8)
        let content = original.base64EncodedString()
        for body in [
            #"{"format":"base64","content":"\#(content)"}"#, #"{"content":"\#(content)","format":"base64"}"#,
        ] {
            #expect(try ResponseEnvelope.unwrap(Data(body.utf8)) == original)
        }
        #expect(try ResponseEnvelope.unwrap(original) == original)
    }

    @Test(arguments: [
        #"{"format":"base64"}"#,
        #"{"format":"base64","content":null}"#,
        #"{"format":"base64","content":12}"#,
        #"{"format":"base64","content":"abc"}"#,
    ])
    func brokenEnvelopeThrowsInvalidEnvelope(_ body: String) {
        let error = #expect(throws: PassworkModelsError.self) { try ResponseEnvelope.unwrap(Data(body.utf8)) }
        #expect(error?.code == .invalidEnvelope)
    }

    @Test(arguments: [
        (String?.none, true), ("raw", false), ("RAW", false), (" raw ", false), ("base64", true), ("", true),
        ("json", true),
    ])
    func onlyRawTurnsTheEnvelopeOff(_ header: String?, _ shouldWrap: Bool) {
        #expect(ResponseEnvelope.shouldWrap(responseFormatHeader: header) == shouldWrap)
    }

    @Test func headerNamesAndValues() {
        #expect(PassworkHeaders.responseFormat == "X-Response-Format")
        #expect(PassworkHeaders.masterKeyHash == "X-Master-Key-Hash")
        #expect(PassworkHeaders.authorization == "Authorization")
        #expect(ResponseFormat.raw == "raw")
        #expect(ResponseFormat.base64 == "base64")
    }

    @Test(arguments: [
        ("Bearer abc+/=", "abc+/="), ("bearer abc", "abc"), ("BEARER  abc", "abc"), ("Bearer ", nil),
        ("Basic abc", nil), ("Bearerabc", nil), ("", nil),
    ])
    func bearerTokenParsing(_ header: String, _ token: String?) {
        #expect(PassworkHeaders.bearerToken(fromAuthorization: header) == token)
    }

    @Test func bearerRoundTrip() {
        let token = "FxWvuVqP9cPvAdWq3BMsSwVaEtFltaka49sv+2HjJME="
        #expect(PassworkHeaders.bearer(token) == "Bearer " + token)
        #expect(PassworkHeaders.bearerToken(fromAuthorization: PassworkHeaders.bearer(token)) == token)
    }
}
