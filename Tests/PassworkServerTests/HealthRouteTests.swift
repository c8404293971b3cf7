import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Health probe")
struct HealthRouteTests {
    @Test("GET /healthz answers 200 ok as plain text without a token", arguments: Engine.all)
    func probe(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let response = try await harness.client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "ok\n")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test("other methods on /healthz get the errors envelope; the API still needs a token", arguments: Engine.all)
    func otherMethods(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let post = try await harness.send(.post, "/healthz")
            #expect(post.status == 404)
            #expect(post.wasEnveloped)
            #expect(post.errorCode == "notFound")
            let api = try await harness.send(.get, "/api/v1/vaults")
            #expect(api.status == 401)
            #expect(api.errorCode == "unauthorized")
        }
    }
}
