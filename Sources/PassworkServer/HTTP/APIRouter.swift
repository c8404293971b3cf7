import Foundation
import Logging
import PassworkModels

/// Finds the route of a request and runs it: the one dispatch path for HTTP requests and batch
/// sub-requests alike.
struct APIRouter: Sendable {
    let routes: [APIRoute]
    let tokens: TokenService
    let audit: AuditRecorder
    /// The routes grouped by template, the templates grouped by their number of segments (in the order
    /// they first appear): a path is matched once per template of its length, not once per method.
    private let endpointsByLength: [Int: [Endpoint]]

    /// One path template and its routes by method.
    private struct Endpoint: Sendable {
        let template: PathTemplate
        /// The template's segments: the literal text, or `nil` for a parameter. Checked before
        /// `PathTemplate.match`, which decodes the parameters.
        let shape: [Substring?]
        var routes: [String: APIRoute]
    }

    init(routes: [APIRoute], tokens: TokenService, audit: AuditRecorder) {
        self.routes = routes
        self.tokens = tokens
        self.audit = audit
        var endpoints: [Endpoint] = []
        var indexByPattern: [String: Int] = [:]
        for route in routes {
            let pattern = route.template.pattern
            if let index = indexByPattern[pattern] {
                // The first route for a method wins, as it did when routes were searched in order.
                if endpoints[index].routes[route.method] == nil { endpoints[index].routes[route.method] = route }
            } else {
                indexByPattern[pattern] = endpoints.count
                endpoints.append(
                    Endpoint(template: route.template, shape: Self.shape(of: pattern), routes: [route.method: route])
                )
            }
        }
        self.endpointsByLength = Dictionary(grouping: endpoints, by: \.shape.count)
    }

    /// The route for `method` and `path`, with its parameters. Literal segments win over parameters
    /// (`/items/search` is not `/items/{id}`).
    /// - Throws: ``ServerError`` `notFound` for an unknown path, `methodNotAllowed` for a known path.
    func resolve(method: String, path: String) throws(ServerError) -> (APIRoute, [String: String]) {
        let segments = PathTemplate.segments(of: path)
        var best: (endpoint: Endpoint, parameters: [String: String])?
        for endpoint in self.endpointsByLength[segments.count] ?? [] where Self.mayMatch(endpoint.shape, segments) {
            guard let parameters = endpoint.template.match(segments: segments) else { continue }
            if let current = best, current.parameters.count <= parameters.count { continue }
            best = (endpoint, parameters)
        }
        guard let best else { throw ServerError(.notFound, "no such endpoint") }
        guard let route = best.endpoint.routes[method] else {
            throw ServerError(.methodNotAllowed, "\(method) is not allowed on this endpoint")
        }
        return (route, best.parameters)
    }

    /// A template's segments as `PathTemplate` reads them: a segment that is exactly `{name}` is a
    /// parameter, anything else is literal.
    private static func shape(of pattern: String) -> [Substring?] {
        pattern.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            segment.count > 2 && segment.hasPrefix("{") && segment.hasSuffix("}") ? nil : segment
        }
    }

    /// Whether `segments` have the template's literal segments, which `PathTemplate.match` requires; it
    /// then checks the parameters.
    private static func mayMatch(_ shape: [Substring?], _ segments: [Substring]) -> Bool {
        for (literal, segment) in zip(shape, segments) {
            if let literal, literal != segment { return false }
        }
        return true
    }

    /// Authenticates (for routes that need it) and runs the handler.
    func dispatch(
        _ request: APIRequest,
        authorization: String?,
        masterKeyHash: String?
    ) async throws -> APIResponse {
        var request = request
        let (route, parameters) = try self.resolve(method: request.method, path: request.path)
        request.parameters = parameters
        request.authorization = authorization
        if route.access == .authenticated {
            do {
                request.caller = try await self.tokens.authenticate(
                    authorization: authorization,
                    masterKeyHash: masterKeyHash
                )
            } catch let error as ServerError {
                if error.code != .accessTokenExpired {
                    self.audit.record(action: .authFailed, userId: nil, result: .denied)
                }
                throw error
            }
        }
        return try await route.handler(request)
    }

    /// Runs a batch sub-request as the batch's caller. Errors become their envelope.
    func dispatchInBatch(method: String, relativeUrl: String, caller: Caller) async -> (Int, Data) {
        let parts = relativeUrl.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts.first ?? "")
        let query = parts.count > 1 ? QueryEncoding.decode(String(parts[1])) : [:]
        do {
            let (route, parameters) = try self.resolve(method: method.uppercased(), path: path)
            guard route.batchable, route.access == .authenticated else {
                throw ServerError(.forbidden, "\(path) cannot be called in a batch")
            }
            let request = APIRequest(
                method: method.uppercased(),
                path: path,
                parameters: parameters,
                query: query,
                body: Data(),
                caller: caller,
                authorization: nil,
                isBatch: true
            )
            let response = try await route.handler(request)
            return (response.status, response.body)
        } catch let error as ServerError {
            let response = APIResponse.error(error)
            return (response.status, response.body)
        } catch {
            let response = APIResponse.error(ServerError(.internalError, "the request failed"))
            return (response.status, response.body)
        }
    }
}
