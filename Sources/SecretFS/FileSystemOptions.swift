import SecretTree

/// How the tree is presented and cached (the `secretfs mount` flags).
public struct FileSystemOptions: Sendable {
    public var uid: UInt32
    public var gid: UInt32
    public var fileMode: UInt32
    public var directoryMode: UInt32
    /// How long fetched metadata and ciphertexts are used before asking the server again.
    public var cacheTTL: Duration
    /// How long cached data keeps being served while the server is unreachable.
    public var maxStale: Duration
    /// The server's URL, for `.status`.
    public var host: String

    public init(
        uid: UInt32,
        gid: UInt32,
        fileMode: UInt32 = 0o400,
        directoryMode: UInt32 = 0o500,
        cacheTTL: Duration = .seconds(30),
        maxStale: Duration = .seconds(24 * 3600),
        host: String
    ) {
        self.uid = uid
        self.gid = gid
        self.fileMode = fileMode
        self.directoryMode = directoryMode
        self.cacheTTL = cacheTTL
        self.maxStale = maxStale
        self.host = host
    }

    /// What the tree itself needs of these.
    var tree: TreeOptions { TreeOptions(cacheTTL: self.cacheTTL, maxStale: self.maxStale, host: self.host) }

    /// Seconds the kernel may cache names and attributes: the cache TTL, so a change shows within it.
    var kernelTimeout: Double {
        let (seconds, attoseconds) = self.cacheTTL.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
