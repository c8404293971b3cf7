/// Everything `buildApplication(configuration:)` needs.
public struct ServerConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port; 0 picks a free one (see ``ServerConfiguration/onListening``).
    public var port: Int
    /// Where the data lives.
    public var database: DatabaseLocation
    /// Token lifetimes.
    public var tokens: TokenSettings
    /// TLS certificate and key (PEM files); plain HTTP when unset.
    public var tls: TLSFiles?
    /// The largest request body, in bytes (a 5 MiB attachment is about 15 MiB once encrypted).
    public var maxBodySize: Int
    /// The token `app/health-check` wants; any token when unset.
    public var healthCheckToken: String?
    /// Called with the bound port once the server listens.
    public var onListening: (@Sendable (Int) async -> Void)?
    /// The URL users reach the server at (behind a proxy, say), for the share links it hands out; when unset,
    /// links use the address each request came to.
    public var publicURL: String? = nil
    /// How many sessions, and how many item answers, each read cache keeps (0 turns them off). They hold
    /// only token hashes and ciphertext, and are kept true by the database's change stamp (``ReadCache``).
    public var readCacheEntries: Int = 4096

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        database: DatabaseLocation,
        tokens: TokenSettings = TokenSettings(),
        tls: TLSFiles? = nil,
        maxBodySize: Int = 24 * 1024 * 1024,
        healthCheckToken: String? = nil,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.tokens = tokens
        self.tls = tls
        self.maxBodySize = maxBodySize
        self.healthCheckToken = healthCheckToken
        self.onListening = onListening
    }
}

/// PEM files for TLS.
public struct TLSFiles: Sendable, Equatable {
    public var certificatePath: String
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}
