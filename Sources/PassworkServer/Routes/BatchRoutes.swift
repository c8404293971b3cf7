import Foundation
import PassworkModels

/// `POST /api/v1/batch`: at most 25 sub-requests, each dispatched through the same routes as the caller.
enum BatchRoutes {
    /// - Parameter dispatcher: the router of every other route (a batch cannot hold a batch).
    static func route(dispatcher: APIRouter) -> APIRoute {
        APIRoute("POST", Endpoints.batch, batchable: false) { request in
            let caller = try request.requireCaller()
            let body = try request.decode(BatchRequest.self)
            guard body.requests.count <= BatchRequest.maxRequests else {
                throw ServerError(
                    .tooLarge,
                    "a batch carries at most \(BatchRequest.maxRequests) requests",
                    field: "requests"
                )
            }
            var responses: [BatchResponseEntry] = []
            for entry in body.requests {
                let (status, json) = await dispatcher.dispatchInBatch(
                    method: entry.method,
                    relativeUrl: entry.relativeUrl,
                    caller: caller
                )
                let value = (try? JSONDecoder().decode(JSONValue.self, from: json)) ?? .null
                responses.append(BatchResponseEntry(statusCode: status, body: value))
            }
            return try .json(BatchResponse(responses: responses))
        }
    }
}
