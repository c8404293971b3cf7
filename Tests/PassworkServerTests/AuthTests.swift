import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Authentication and tokens")
struct AuthTests {
    @Test("missing, malformed, unknown and expired tokens get 401 with the errors envelope", arguments: Engine.all)
    func rejectsBadTokens(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let missing = try await harness.send(.get, "/api/v1/vaults")
            #expect(missing.status == 401)
            #expect(missing.errorCode == "unauthorized")
            #expect(missing.wasEnveloped)

            let basic = try await harness.send(.get, "/api/v1/vaults", headers: [.authorization: "Basic abc"])
            #expect(basic.status == 401)
            #expect(basic.errorCode == "accessTokenInvalid")

            let unknown = try await harness.send(.get, "/api/v1/vaults", token: TokenGenerator.token())
            #expect(unknown.status == 401)
            #expect(unknown.errorCode == "accessTokenInvalid")

            let expired = try await harness.account("old", tokens: TokenSettings(accessTTL: -1, refreshTTL: 3600))
            let answer = try await harness.send(.get, "/api/v1/vaults", token: expired.accessToken)
            #expect(answer.status == 401)
            #expect(answer.errorCode == "accessTokenExpired")
        }
    }

    @Test("X-Master-Key-Hash must match when sent", arguments: Engine.all)
    func masterKeyHash(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let account = try await harness.account("alice")
            let name = HTTPField.Name("X-Master-Key-Hash")!
            let good = try await harness.send(
                .get,
                "/api/v1/users/keys",
                token: account.accessToken,
                headers: [name: account.masterKeyHash]
            )
            #expect(good.status == 200)
            #expect(try good.decode(UserKeysResponse.self).id == account.user.id)
            let bad = try await harness.send(.get, "/api/v1/vaults", token: account.accessToken, headers: [name: "00"])
            #expect(bad.status == 403)
            #expect(bad.errorCode == "masterKeyHashInvalid")
        }
    }

    @Test("a refresh returns a new pair, kills the old one, and reuse revokes the session", arguments: Engine.all)
    func refreshAndReuse(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let account = try await harness.account("alice")
            let refreshed = try await harness.send(
                .post,
                "/api/v1/sessions/refresh",
                token: account.accessToken,
                body: SessionRefreshRequest(refreshToken: account.tokens.refreshToken)
            )
            #expect(refreshed.status == 200)
            let pair = try refreshed.decode(TokenPairResponse.self)
            #expect(pair.accessToken != account.accessToken)
            #expect(pair.refreshTokenExpiredAt != nil)
            #expect(try await harness.send(.get, "/api/v1/vaults", token: pair.accessToken).status == 200)
            #expect(try await harness.send(.get, "/api/v1/vaults", token: account.accessToken).status == 401)

            let reuse = try await harness.send(
                .post,
                "/api/v1/sessions/refresh",
                body: SessionRefreshRequest(refreshToken: account.tokens.refreshToken)
            )
            #expect(reuse.status == 401)
            #expect(reuse.errorCode == "refreshTokenInvalid")
            #expect(try await harness.send(.get, "/api/v1/vaults", token: pair.accessToken).status == 401)
        }
    }

    @Test("refresh-access-token and refresh-refresh-token rotate one token each", arguments: Engine.all)
    func singleTokenRotation(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let account = try await harness.account("alice")
            let access = try await harness.send(
                .post,
                "/api/v1/sessions/refresh-access-token",
                body: RefreshAccessTokenRequest(accessToken: account.accessToken)
            )
            #expect(access.status == 200)
            let newAccess = try access.decode(RefreshAccessTokenResponse.self).accessToken
            #expect(try await harness.send(.get, "/api/v1/vaults", token: account.accessToken).status == 401)
            #expect(try await harness.send(.get, "/api/v1/vaults", token: newAccess).status == 200)

            let refresh = try await harness.send(
                .post,
                "/api/v1/sessions/refresh-refresh-token",
                body: RefreshRefreshTokenRequest(refreshToken: account.tokens.refreshToken)
            )
            #expect(refresh.status == 200)
            let newRefresh = try refresh.decode(RefreshRefreshTokenResponse.self).refreshToken
            let pair = try await harness.send(
                .post,
                "/api/v1/sessions/refresh",
                token: newAccess,
                body: SessionRefreshRequest(refreshToken: newRefresh)
            )
            #expect(pair.status == 200)
        }
    }

    @Test("tokens are stored only as SHA-256", arguments: Engine.all)
    func tokensAreHashed(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let account = try await harness.account("alice")
            let stored = try await harness.database.allStoredBytes()
            #expect(stored.range(of: Data(account.accessToken.utf8)) == nil)
            #expect(stored.range(of: Data(account.tokens.refreshToken.utf8)) == nil)
            #expect(stored.range(of: Data(TokenGenerator.hash(account.accessToken).utf8)) != nil)
        }
    }
}
