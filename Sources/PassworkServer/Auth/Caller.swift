/// The authenticated user behind a request, and the session it came through.
public struct Caller: Sendable {
    public let user: UserRecord
    public let sessionId: String

    public init(user: UserRecord, sessionId: String) {
        self.user = user
        self.sessionId = sessionId
    }
}
