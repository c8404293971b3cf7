import Foundation

/// A handler's answer: a status and the JSON body (before the base64 envelope).
struct APIResponse: Sendable {
    var status: Int
    var body: Data

    init(status: Int = 200, body: Data) {
        self.status = status
        self.body = body
    }

    /// Encodes `value` as the JSON body.
    static func json(_ value: some Encodable, status: Int = 200) throws -> APIResponse {
        APIResponse(status: status, body: try JSONEncoder().encode(value))
    }

    /// The errors envelope of `error`.
    static func error(_ error: ServerError) -> APIResponse {
        let body = (try? JSONEncoder().encode(error.envelope)) ?? Data(#"{"errors":[]}"#.utf8)
        return APIResponse(status: error.httpStatus, body: body)
    }
}
