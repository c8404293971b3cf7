/// A Passwork error code, the `code` of an ``ErrorDetail``. Any string decodes; the well-known ones are
/// constants so the client and server agree on them.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The code as sent on the wire.
    public let rawValue: String

    /// Creates a code from its wire form.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a code from a literal.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The access token has expired; the client should refresh the pair and retry once. Passwork's own code,
    /// which the connector looks for.
    public static let accessTokenExpired: ErrorCode = "accessTokenExpired"
    /// The access token is unknown or malformed.
    public static let accessTokenInvalid: ErrorCode = "accessTokenInvalid"
    /// The refresh token is unknown, already used, or does not belong to the session.
    public static let refreshTokenInvalid: ErrorCode = "refreshTokenInvalid"
    /// The refresh token has expired; the user must issue a new pair.
    public static let refreshTokenExpired: ErrorCode = "refreshTokenExpired"
    /// `X-Master-Key-Hash` does not match the user's master key.
    public static let masterKeyHashInvalid: ErrorCode = "masterKeyHashInvalid"
    /// No usable credentials were sent.
    public static let unauthorized: ErrorCode = "unauthorized"
    /// The caller may not do this.
    public static let forbidden: ErrorCode = "forbidden"
    /// The object does not exist or is not visible to the caller.
    public static let notFound: ErrorCode = "notFound"
    /// The request could not be parsed (bad JSON, wrong types).
    public static let badRequest: ErrorCode = "badRequest"
    /// A field has an invalid value; ``ErrorDetail/field`` names it.
    public static let validation: ErrorCode = "validation"
    /// The body or a list in it is over the limit (e.g. a batch of more than 25).
    public static let tooLarge: ErrorCode = "tooLarge"
    /// The object was changed or already exists.
    public static let conflict: ErrorCode = "conflict"
    /// The path exists but not with this method.
    public static let methodNotAllowed: ErrorCode = "methodNotAllowed"
    /// The caller sent too many requests.
    public static let tooManyRequests: ErrorCode = "tooManyRequests"
    /// The server failed.
    public static let internalError: ErrorCode = "internalError"

    /// The HTTP status a server should answer with for this code; 400 for codes it does not know.
    public var httpStatus: Int {
        switch self {
        case .accessTokenExpired, .accessTokenInvalid, .refreshTokenInvalid, .refreshTokenExpired, .unauthorized:
            return 401
        case .masterKeyHashInvalid, .forbidden: return 403
        case .notFound: return 404
        case .methodNotAllowed: return 405
        case .conflict: return 409
        case .tooLarge: return 413
        case .validation: return 422
        case .tooManyRequests: return 429
        case .internalError: return 500
        default: return 400
        }
    }

    /// The wire form.
    public var description: String { self.rawValue }
}

/// One entry of an error envelope: `{"code": "...", "message": "...", "field": "..."}` (`field` optional).
public struct ErrorDetail: Codable, Sendable, Equatable {
    /// What went wrong.
    public var code: ErrorCode
    /// A human-readable message; never contains secret values.
    public var message: String
    /// The request field at fault, if any.
    public var field: String?

    /// Creates an entry.
    public init(code: ErrorCode, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The connector's rendering: `"field => message"` when `field` is non-empty, else `message`.
    public var connectorMessage: String {
        if let field = self.field, !field.isEmpty {
            return "\(field) => \(self.message)"
        }
        return self.message
    }
}

/// The body of every Passwork error answer (status ≥ 400): `{"errors": [ErrorDetail, ...]}`.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    /// The errors, at least one on a real server.
    public var errors: [ErrorDetail]

    /// Creates an envelope.
    public init(errors: [ErrorDetail]) {
        self.errors = errors
    }

    /// Creates an envelope holding one error.
    public init(code: ErrorCode, message: String, field: String? = nil) {
        self.init(errors: [ErrorDetail(code: code, message: message, field: field)])
    }

    /// Whether any entry has `code`.
    public func contains(_ code: ErrorCode) -> Bool {
        self.errors.contains { $0.code == code }
    }

    /// Whether this is the expiry signal that makes the connector refresh the token pair.
    public var isAccessTokenExpired: Bool {
        self.contains(.accessTokenExpired)
    }

    /// Each entry rendered as the connector renders it (``ErrorDetail/connectorMessage``).
    public var connectorMessages: [String] {
        self.errors.map(\.connectorMessage)
    }

    /// The message of the connector's `PassworkError`: Python's `str()` of ``connectorMessages``,
    /// e.g. `['name => is required', 'Not found']`.
    public var connectorDescription: String {
        "[" + self.connectorMessages.map(PythonRepr.string).joined(separator: ", ") + "]"
    }
}
