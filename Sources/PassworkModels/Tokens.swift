/// Body of the pair refresh `POST /api/v1/sessions/refresh` (sent with the current, possibly expired,
/// access token as Bearer). The old pair dies when the refresh succeeds.
public struct SessionRefreshRequest: Codable, Sendable, Equatable {
    /// The current refresh token.
    public var refreshToken: String

    /// Creates the body.
    public init(refreshToken: String) {
        self.refreshToken = refreshToken
    }
}

/// Answer of the pair refresh: a new access token and a new refresh token.
///
/// Expiry times are Unix seconds. Real servers have been seen answering without `refreshTokenExpiredAt`,
/// so both are optional; a missing token is a decoding error.
public struct TokenPairResponse: Codable, Sendable, Equatable {
    /// The new access token (opaque, base64 of 32 bytes on real servers).
    public var accessToken: String
    /// The new refresh token.
    public var refreshToken: String
    /// When the access token expires, in Unix seconds.
    public var accessTokenExpiredAt: Int64?
    /// When the refresh token expires, in Unix seconds.
    public var refreshTokenExpiredAt: Int64?

    /// Creates the response.
    public init(
        accessToken: String,
        refreshToken: String,
        accessTokenExpiredAt: Int64? = nil,
        refreshTokenExpiredAt: Int64? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessTokenExpiredAt = accessTokenExpiredAt
        self.refreshTokenExpiredAt = refreshTokenExpiredAt
    }
}

/// Body of `POST /api/v1/sessions/refresh-access-token` (Passwork ≥ 7.6, API sessions, no Authorization header).
public struct RefreshAccessTokenRequest: Codable, Sendable, Equatable {
    /// The access token to rotate.
    public var accessToken: String

    /// Creates the body.
    public init(accessToken: String) {
        self.accessToken = accessToken
    }
}

/// Answer of `refresh-access-token`: only the access token changes.
public struct RefreshAccessTokenResponse: Codable, Sendable, Equatable {
    /// The new access token.
    public var accessToken: String
    /// When it expires, in Unix seconds.
    public var accessTokenExpiredAt: Int64?

    /// Creates the response.
    public init(accessToken: String, accessTokenExpiredAt: Int64? = nil) {
        self.accessToken = accessToken
        self.accessTokenExpiredAt = accessTokenExpiredAt
    }
}

/// Body of `POST /api/v1/sessions/refresh-refresh-token` (Passwork ≥ 7.6, API sessions, no Authorization header).
public struct RefreshRefreshTokenRequest: Codable, Sendable, Equatable {
    /// The refresh token to rotate.
    public var refreshToken: String

    /// Creates the body.
    public init(refreshToken: String) {
        self.refreshToken = refreshToken
    }
}

/// Answer of `refresh-refresh-token`: only the refresh token changes.
public struct RefreshRefreshTokenResponse: Codable, Sendable, Equatable {
    /// The new refresh token.
    public var refreshToken: String
    /// When it expires, in Unix seconds.
    public var refreshTokenExpiredAt: Int64?

    /// Creates the response.
    public init(refreshToken: String, refreshTokenExpiredAt: Int64? = nil) {
        self.refreshToken = refreshToken
        self.refreshTokenExpiredAt = refreshTokenExpiredAt
    }
}
