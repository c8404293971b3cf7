import PassworkModels

/// `sessions/refresh`, `refresh-access-token`, `refresh-refresh-token` (docs/wire-format.md, "Tokens"). They
/// carry their own credentials, so they are anonymous routes and never run inside a batch.
enum SessionRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.sessionRefresh, access: .anonymous, batchable: false) { request in
                let body = try request.decode(SessionRefreshRequest.self)
                do {
                    let (tokens, userId) = try await context.tokens.refreshPair(
                        authorization: request.authorization,
                        refreshToken: body.refreshToken
                    )
                    context.audit.record(action: .tokenRefresh, userId: userId)
                    return try .json(tokens.response)
                } catch let error as ServerError {
                    context.audit.record(action: .tokenRefresh, userId: nil, result: .denied)
                    throw error
                }
            },
            APIRoute("POST", Endpoints.sessionRefreshAccessToken, access: .anonymous, batchable: false) { request in
                let body = try request.decode(RefreshAccessTokenRequest.self)
                let (response, userId) = try await context.tokens.refreshAccess(accessToken: body.accessToken)
                context.audit.record(action: .tokenRefresh, userId: userId, field: "access")
                return try .json(response)
            },
            APIRoute("POST", Endpoints.sessionRefreshRefreshToken, access: .anonymous, batchable: false) { request in
                let body = try request.decode(RefreshRefreshTokenRequest.self)
                let (response, userId) = try await context.tokens.refreshRefresh(refreshToken: body.refreshToken)
                context.audit.record(action: .tokenRefresh, userId: userId, field: "refresh")
                return try .json(response)
            },
        ]
    }
}
