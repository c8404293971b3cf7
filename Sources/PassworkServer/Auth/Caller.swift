/// The authenticated user behind a request, and the session it came through.
public struct Caller: Sendable {
    public let user: UserRecord
    public let sessionId: String
    /// The database's change stamp when the request was authenticated: the request's reads may be
    /// served from the read caches kept under it (``ReadCache``). `nil`: read the database.
    public let cacheStamp: Int64?

    public init(user: UserRecord, sessionId: String, cacheStamp: Int64? = nil) {
        self.user = user
        self.sessionId = sessionId
        self.cacheStamp = cacheStamp
    }
}
