/// A user's RSA key pair as stored on the server: `{"public": "<SPKI PEM>", "privateEncrypted": "<CSE>"}`.
public struct UserKeyPair: Codable, Sendable, Equatable {
    /// The public key, SPKI PEM (`BEGIN PUBLIC KEY`). Wire name `public`.
    public var publicKey: String
    /// The private key PEM encrypted with the master key (a CSE string); opaque here.
    public var privateEncrypted: String

    /// Creates the key pair.
    public init(publicKey: String, privateEncrypted: String) {
        self.publicKey = publicKey
        self.privateEncrypted = privateEncrypted
    }

    private enum CodingKeys: String, CodingKey {
        case publicKey = "public"
        case privateEncrypted
    }
}

/// Answer of `GET /api/v1/users/keys` (requested with `X-Master-Key-Hash`).
public struct UserKeysResponse: Codable, Sendable, Equatable {
    /// The user's id; not always sent.
    public var id: String?
    /// The user's keys.
    public var keys: UserKeyPair

    /// Creates the response.
    public init(id: String? = nil, keys: UserKeyPair) {
        self.id = id
        self.keys = keys
    }
}

/// Answer of `GET /api/v1/users/{id}/public-key`.
public struct UserPublicKeyResponse: Codable, Sendable, Equatable {
    /// The user's public key, SPKI PEM.
    public var publicKey: String

    /// Creates the response.
    public init(publicKey: String) {
        self.publicKey = publicKey
    }
}

/// Body of `POST /api/v1/users`; answered with ``IDResponse``.
///
/// `masterKeyHash`, `masterKeyOptions` and `keys` are sent only when client-side encryption is on.
public struct CreateUserRequest: Codable, Sendable, Equatable {
    /// Login name.
    public var login: String
    /// E-mail address.
    public var email: String
    /// Display name.
    public var fullName: String
    /// The role to give, from `GET /api/v1/user-roles`.
    public var userRoleId: String
    /// Groups to add the user to.
    public var userGroupIds: [String]?
    /// The generated initial login password.
    public var password: String
    /// `sha256hex(masterKey)` of the new user's master key.
    public var masterKeyHash: String?
    /// The new user's `masterKeyOptions` string.
    public var masterKeyOptions: String?
    /// The new user's key pair.
    public var keys: UserKeyPair?

    /// Creates the body.
    public init(
        login: String,
        email: String,
        fullName: String,
        userRoleId: String,
        userGroupIds: [String]? = nil,
        password: String,
        masterKeyHash: String? = nil,
        masterKeyOptions: String? = nil,
        keys: UserKeyPair? = nil
    ) {
        self.login = login
        self.email = email
        self.fullName = fullName
        self.userRoleId = userRoleId
        self.userGroupIds = userGroupIds
        self.password = password
        self.masterKeyHash = masterKeyHash
        self.masterKeyOptions = masterKeyOptions
        self.keys = keys
    }
}

/// One entry of `GET /api/v1/user-roles` (`{"items": [UserRole]}`).
public struct UserRole: Codable, Sendable, Equatable {
    /// The role's id.
    public var id: String
    /// The role's code, e.g. `user`.
    public var code: String
    /// The role's display name, when sent.
    public var name: String?

    /// The code of the ordinary user role.
    public static let userCode = "user"

    /// Creates a role.
    public init(id: String, code: String, name: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
    }
}

/// Query of `GET /api/v1/user-roles`, e.g. `?includeUserRole=1&isOnlyManageable=1`.
public struct UserRolesQuery: QueryParametersConvertible, Equatable {
    /// Include the plain user role.
    public var includeUserRole: Bool?
    /// Only roles the caller may assign.
    public var isOnlyManageable: Bool?

    /// Creates the query.
    public init(includeUserRole: Bool? = nil, isOnlyManageable: Bool? = nil) {
        self.includeUserRole = includeUserRole
        self.isOnlyManageable = isOnlyManageable
    }

    /// Flags are sent as `1`/`0`, as the connector's examples do.
    public var queryParameters: [QueryParameter] {
        var parameters: [QueryParameter] = []
        if let value = self.includeUserRole { parameters.append(.init("includeUserRole", value ? "1" : "0")) }
        if let value = self.isOnlyManageable { parameters.append(.init("isOnlyManageable", value ? "1" : "0")) }
        return parameters
    }

    /// Reads the flags; `1`/`true` (any case) is true, `0`/`false` is false.
    public init(queryParameters: [String: [String]]) throws(PassworkModelsError) {
        let reader = QueryReader(queryParameters)
        self.includeUserRole = try reader.bool("includeUserRole")
        self.isOnlyManageable = try reader.bool("isOnlyManageable")
    }
}
