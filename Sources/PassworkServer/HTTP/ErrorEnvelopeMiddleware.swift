import Foundation
import Hummingbird
import Logging
import PassworkModels

/// Answers every failure with the errors envelope (base64-wrapped unless raw was asked for): our own
/// ``ServerError``s, Hummingbird's HTTP errors (unknown path, body too large) and anything unexpected,
/// which is logged and answered as a 500 without details.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let serverError = Self.serverError(for: error)
            if serverError.code == .internalError || serverError.code == .database {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let response = APIResponse.error(serverError)
            return ResponseRenderer.render(
                status: response.status,
                json: response.body,
                envelope: ResponseRenderer.wantsEnvelope(request)
            )
        }
    }

    static func serverError(for error: any Error) -> ServerError {
        switch error {
        case let error as ServerError:
            if error.code == .database { return ServerError(.internalError, "the server failed") }
            return error
        case let error as HTTPError:
            switch error.status.code {
            case 404: return ServerError(.notFound, "no such endpoint")
            case 405: return ServerError(.methodNotAllowed, "method not allowed")
            case 413: return ServerError(.tooLarge, "the request body is too large")
            case 400..<500: return ServerError(.badRequest, error.body ?? "bad request")
            default: return ServerError(.internalError, "the server failed")
            }
        default:
            return ServerError(.internalError, "the server failed")
        }
    }
}
