/// One entry of `GET /api/v1/app/features`, which answers a top-level JSON array of these.
public struct AppFeature: Codable, Sendable, Equatable {
    /// The feature's name.
    public var name: String

    /// The feature that makes `typeId` mandatory when creating a vault.
    public static let vaultTypeName = "vaultType"

    /// Creates a feature entry.
    public init(name: String) {
        self.name = name
    }
}

/// Password rules from `GET /api/v1/app/settings`. Every field may be missing or `null`.
public struct PasswordComplexity: Codable, Sendable, Equatable {
    /// Minimum length.
    public var minLength: Int?
    /// At least one digit.
    public var isDigitsRequired: Bool?
    /// At least one upper-case letter.
    public var isUppercaseRequired: Bool?
    /// At least one of `!@#$%^`.
    public var isSpecialCharactersRequired: Bool?

    /// Creates the rules.
    public init(
        minLength: Int? = nil,
        isDigitsRequired: Bool? = nil,
        isUppercaseRequired: Bool? = nil,
        isSpecialCharactersRequired: Bool? = nil
    ) {
        self.minLength = minLength
        self.isDigitsRequired = isDigitsRequired
        self.isUppercaseRequired = isUppercaseRequired
        self.isSpecialCharactersRequired = isSpecialCharactersRequired
    }
}

/// Answer of `GET /api/v1/app/settings` (the parts the connector reads).
public struct AppSettings: Codable, Sendable, Equatable {
    /// Rules for login passwords.
    public var authPasswordComplexity: PasswordComplexity?
    /// Rules for master passwords.
    public var masterPasswordComplexity: PasswordComplexity?

    /// Creates the settings.
    public init(
        authPasswordComplexity: PasswordComplexity? = nil,
        masterPasswordComplexity: PasswordComplexity? = nil
    ) {
        self.authPasswordComplexity = authPasswordComplexity
        self.masterPasswordComplexity = masterPasswordComplexity
    }
}

/// Body of `POST /api/v1/app/health-check`.
public struct HealthCheckRequest: Codable, Sendable, Equatable {
    /// The health-check token configured on the server.
    public var token: String

    /// Creates the body.
    public init(token: String) {
        self.token = token
    }
}

/// Answer of the health check: `{"states": {"mongodb": "ok"}, "errors": []}`.
public struct HealthCheckResponse: Codable, Sendable, Equatable {
    /// The state of each backing service, e.g. `["mongodb": "ok"]`.
    public var states: [String: String]
    /// Problems found; their shape is undocumented.
    public var errors: [JSONValue]

    /// The state value that means healthy.
    public static let okState = "ok"

    /// Creates the response.
    public init(states: [String: String], errors: [JSONValue] = []) {
        self.states = states
        self.errors = errors
    }

    private enum CodingKeys: String, CodingKey {
        case states, errors
    }

    /// Decodes the response; missing or `null` members count as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.states = try container.decode([String: String].self, forKey: .states, default: [:])
        self.errors = try container.decode([JSONValue].self, forKey: .errors, default: [])
    }
}
