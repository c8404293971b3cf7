import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a client needs to talk to a server as one user: the shape `secretfs-server init` prints and the
/// credentials file holds. The token pair changes at every refresh.
public struct Credentials: Codable, Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var accessToken: String
    public var refreshToken: String
    /// The base64 master key (not the password); absent when client-side encryption is off.
    public var masterKey: String?
    /// Unix seconds; absent when the server did not say.
    public var accessTokenExpiredAt: Int64?
    public var refreshTokenExpiredAt: Int64?

    public init(
        host: String,
        accessToken: String,
        refreshToken: String,
        masterKey: String? = nil,
        accessTokenExpiredAt: Int64? = nil,
        refreshTokenExpiredAt: Int64? = nil
    ) {
        self.host = host
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.masterKey = masterKey
        self.accessTokenExpiredAt = accessTokenExpiredAt
        self.refreshTokenExpiredAt = refreshTokenExpiredAt
    }

    public var description: String { "Credentials(host: \(self.host), tokens: <redacted>)" }
}

/// The credentials file: JSON, mode 0600, replaced atomically (temporary file, fsync, rename, fsync of the
/// directory), because after a refresh the old pair is dead and a torn write would lock the user out.
public struct CredentialsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `$XDG_CONFIG_HOME/secretfs/credentials.json`, else `~/.config/secretfs/credentials.json`.
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.config")
        return base + "/secretfs/credentials.json"
    }

    public func load() throws(ClientError) -> Credentials {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: self.path))
        } catch {
            throw .credentialsUnreadable(self.path, "\(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Credentials.self, from: data)
        } catch {
            throw .credentialsUnreadable(
                self.path,
                "not the JSON that `secretfs login` or `secretfs-server init` writes"
            )
        }
    }

    public func save(_ credentials: Credentials) throws(ClientError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(credentials) } catch { throw .credentialsUnwritable(self.path, "\(error)") }
        let directory = (self.path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .credentialsUnwritable(self.path, "cannot create \(directory)")
        }
        let temporary = self.path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .credentialsUnwritable(self.path, String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, self.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .credentialsUnwritable(self.path, reason)
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Overwrites the file with zeros before removing it (`logout`).
    public func wipe() throws(ClientError) {
        let descriptor = open(self.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw .credentialsUnwritable(self.path, String(cString: strerror(errno)))
        }
        var information = stat()
        if fstat(descriptor, &information) == 0, information.st_size > 0 {
            let zeros = [UInt8](repeating: 0, count: Int(information.st_size))
            _ = zeros.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
        }
        close(descriptor)
        guard unlink(self.path) == 0 else { throw .credentialsUnwritable(self.path, String(cString: strerror(errno))) }
    }
}
