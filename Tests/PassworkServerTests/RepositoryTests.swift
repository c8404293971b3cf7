import Foundation
import Testing

@testable import PassworkServer

@Suite("Repository")
struct RepositoryTests {
    /// Whether this refresh got the new pair; `false` when the token was refused as already used.
    static func refreshWins(_ service: TokenService, _ refreshToken: String) async throws -> Bool {
        do {
            _ = try await service.refreshPair(authorization: nil, refreshToken: refreshToken)
            return true
        } catch {
            guard let error = error as? ServerError, error.code == .refreshTokenInvalid else { throw error }
            return false
        }
    }

    @Test("migrations are idempotent and a refresh token wins only once under a race", arguments: Engine.all)
    func refreshRace(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await database.withRepository { _ in }
            try await database.withRepository { repository in
                let user = UserRecord(
                    id: TokenGenerator.id(),
                    login: "racer",
                    role: .user,
                    masterKeyHash: nil,
                    masterKeyOptions: nil,
                    publicKey: nil,
                    privateEncrypted: nil,
                    createdAt: 0
                )
                try await repository.createUser(user)
                let service = TokenService(repository: repository, settings: TokenSettings())
                let pair = try await service.issue(userId: user.id)
                let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<8 {
                        group.addTask { try await Self.refreshWins(service, pair.refreshToken) }
                    }
                    var results: [Bool] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                #expect(outcomes.filter { $0 }.count == 1)
                // The losers presented a used token: the session is revoked.
                let session = try await repository.session(refreshHash: TokenGenerator.hash(pair.refreshToken))
                #expect(session == nil)
                #expect(
                    try await repository.sessionIdForUsedRefreshToken(TokenGenerator.hash(pair.refreshToken)) != nil
                )
            }
        }
    }
}
