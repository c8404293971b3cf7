/// How long the tree keeps what it fetched.
public struct TreeOptions: Sendable {
    /// How long fetched metadata and ciphertexts are used before asking the server again.
    public var cacheTTL: Duration
    /// How long cached data keeps being served while the server is unreachable.
    public var maxStale: Duration
    /// The server's URL, for `.status`.
    public var host: String

    public init(cacheTTL: Duration = .seconds(30), maxStale: Duration = .seconds(24 * 3600), host: String) {
        self.cacheTTL = cacheTTL
        self.maxStale = maxStale
        self.host = host
    }
}
