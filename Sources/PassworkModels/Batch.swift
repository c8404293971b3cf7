import Foundation

/// One sub-request of `POST /api/v1/batch`, e.g. `{"method": "GET", "relativeUrl": "/api/v1/items/<id>"}`.
public struct BatchRequestEntry: Codable, Sendable, Equatable {
    /// The HTTP method; the connector only sends `GET`.
    public var method: String
    /// The path (and query) of the sub-request, starting with `/api/v1/`.
    public var relativeUrl: String

    /// Creates a `GET` sub-request for `relativeUrl`.
    public init(method: String = "GET", relativeUrl: String) {
        self.method = method
        self.relativeUrl = relativeUrl
    }
}

/// Body of `POST /api/v1/batch`: at most ``maxRequests`` sub-requests.
public struct BatchRequest: Codable, Sendable, Equatable {
    /// The sub-requests, answered in order.
    public var requests: [BatchRequestEntry]

    /// The most sub-requests one batch call may carry (the connector splits larger lists).
    public static let maxRequests = 25

    /// Creates the body; use ``chunked(_:)`` for lists that may be longer than ``maxRequests``.
    public init(requests: [BatchRequestEntry]) {
        self.requests = requests
    }

    /// Splits sub-requests into batches of at most ``maxRequests``, in order, as the connector does.
    public static func chunked(_ requests: [BatchRequestEntry]) -> [BatchRequest] {
        stride(from: 0, to: requests.count, by: Self.maxRequests).map { start in
            BatchRequest(requests: Array(requests[start..<min(start + Self.maxRequests, requests.count)]))
        }
    }

    /// Throws ``PassworkModelsError/Code/tooManyBatchRequests`` when over the limit.
    public func validate() throws(PassworkModelsError) {
        guard self.requests.count <= Self.maxRequests else {
            throw PassworkModelsError(
                .tooManyBatchRequests,
                "a batch carries at most \(Self.maxRequests) requests, got \(self.requests.count)"
            )
        }
    }
}

/// One answer inside a batch response.
public struct BatchResponseEntry: Codable, Sendable, Equatable {
    /// The sub-request's HTTP status.
    public var statusCode: Int
    /// The sub-request's JSON answer, not base64-enveloped.
    public var body: JSONValue

    /// Creates an answer.
    public init(statusCode: Int, body: JSONValue) {
        self.statusCode = statusCode
        self.body = body
    }

    private enum CodingKeys: String, CodingKey {
        case statusCode, body
    }

    /// Decodes an answer; a missing body is `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.statusCode = try container.decode(Int.self, forKey: .statusCode)
        self.body = try container.decode(JSONValue.self, forKey: .body, default: .null)
    }
}

/// Answer of `POST /api/v1/batch`: one entry per sub-request, in order.
public struct BatchResponse: Codable, Sendable, Equatable {
    /// The answers.
    public var responses: [BatchResponseEntry]

    /// Creates the response.
    public init(responses: [BatchResponseEntry]) {
        self.responses = responses
    }

    /// The bodies of the entries with status 200; the connector silently drops every other entry.
    public var successfulBodies: [JSONValue] {
        self.responses.filter { $0.statusCode == 200 }.map(\.body)
    }

    /// Decodes the bodies of the entries with status 200 as `T` (e.g. ``Item``).
    public func decodeSuccessfulBodies<T: Decodable>(as type: T.Type) throws -> [T] {
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        return try self.successfulBodies.map { try decoder.decode(type, from: encoder.encode($0)) }
    }
}
