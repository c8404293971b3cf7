import Foundation
import PassworkModels

/// A request as the API handlers see it, whether it came over HTTP or inside a batch.
struct APIRequest: Sendable {
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    var method: String
    /// The path without the query.
    var path: String
    /// The path template's parameters, e.g. `id`.
    var parameters: [String: String]
    /// The decoded query, `key[]` merged into `key`.
    var query: [String: [String]]
    /// The body (JSON); empty when none was sent.
    var body: Data
    /// The authenticated caller; `nil` on routes.
    var caller: Caller?
    /// `Authorization`, for the session routes.
    var authorization: String?
    /// Whether this is a sub-request of a batch.
    var isBatch: Bool
    /// The `Host` header, for URLs the server hands out (share links); `nil` inside a batch.
    var host: String? = nil
    /// `X-Link-Key-Hash`, proving knowledge of a share link's code.
    var linkKeyHash: String? = nil

    /// The named path parameter.
    func parameter(_ name: String) throws(ServerError) -> String {
        guard let value = self.parameters[name], !value.isEmpty else {
            throw ServerError(.badRequest, "missing path parameter \(name)")
        }
        return value
    }

    /// The caller of an authenticated route.
    func requireCaller() throws(ServerError) -> Caller {
        guard let caller = self.caller else { throw ServerError(.unauthorized, "authentication is required") }
        return caller
    }

    /// The body decoded as `T`; an empty body counts as `{}`.
    /// - Throws: ``ServerError/Code/badRequest`` naming the field for malformed JSON or wrong types.
    func decode<T: Decodable>(_ type: T.Type) throws(ServerError) -> T {
        let data = self.body.isEmpty ? Data("{}".utf8) : self.body
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw ServerError(.badRequest, "the body is not valid JSON")
        }
    }

    /// The query decoded as `T`.
    func decodeQuery<T: QueryParametersConvertible>(_ type: T.Type) throws(ServerError) -> T {
        do {
            return try T(queryParameters: self.query)
        } catch {
            throw ServerError(.validation, error.message)
        }
    }

    private static func describe(_ error: DecodingError) -> ServerError {
        func path(_ keys: [any CodingKey]) -> String? {
            let names = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? nil : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ServerError(.badRequest, "is required", field: path(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return ServerError(.badRequest, "has the wrong type", field: path(context.codingPath))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return ServerError(.badRequest, "the body is not valid JSON") }
            return ServerError(.badRequest, "is not valid", field: path(context.codingPath))
        @unknown default:
            return ServerError(.badRequest, "the body could not be read")
        }
    }
}
