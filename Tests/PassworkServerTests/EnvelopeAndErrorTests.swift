import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Response envelope and error answers")
struct EnvelopeAndErrorTests {
    @Test("answers are base64-enveloped by default and plain with X-Response-Format: raw", arguments: Engine.all)
    func envelope(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let account = try await harness.account("alice")
            let wrapped = try await harness.send(.get, "/api/v1/app/features", token: account.accessToken)
            #expect(wrapped.status == 200)
            #expect(wrapped.wasEnveloped)
            let raw = try await harness.send(.get, "/api/v1/app/features", token: account.accessToken, raw: true)
            #expect(!raw.wasEnveloped)
            #expect(try raw.decode([AppFeature].self) == (try wrapped.decode([AppFeature].self)))
            let rawError = try await harness.send(.get, "/api/v1/vaults/nope", token: account.accessToken, raw: true)
            #expect(rawError.status == 404)
            #expect(!rawError.wasEnveloped)
            #expect(rawError.errorCode == "notFound")
        }
    }

    @Test("bad input gets a 4xx with the errors envelope", arguments: Engine.all)
    func badInput(engine: Engine) async throws {
        try await Harness.run(engine, maxBodySize: 4096) { harness in
            let token = try await harness.account("alice").accessToken
            let malformed = try await harness.send(.post, "/api/v1/vaults", token: token, rawBody: Data("{nope".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "badRequest")

            let wrongType = try await harness.send(
                .post,
                "/api/v1/vaults",
                token: token,
                rawBody: Data(#"{"name": 42}"#.utf8)
            )
            #expect(wrongType.status == 400)
            let detail = try wrongType.decode(ErrorEnvelope.self).errors.first
            #expect(detail?.field == "name")

            let missing = try await harness.send(.post, "/api/v1/items", token: token, rawBody: Data("{}".utf8))
            #expect(missing.status == 400)
            #expect(try missing.decode(ErrorEnvelope.self).errors.first?.field == "vaultId")

            let oversized = try await harness.send(
                .post,
                "/api/v1/vaults",
                token: token,
                rawBody: Data(repeating: UInt8(ascii: " "), count: 10_000)
            )
            #expect(oversized.status == 413)
            #expect(oversized.errorCode == "tooLarge")

            let unknownPath = try await harness.send(.get, "/api/v1/nothing/here", token: token)
            #expect(unknownPath.status == 404)
            #expect(unknownPath.errorCode == "notFound")

            let wrongMethod = try await harness.send(.put, "/api/v1/items/search", token: token)
            #expect(wrongMethod.status == 405)

            let unknownItem = try await harness.send(.get, "/api/v1/items/000000000000000000000000", token: token)
            #expect(unknownItem.status == 404)

            let badQuery = try await harness.send(.get, "/api/v1/items/search?colorCodes%5B%5D=red", token: token)
            #expect(badQuery.status == 422)

            let nothingWritten = try await harness.send(.get, "/api/v1/vaults", token: token, raw: true)
            #expect(try nothingWritten.decode([Vault].self).isEmpty)
        }
    }

    @Test("a batch answers each sub-request, and more than 25 is refused", arguments: Engine.all)
    func batch(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId)
            let requests = [
                BatchRequestEntry(relativeUrl: "/api/v1/items/\(itemId)"),
                BatchRequestEntry(relativeUrl: "/api/v1/items/000000000000000000000000"),
                BatchRequestEntry(relativeUrl: "/api/v1/items/search?tags%5B%5D=none"),
                BatchRequestEntry(method: "POST", relativeUrl: "/api/v1/batch"),
            ]
            let answer = try await harness.send(
                .post,
                "/api/v1/batch",
                token: alice.accessToken,
                body: BatchRequest(requests: requests)
            )
            #expect(answer.status == 200)
            let batch = try answer.decode(BatchResponse.self)
            #expect(batch.responses.map(\.statusCode) == [200, 404, 200, 404])
            let first = BatchResponse(responses: Array(batch.responses.prefix(1)))
            let items = try first.decodeSuccessfulBodies(as: Item.self)
            #expect(items.first?.vaultMasterKeyEncrypted == "wrapped-for-owner")
            #expect(batch.responses[1].body["errors"] != nil)

            let tooMany = BatchRequest(
                requests: Array(repeating: BatchRequestEntry(relativeUrl: "/api/v1/items/\(itemId)"), count: 26)
            )
            let refused = try await harness.send(.post, "/api/v1/batch", token: alice.accessToken, body: tooMany)
            #expect(refused.status == 413)
            #expect(refused.errorCode == "tooLarge")
        }
    }
}
