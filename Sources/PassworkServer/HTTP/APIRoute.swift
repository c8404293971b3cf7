import PassworkModels

/// One endpoint: method, path template, whether it needs a token, and its handler.
struct APIRoute: Sendable {
    /// Whether the route needs an access token.
    enum Access: Sendable {
        /// `Authorization: Bearer` must name a live session.
        case authenticated
        /// No token (the session routes, which carry their own).
        case anonymous
    }

    let method: String
    let template: PathTemplate
    let access: Access
    /// Whether a batch may call it.
    let batchable: Bool
    let handler: @Sendable (APIRequest) async throws -> APIResponse

    init(
        _ method: String,
        _ template: PathTemplate,
        access: Access = .authenticated,
        batchable: Bool = true,
        handler: @escaping @Sendable (APIRequest) async throws -> APIResponse
    ) {
        self.method = method
        self.template = template
        self.access = access
        self.batchable = batchable
        self.handler = handler
    }
}
