public import PassworkModels

/// The one error type of `PassworkServer`: a stable ``Code`` to match on, a human message and, for request
/// errors, the request field at fault. Every error answer of the API is rendered from one of these.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case accessTokenExpired, accessTokenInvalid, refreshTokenInvalid, refreshTokenExpired
            case masterKeyHashInvalid, unauthorized, forbidden, notFound, badRequest, validation
            case tooLarge, conflict, methodNotAllowed, internalError, database, configuration
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// The access token has expired (401, `accessTokenExpired`).
        public static var accessTokenExpired: Self { .init(.accessTokenExpired) }
        /// The access token is unknown, revoked or malformed (401).
        public static var accessTokenInvalid: Self { .init(.accessTokenInvalid) }
        /// The refresh token is unknown, already used or revoked (401).
        public static var refreshTokenInvalid: Self { .init(.refreshTokenInvalid) }
        /// The refresh token has expired (401).
        public static var refreshTokenExpired: Self { .init(.refreshTokenExpired) }
        /// `X-Master-Key-Hash` does not match the user's (403).
        public static var masterKeyHashInvalid: Self { .init(.masterKeyHashInvalid) }
        /// No usable credentials (401).
        public static var unauthorized: Self { .init(.unauthorized) }
        /// The caller may not do this (403).
        public static var forbidden: Self { .init(.forbidden) }
        /// Unknown or invisible object, or unknown path (404).
        public static var notFound: Self { .init(.notFound) }
        /// Unparseable request (400).
        public static var badRequest: Self { .init(.badRequest) }
        /// A field has an invalid value (422).
        public static var validation: Self { .init(.validation) }
        /// Body or list over the limit (413).
        public static var tooLarge: Self { .init(.tooLarge) }
        /// Already exists (409).
        public static var conflict: Self { .init(.conflict) }
        /// The path exists, not with this method (405).
        public static var methodNotAllowed: Self { .init(.methodNotAllowed) }
        /// A bug or an unexpected state (500).
        public static var internalError: Self { .init(.internalError) }
        /// The database failed (500).
        public static var database: Self { .init(.database) }
        /// The server's configuration is unusable (startup only).
        public static var configuration: Self { .init(.configuration) }

        /// The code's stable name.
        public var description: String { self.value.rawValue }
    }

    /// Why the operation failed.
    public let code: Code
    /// A human-readable message; never contains secret values.
    public let message: String
    /// The request field at fault, if any.
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(self.code): \(self.message)" }

    /// Equality and hashing consider the code only, so tests can compare with a freshly made error.
    public static func == (lhs: ServerError, rhs: ServerError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// The Passwork error code sent on the wire.
    public var wireCode: ErrorCode {
        switch self.code {
        case .accessTokenExpired: return .accessTokenExpired
        case .accessTokenInvalid: return .accessTokenInvalid
        case .refreshTokenInvalid: return .refreshTokenInvalid
        case .refreshTokenExpired: return .refreshTokenExpired
        case .masterKeyHashInvalid: return .masterKeyHashInvalid
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .badRequest: return .badRequest
        case .validation: return .validation
        case .tooLarge: return .tooLarge
        case .conflict: return .conflict
        case .methodNotAllowed: return .methodNotAllowed
        default: return .internalError
        }
    }

    /// The HTTP status of the answer.
    public var httpStatus: Int { self.wireCode.httpStatus }

    /// The errors envelope of the answer.
    public var envelope: ErrorEnvelope {
        ErrorEnvelope(code: self.wireCode, message: self.message, field: self.field)
    }
}

extension ServerError {
    /// 404 for an object the caller cannot see; the message names the kind only.
    static func notFound(_ kind: String) -> ServerError { ServerError(.notFound, "\(kind) not found") }

    /// 403 with a message.
    static func forbidden(_ message: String) -> ServerError { ServerError(.forbidden, message) }

    /// 422 for a field.
    static func invalid(_ field: String, _ message: String) -> ServerError {
        ServerError(.validation, message, field: field)
    }

    /// 500 for a database failure; the message is logged, not sent.
    static func database(_ message: String) -> ServerError { ServerError(.database, message) }
}
