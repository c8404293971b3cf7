import Foundation

/// Where and how the client connects.
public struct ClientConfiguration: Sendable {
    /// The server's base URL, without `/api` (as the connector takes it), e.g. `https://passwork.example`.
    public var host: String
    /// A PEM bundle of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// Skip certificate verification (explicit opt-in, for self-signed test servers).
    public var insecure: Bool
    /// Per-request deadline.
    public var timeout: Duration
    /// How long connecting may take before a request fails as unreachable.
    public var connectTimeout: Duration
    /// Retry failed connection attempts (with backoff, until the request's deadline). A file system turns it off:
    /// it answers from its cache at once when the server is down.
    public var retryConnecting: Bool
    /// Refresh the access token once this share of its life has passed.
    public var refreshAtShare: Double
    /// The largest answer accepted.
    public var maximumResponseBytes: Int

    public init(
        host: String,
        caFile: String? = nil,
        insecure: Bool = false,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(5),
        retryConnecting: Bool = true,
        refreshAtShare: Double = 0.8,
        maximumResponseBytes: Int = 32 << 20
    ) {
        self.host = host
        self.caFile = caFile
        self.insecure = insecure
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.retryConnecting = retryConnecting
        self.refreshAtShare = refreshAtShare
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// The host without a trailing slash, checked to be an http(s) URL.
    func normalizedHost() throws(ClientError) -> String {
        var host = self.host
        while host.hasSuffix("/") { host.removeLast() }
        guard let url = URL(string: host), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw .invalidConfiguration("the host must be an http:// or https:// URL, not '\(self.host)'")
        }
        return host
    }
}
