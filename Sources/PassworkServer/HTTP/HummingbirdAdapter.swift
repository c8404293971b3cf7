import Foundation
import Hummingbird
import PassworkModels

/// Connects the ``APIRouter`` to Hummingbird: every path and method goes through one responder that reads
/// the body (up to the limit), the query and the headers, dispatches, and renders the answer.
struct HummingbirdAdapter: Sendable {
    let router: APIRouter
    let maxBodySize: Int

    /// Registers the catch-all routes and the error middleware.
    func register(on hummingbirdRouter: Router<BasicRequestContext>) {
        hummingbirdRouter.add(middleware: ErrorEnvelopeMiddleware())
        let methods: [HTTPRequest.Method] = [.get, .post, .patch, .put, .delete]
        for method in methods {
            hummingbirdRouter.on("**", method: method) { request, context in
                try await self.respond(request, context: context)
            }
        }
    }

    private func respond(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: self.maxBodySize)
        } catch {
            throw ServerError(.tooLarge, "the request body is over \(self.maxBodySize) bytes")
        }
        let apiRequest = APIRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            parameters: [:],
            query: QueryEncoding.decode(request.uri.query ?? ""),
            body: Data(buffer.readableBytesView),
            caller: nil,
            authorization: request.headers[.authorization],
            isBatch: false,
            host: request.head.authority,
            linkKeyHash: request.headers[LinkRoutes.keyHashHeader]
        )
        let response = try await self.router.dispatch(
            apiRequest,
            authorization: request.headers[.authorization],
            masterKeyHash: request.headers[ResponseRenderer.masterKeyHashHeader]
        )
        return ResponseRenderer.render(
            status: response.status,
            json: response.body,
            envelope: ResponseRenderer.wantsEnvelope(request)
        )
    }
}
