import Foundation
public import PassworkModels

/// A freshly issued token pair; the only time the plaintext tokens exist on the server.
public struct IssuedTokens: Sendable {
    public let sessionId: String
    public let accessToken: String
    public let refreshToken: String
    public let accessExpiresAt: Int64
    public let refreshExpiresAt: Int64

    /// The wire answer of a pair refresh.
    public var response: TokenPairResponse {
        TokenPairResponse(
            accessToken: self.accessToken,
            refreshToken: self.refreshToken,
            accessTokenExpiredAt: self.accessExpiresAt,
            refreshTokenExpiredAt: self.refreshExpiresAt
        )
    }
}

/// Issues, checks and rotates token pairs (docs/wire-format.md, "Tokens"). A refresh kills the old pair;
/// presenting a refresh token that was already used revokes its session (reuse detection).
public struct TokenService: Sendable {
    let repository: any Repository
    let settings: TokenSettings
    let now: @Sendable () -> Int64
    /// Sessions (with their users) by access-token hash, as every authenticated request looks them up.
    private let sessions: ReadCache<String, (session: SessionRecord, user: UserRecord)>

    /// - Parameter cacheEntries: how many sessions to keep in the read cache (0: none).
    public init(
        repository: any Repository,
        settings: TokenSettings,
        cacheEntries: Int = 0,
        now: @escaping @Sendable () -> Int64 = TokenService.currentTime
    ) {
        self.repository = repository
        self.settings = settings
        self.now = now
        self.sessions = ReadCache(capacity: cacheEntries)
    }

    /// Unix seconds now.
    public static func currentTime() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// A new session for `userId`.
    public func issue(userId: String) async throws -> IssuedTokens {
        let now = self.now()
        let tokens = self.makeTokens(sessionId: TokenGenerator.id(), now: now)
        try await self.repository.createSession(
            SessionRecord(
                id: tokens.sessionId,
                userId: userId,
                accessHash: TokenGenerator.hash(tokens.accessToken),
                accessExpiresAt: tokens.accessExpiresAt,
                refreshHash: TokenGenerator.hash(tokens.refreshToken),
                refreshExpiresAt: tokens.refreshExpiresAt,
                createdAt: now
            )
        )
        return tokens
    }

    /// The caller behind `Authorization: Bearer …`, checking `X-Master-Key-Hash` when sent. With a read
    /// cache, the session is looked up under the database's change stamp, which the caller carries on.
    /// - Throws: ``ServerError`` `unauthorized`, `accessTokenInvalid`, `accessTokenExpired` or `masterKeyHashInvalid`.
    public func authenticate(authorization: String?, masterKeyHash: String?) async throws -> Caller {
        guard let authorization else { throw ServerError(.unauthorized, "the Authorization header is missing") }
        guard let token = PassworkHeaders.bearerToken(fromAuthorization: authorization) else {
            throw ServerError(.accessTokenInvalid, "the Authorization header is not 'Bearer <token>'")
        }
        let hash = TokenGenerator.hash(token)
        let stamp = self.sessions.capacity > 0 ? try await self.repository.changeStamp() : nil
        let found = try await self.sessions.value(for: hash, stamp: stamp) {
            try await self.repository.sessionWithUser(accessHash: hash)
        }
        // Revocation and expiry are checked on every request, cached or not.
        guard let (session, user) = found, !session.revoked
        else { throw ServerError(.accessTokenInvalid, "the access token is not valid") }
        guard self.now() < session.accessExpiresAt else {
            throw ServerError(.accessTokenExpired, "the access token has expired")
        }
        if let masterKeyHash, !masterKeyHash.isEmpty {
            guard let stored = user.masterKeyHash, stored.lowercased() == masterKeyHash.lowercased() else {
                throw ServerError(.masterKeyHashInvalid, "the master key does not match")
            }
        }
        return Caller(user: user, sessionId: session.id, cacheStamp: stamp)
    }

    /// The pair refresh: finds the session by the refresh token (and the Bearer token, when sent, must
    /// belong to it), then issues a new pair. - Returns: the new pair and the session's user id.
    public func refreshPair(authorization: String?, refreshToken: String) async throws -> (IssuedTokens, String) {
        let session = try await self.liveSession(refreshToken: refreshToken)
        if let authorization, let bearer = PassworkHeaders.bearerToken(fromAuthorization: authorization),
            TokenGenerator.hash(bearer) != session.accessHash
        {
            throw ServerError(.accessTokenInvalid, "the access token does not belong to this session")
        }
        let now = self.now()
        let tokens = self.makeTokens(sessionId: session.id, now: now)
        let swapped = try await self.repository.rotatePair(
            sessionId: session.id,
            expectedRefreshHash: session.refreshHash,
            accessHash: TokenGenerator.hash(tokens.accessToken),
            accessExpiresAt: tokens.accessExpiresAt,
            refreshHash: TokenGenerator.hash(tokens.refreshToken),
            refreshExpiresAt: tokens.refreshExpiresAt,
            now: now
        )
        guard swapped else { throw try await self.reuse(sessionId: session.id) }
        return (tokens, session.userId)
    }

    /// `refresh-access-token`: a new access token for the session holding `accessToken` (expired or not).
    public func refreshAccess(accessToken: String) async throws -> (RefreshAccessTokenResponse, String) {
        let hash = TokenGenerator.hash(accessToken)
        guard let session = try await self.repository.session(accessHash: hash), !session.revoked else {
            throw ServerError(.accessTokenInvalid, "the access token is not valid")
        }
        let now = self.now()
        guard now < session.refreshExpiresAt else {
            throw ServerError(.refreshTokenExpired, "the session has expired")
        }
        let token = TokenGenerator.token()
        let expiresAt = now + self.settings.accessTTL
        let swapped = try await self.repository.rotateAccess(
            sessionId: session.id,
            expectedAccessHash: hash,
            accessHash: TokenGenerator.hash(token),
            accessExpiresAt: expiresAt
        )
        guard swapped else { throw ServerError(.accessTokenInvalid, "the access token is not valid") }
        return (RefreshAccessTokenResponse(accessToken: token, accessTokenExpiredAt: expiresAt), session.userId)
    }

    /// `refresh-refresh-token`: a new refresh token; the old one counts as used.
    public func refreshRefresh(refreshToken: String) async throws -> (RefreshRefreshTokenResponse, String) {
        let session = try await self.liveSession(refreshToken: refreshToken)
        let now = self.now()
        let token = TokenGenerator.token()
        let expiresAt = now + self.settings.refreshTTL
        let swapped = try await self.repository.rotateRefresh(
            sessionId: session.id,
            expectedRefreshHash: session.refreshHash,
            refreshHash: TokenGenerator.hash(token),
            refreshExpiresAt: expiresAt,
            now: now
        )
        guard swapped else { throw try await self.reuse(sessionId: session.id) }
        return (RefreshRefreshTokenResponse(refreshToken: token, refreshTokenExpiredAt: expiresAt), session.userId)
    }

    /// The live session of a refresh token; a token that was already used revokes its session.
    private func liveSession(refreshToken: String) async throws -> SessionRecord {
        let hash = TokenGenerator.hash(refreshToken)
        guard let session = try await self.repository.session(refreshHash: hash) else {
            if let reusedSession = try await self.repository.sessionIdForUsedRefreshToken(hash) {
                throw try await self.reuse(sessionId: reusedSession)
            }
            throw ServerError(.refreshTokenInvalid, "the refresh token is not valid")
        }
        guard !session.revoked else { throw ServerError(.refreshTokenInvalid, "the session was revoked") }
        guard self.now() < session.refreshExpiresAt else {
            throw ServerError(.refreshTokenExpired, "the refresh token has expired")
        }
        return session
    }

    /// Revokes a session whose used refresh token came back, and returns the error to answer with.
    private func reuse(sessionId: String) async throws -> ServerError {
        try await self.repository.revokeSession(id: sessionId)
        return ServerError(.refreshTokenInvalid, "the refresh token was already used; the session is revoked")
    }

    private func makeTokens(sessionId: String, now: Int64) -> IssuedTokens {
        IssuedTokens(
            sessionId: sessionId,
            accessToken: TokenGenerator.token(),
            refreshToken: TokenGenerator.token(),
            accessExpiresAt: now + self.settings.accessTTL,
            refreshExpiresAt: now + self.settings.refreshTTL
        )
    }
}
