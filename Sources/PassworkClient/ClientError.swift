/// The one error type of `PassworkClient`. Equality considers only ``code``; messages never contain secrets.
public struct ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String {
            case serverUnreachable
            case malformedResponse
            case unauthorized
            case sessionExpired
            case forbidden
            case notFound
            case badRequest
            case serverError
            case wrongMasterKey
            case decryptionFailed
            case credentialsUnreadable
            case credentialsUnwritable
            case invalidConfiguration
        }
        fileprivate let value: Value
        public var description: String { self.value.rawValue }

        public static let serverUnreachable = Code(value: .serverUnreachable)
        public static let malformedResponse = Code(value: .malformedResponse)
        public static let unauthorized = Code(value: .unauthorized)
        public static let sessionExpired = Code(value: .sessionExpired)
        public static let forbidden = Code(value: .forbidden)
        public static let notFound = Code(value: .notFound)
        public static let badRequest = Code(value: .badRequest)
        public static let serverError = Code(value: .serverError)
        public static let wrongMasterKey = Code(value: .wrongMasterKey)
        public static let decryptionFailed = Code(value: .decryptionFailed)
        public static let credentialsUnreadable = Code(value: .credentialsUnreadable)
        public static let credentialsUnwritable = Code(value: .credentialsUnwritable)
        public static let invalidConfiguration = Code(value: .invalidConfiguration)
    }

    /// The one classification of failures: what a caller can do about each. Exit codes (`secretfs`) and errno
    /// values (the mount) are both derived from it, so a failure means the same thing everywhere.
    public enum Category: Sendable, Hashable {
        /// No answer from the server: cached data may be served; retrying later may help.
        case unavailable
        /// The server answered 5xx: retrying later may help.
        case temporaryFailure
        /// The answer does not follow the API.
        case protocolError
        /// Bad token, ended session, forbidden vault.
        case noPermission
        /// The item, vault or field does not exist.
        case notFound
        /// Wrong master key or undecryptable data.
        case dataError
        /// Missing or unreadable configuration.
        case configuration
        /// The server refused the request as malformed (4xx other than the above).
        case refused
    }

    public var category: Category {
        switch self.code.value {
        case .serverUnreachable: .unavailable
        case .serverError: .temporaryFailure
        case .malformedResponse: .protocolError
        case .unauthorized, .sessionExpired, .forbidden: .noPermission
        case .notFound: .notFound
        case .wrongMasterKey, .decryptionFailed: .dataError
        case .credentialsUnreadable, .credentialsUnwritable, .invalidConfiguration: .configuration
        case .badRequest: .refused
        }
    }

    public let code: Code
    public let message: String
    /// The HTTP status, when the server answered.
    public let status: Int?

    fileprivate init(_ value: Code.Value, _ message: String, status: Int? = nil) {
        self.code = Code(value: value)
        self.message = message
        self.status = status
    }

    public var description: String { self.message }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }
}

extension ClientError {
    /// No answer: connection refused, timed out, TLS failure.
    public static func serverUnreachable(_ host: String, _ why: String) -> Self {
        .init(.serverUnreachable, "cannot reach \(host): \(why)")
    }
    /// The answer is not what the API promises (not JSON, wrong shape, bad envelope).
    public static func malformedResponse(_ what: String, status: Int? = nil) -> Self {
        .init(.malformedResponse, "malformed answer from the server: \(what)", status: status)
    }
    /// The access token is not accepted (and refreshing did not help).
    public static func unauthorized(_ message: String, status: Int = 401) -> Self {
        .init(.unauthorized, "not authorized: \(message)", status: status)
    }
    /// The refresh token is expired, revoked or already used: a new token pair must be issued.
    public static func sessionExpired(_ message: String) -> Self {
        .init(.sessionExpired, "the session has ended (\(message)); issue a new token pair and log in again")
    }
    public static func forbidden(_ message: String) -> Self { .init(.forbidden, "forbidden: \(message)", status: 403) }
    public static func notFound(_ message: String) -> Self { .init(.notFound, "not found: \(message)", status: 404) }
    public static func badRequest(_ message: String, status: Int) -> Self {
        .init(.badRequest, "the server refused the request: \(message)", status: status)
    }
    public static func serverError(_ message: String, status: Int) -> Self {
        .init(.serverError, "server error \(status): \(message)", status: status)
    }
    /// The master key does not unlock the user's keys.
    public static var wrongMasterKey: Self { .init(.wrongMasterKey, "the master password or master key is wrong") }
    /// A value could not be decrypted (wrong key or damaged ciphertext).
    public static func decryptionFailed(_ what: String) -> Self { .init(.decryptionFailed, "cannot decrypt \(what)") }
    public static func credentialsUnreadable(_ path: String, _ why: String) -> Self {
        .init(.credentialsUnreadable, "cannot read the credentials file \(path): \(why)")
    }
    public static func credentialsUnwritable(_ path: String, _ why: String) -> Self {
        .init(.credentialsUnwritable, "cannot write the credentials file \(path): \(why)")
    }
    public static func invalidConfiguration(_ why: String) -> Self { .init(.invalidConfiguration, why) }
}
