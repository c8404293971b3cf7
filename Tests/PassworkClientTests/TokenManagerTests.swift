import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import TestSupport
import Testing

/// The token manager against a live `secretfs-server` whose access tokens live 2 seconds.
@Suite(.serialized) struct TokenManagerTests {
    private func client(_ server: ServerProcess, file: CredentialsFile? = nil) throws -> PassworkClient {
        try PassworkClient(
            configuration: ClientConfiguration(host: server.credentials.host),
            credentials: try file?.load() ?? server.credentials,
            credentialsFile: file
        )
    }

    private func waitForExpiry(of credentials: Credentials) async throws {
        let expiresAt = try #require(credentials.accessTokenExpiredAt, "the server gave no expiry")
        let wait = Double(expiresAt) - Date().timeIntervalSince1970 + 1.1
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
    }

    @Test func concurrentRequestsAcrossExpiryMakeOneRefresh() async throws {
        // Long enough that the renewed token outlives 200 requests on a loaded 2-core machine.
        let server = try ServerProcess(accessTTL: "6s")
        defer { server.stop() }
        let file = CredentialsFile(path: server.directory.appendingPathComponent("credentials.json").path)
        try file.save(server.credentials)
        let client = try self.client(server, file: file)
        defer { Task { await client.shutdown() } }
        _ = try await client.userKeys()
        try await self.waitForExpiry(of: server.credentials)

        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { (try? await client.userKeys()) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 }, "\(results.filter { !$0 }.count) requests failed")
        #expect(await client.tokens.refreshCount == 1)

        // The new pair was persisted before use; a restarted client (from the file) works with it.
        let persisted = try file.load()
        // Routine renewal uses refresh-access-token: a new access token, the same refresh token.
        #expect(persisted.accessToken != server.credentials.accessToken)
        #expect(persisted.refreshToken == server.credentials.refreshToken)
        #expect(persisted.accessToken == (await client.tokens.current.accessToken))
        let restarted = try self.client(server, file: file)
        defer { Task { await restarted.shutdown() } }
        #expect(await restarted.tokens.current.accessToken == persisted.accessToken)
        _ = try await restarted.userKeys()
    }

    /// Near the refresh token's expiry the client rotates the whole pair (sessions/refresh) instead.
    @Test func rotatesThePairWhenTheRefreshTokenIsNearItsEnd() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        var credentials = server.credentials
        credentials.refreshTokenExpiredAt = Int64(Date().timeIntervalSince1970) + 60
        let client = try PassworkClient(
            configuration: ClientConfiguration(host: credentials.host),
            credentials: credentials
        )
        defer { Task { await client.shutdown() } }
        let renewed = try await client.tokens.refreshNow()
        #expect(renewed.refreshToken != credentials.refreshToken)
        #expect(renewed.accessToken != credentials.accessToken)
        _ = try await client.userKeys()
    }

    @Test func revokedRefreshTokenIsTerminal() async throws {
        let server = try ServerProcess(accessTTL: "2s")
        defer { server.stop() }
        let client = try self.client(server)
        defer { Task { await client.shutdown() } }
        _ = try await client.userKeys()
        try ServerProcess.run(["token", "revoke", "--database", server.database, "--login", "admin"])
        try await self.waitForExpiry(of: server.credentials)
        await #expect(throws: ClientError.sessionExpired("")) { try await client.userKeys() }
        // Terminal: no second refresh call, the same clear error at once.
        await #expect(throws: ClientError.sessionExpired("")) { try await client.userKeys() }
        #expect(await client.tokens.refreshCount == 1)
    }

    /// A refresh token that was already used (the answer to a refresh was lost, say) revokes the session on
    /// the server; the client then fails clearly instead of looping.
    @Test func reusedRefreshTokenFailsClearly() async throws {
        let server = try ServerProcess(accessTTL: "2s")
        defer { server.stop() }
        let first = try self.client(server)
        defer { Task { await first.shutdown() } }
        try await first.tokens.refreshNow()
        // A second client still holding the old pair, as after an answer lost in transit.
        let stale = try self.client(server)
        defer { Task { await stale.shutdown() } }
        await #expect(throws: ClientError.sessionExpired("")) { try await stale.tokens.refreshNow() }
    }

    /// With no request in between, the background task renews the pair before the access token dies, so the
    /// next request goes through without a refresh of its own.
    /// Tokens from the environment come without their expiry: the first refresh is on demand, and from then on
    /// the background refreshes them ahead of time.
    @Test func tokensWithoutAKnownExpiryAreRefreshedAheadOnceItIsKnown() async throws {
        let server = try ServerProcess(accessTTL: "2s")
        defer { server.stop() }
        var credentials = server.credentials
        credentials.accessTokenExpiredAt = nil
        credentials.refreshTokenExpiredAt = nil
        let client = try PassworkClient(
            configuration: ClientConfiguration(host: credentials.host),
            credentials: credentials
        )
        defer { Task { await client.shutdown() } }
        let refresher = Task { await client.tokens.runBackgroundRefresh(unknownExpiryRecheck: .milliseconds(100)) }
        defer { refresher.cancel() }
        try await Task.sleep(for: .milliseconds(2500))
        #expect(await client.tokens.refreshCount == 0)
        _ = try await client.userKeys()  // expired: refreshed on demand, which tells the expiry
        #expect(await client.tokens.refreshCount == 1)
        let deadline = ContinuousClock.now + .seconds(15)
        while await client.tokens.refreshCount < 2 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await client.tokens.refreshCount >= 2)
    }

    @Test func backgroundRefreshKeepsTheTokenAlive() async throws {
        let server = try ServerProcess(accessTTL: "2s")
        defer { server.stop() }
        let client = try self.client(server)
        defer { Task { await client.shutdown() } }
        let refresher = Task { await client.tokens.runBackgroundRefresh() }
        defer { refresher.cancel() }
        // Polled with a deadline rather than timed: on a loaded machine the background task may run late.
        let deadline = ContinuousClock.now + .seconds(15)
        while await client.tokens.lastRefresh == nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let refreshed = await client.tokens.refreshCount
        #expect(refreshed >= 1)
        #expect(await client.tokens.current.accessToken != server.credentials.accessToken)
        #expect(await client.tokens.lastRefresh != nil)
        _ = try await client.userKeys()
        // Only background refreshes happened (at most one more may have come due meanwhile).
        #expect(await client.tokens.refreshCount <= refreshed + 1)
    }
}
