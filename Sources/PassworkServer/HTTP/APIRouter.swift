import Foundation
import Logging
import PassworkModels

/// Finds the route of a request and runs it: the one dispatch path for HTTP requests and batch
/// sub-requests alike.
struct APIRouter: Sendable {
    let routes: [APIRoute]
    let tokens: TokenService
    let audit: AuditRecorder
    /// Per route, its template's segments: the literal text, or `nil` for a parameter. Checked before
    /// `PathTemplate.match`, which splits the path again for every route it is asked about.
    private let shapes: [[Substring?]]

    init(routes: [APIRoute], tokens: TokenService, audit: AuditRecorder) {
        self.routes = routes
        self.tokens = tokens
        self.audit = audit
        self.shapes = routes.map { Self.shape(of: $0.template.pattern) }
    }

    /// The route for `method` and `path`, with its parameters. Literal segments win over parameters
    /// (`/items/search` is not `/items/{id}`).
    /// - Throws: ``ServerError`` `notFound` for an unknown path, `methodNotAllowed` for a known path.
    func resolve(method: String, path: String) throws(ServerError) -> (APIRoute, [String: String]) {
        // The path's segments as `PathTemplate.match` splits them, once for all routes.
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = pathOnly.split(separator: "/", omittingEmptySubsequences: true)
        var best: (template: PathTemplate, parameters: [String: String])?
        for (route, shape) in zip(self.routes, self.shapes) where Self.mayMatch(shape, segments) {
            guard let parameters = route.template.match(path) else { continue }
            if let current = best, current.parameters.count <= parameters.count { continue }
            best = (route.template, parameters)
        }
        guard let best else { throw ServerError(.notFound, "no such endpoint") }
        guard let route = self.routes.first(where: { $0.template == best.template && $0.method == method }) else {
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

    /// Whether `segments` have the template's length and literal segments, which `PathTemplate.match`
    /// requires; it then checks the parameters.
    private static func mayMatch(_ shape: [Substring?], _ segments: [Substring]) -> Bool {
        guard shape.count == segments.count else { return false }
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
                    await self.audit.record(action: AuditRecorder.Action.authFailed, userId: nil, result: "denied")
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
