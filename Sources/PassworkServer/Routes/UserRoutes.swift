import Foundation
import PassworkModels
import SecretCrypto

/// `users/master-key/options`, `master-key/new-options`, `users/keys`, `users/{id}/public-key`, `POST users`.
enum UserRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("GET", Endpoints.masterKeyOptions) { request in
                let user = try request.requireCaller().user
                guard let options = user.masterKeyOptions else {
                    throw ServerError(.notFound, "this user has no master key")
                }
                return try .json(MasterKeyOptionsResponse(masterKeyOptions: options))
            },
            APIRoute("GET", Endpoints.masterKeyNewOptions) { _ in
                try .json(
                    MasterKeyNewOptions(
                        salt: try Self.newSalt(),
                        iterations: 300_000,
                        bytes: 64,
                        digest: "sha256"
                    )
                )
            },
            APIRoute("GET", Endpoints.userKeys) { request in
                let user = try request.requireCaller().user
                guard let publicKey = user.publicKey, let privateEncrypted = user.privateEncrypted else {
                    throw ServerError(.notFound, "this user has no key pair")
                }
                return try .json(
                    UserKeysResponse(
                        id: user.id,
                        keys: UserKeyPair(publicKey: publicKey, privateEncrypted: privateEncrypted)
                    )
                )
            },
            APIRoute("GET", Endpoints.userPublicKey) { request in
                _ = try request.requireCaller()
                guard let user = try await context.repository.user(id: try request.parameter("id")),
                    let publicKey = user.publicKey
                else { throw ServerError.notFound("user") }
                return try .json(UserPublicKeyResponse(publicKey: publicKey))
            },
            APIRoute("POST", Endpoints.users, batchable: false) { request in
                let caller = try request.requireCaller()
                guard caller.user.role == .admin else { throw ServerError.forbidden("only administrators add users") }
                let body = try request.decode(CreateUserRequest.self)
                let user = try Self.makeUser(body, now: context.now)
                try await context.repository.createUser(user)
                return try .json(IDResponse(id: user.id))
            },
        ]
    }

    /// A 20-character salt from `[A-Za-z0-9@!]`, as Passwork's.
    static func newSalt() throws -> String {
        try RandomKey.make(length: 20).unsafeString()
    }

    static func makeUser(_ body: CreateUserRequest, now: Int64) throws(ServerError) -> UserRecord {
        let login = body.login.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty else { throw ServerError.invalid("login", "must not be empty") }
        guard let role = AccountRole(rawValue: body.userRoleId) else {
            throw ServerError.invalid("userRoleId", "unknown role")
        }
        if let options = body.masterKeyOptions {
            do {
                _ = try PassworkModels.MasterKeyOptions(parsing: options)
            } catch {
                throw ServerError.invalid("masterKeyOptions", "must be pbkdf:sha256:ITERATIONS:BYTES:SALT")
            }
        }
        return UserRecord(
            id: TokenGenerator.id(),
            login: login,
            fullName: body.fullName,
            email: body.email,
            role: role,
            masterKeyHash: body.masterKeyHash?.lowercased(),
            masterKeyOptions: body.masterKeyOptions,
            publicKey: body.keys?.publicKey,
            privateEncrypted: body.keys?.privateEncrypted,
            createdAt: now
        )
    }
}
