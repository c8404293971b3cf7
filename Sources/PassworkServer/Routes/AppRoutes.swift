import PassworkModels

/// `app/features`, `app/settings`, `app/health-check`, `user-roles`, `vault-types`.
enum AppRoutes {
    /// The vault types every server has.
    static let vaultTypes = [
        VaultType(id: "company", name: "Company vault", code: VaultType.companyCode),
        VaultType(id: "privateShared", name: "Private shared vault", code: VaultType.privateSharedCode),
    ]

    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("GET", Endpoints.appFeatures) { _ in
                try .json([AppFeature(name: "serviceAccounts"), AppFeature(name: "auditEvents")])
            },
            APIRoute("GET", Endpoints.appSettings) { _ in
                let complexity = PasswordComplexity(
                    minLength: 12,
                    isDigitsRequired: true,
                    isUppercaseRequired: true,
                    isSpecialCharactersRequired: false
                )
                return try .json(AppSettings(authPasswordComplexity: complexity, masterPasswordComplexity: complexity))
            },
            APIRoute("POST", Endpoints.healthCheck, access: .anonymous, batchable: false) { request in
                let body = try request.decode(HealthCheckRequest.self)
                if let expected = context.healthCheckToken, expected != body.token {
                    throw ServerError(.forbidden, "wrong health-check token")
                }
                _ = try await context.repository.userCount()
                return try .json(HealthCheckResponse(states: ["database": HealthCheckResponse.okState]))
            },
            APIRoute("GET", Endpoints.userRoles) { _ in
                let roles = AccountRole.allCases.map {
                    PassworkModels.UserRole(id: $0.rawValue, code: $0.rawValue, name: $0.rawValue)
                }
                return try .json(ListResponse(items: roles))
            },
            APIRoute("GET", Endpoints.vaultTypes) { _ in
                try .json(ListResponse(items: Self.vaultTypes))
            },
            APIRoute("GET", Endpoints.vaultTypeAdministrators) { request in
                let typeId = try request.parameter("id")
                guard Self.vaultTypes.contains(where: { $0.id == typeId }) else {
                    throw ServerError.notFound("vault type")
                }
                let admins = try await context.repository.users(role: .admin)
                let items = admins.compactMap { user in
                    user.publicKey.map { VaultTypeAdministrator(id: user.id, publicKey: $0) }
                }
                return try .json(ListResponse(items: items))
            },
        ]
    }
}
