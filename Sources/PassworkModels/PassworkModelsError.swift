/// The one error type of `PassworkModels`: a stable ``Code`` to match on and a human message.
///
/// Thrown by the envelope, query and validation helpers; JSON decoding itself throws `DecodingError`.
public struct PassworkModelsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case invalidEnvelope
            case invalidQueryParameter
            case invalidMasterKeyOptions
            case tooManyBatchRequests
            case tooManyAuditEvents
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A base64 response envelope whose `content` is missing or is not base64.
        public static var invalidEnvelope: Self { .init(.invalidEnvelope) }
        /// A query parameter that cannot be read as the type the endpoint expects.
        public static var invalidQueryParameter: Self { .init(.invalidQueryParameter) }
        /// A `masterKeyOptions` string that is not `pbkdf:<digest>:<iterations>:<bytes>:<salt>`.
        public static var invalidMasterKeyOptions: Self { .init(.invalidMasterKeyOptions) }
        /// A batch request with more entries than ``BatchRequest/maxRequests``.
        public static var tooManyBatchRequests: Self { .init(.tooManyBatchRequests) }
        /// An audit upload with more events than ``AuditEventsRequest/maxEvents``.
        public static var tooManyAuditEvents: Self { .init(.tooManyAuditEvents) }

        /// The code's stable name, e.g. `invalidEnvelope`.
        public var description: String { self.value.rawValue }
    }

    /// Why the operation failed.
    public let code: Code
    /// A human-readable explanation; never contains secret values.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(self.code): \(self.message)" }
}
