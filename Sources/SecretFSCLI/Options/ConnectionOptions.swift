import ArgumentParser
import Foundation
import PassworkClient
import SecretCrypto

/// Where the server is and who we are, shared by every command that talks to it. Each value comes from its
/// flag, else from the environment variable passwork-cli uses, else from the credentials file.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server URL, e.g. https://passwork.example (env PASSWORK_HOST).")
    var host: String?

    @Option(help: "Access token (env PASSWORK_TOKEN).")
    var token: String?

    @Option(help: "Refresh token (env PASSWORK_REFRESH_TOKEN).")
    var refreshToken: String?

    @Option(help: "The base64 master key, not the password (env PASSWORK_MASTER_KEY).")
    var masterKey: String?

    @Option(help: "Credentials file (default: $XDG_CONFIG_HOME/secretfs/credentials.json).")
    var credentials: String?

    @OptionGroup var tls: TLSOptions

    /// The credentials file in use: the flag's, else the default when it exists.
    var credentialsFile: CredentialsFile? {
        if let path = self.credentials { return CredentialsFile(path: path) }
        let fallback = CredentialsFile(path: CredentialsFile.defaultPath)
        return FileManager.default.fileExists(atPath: fallback.path) ? fallback : nil
    }

    /// Merges flags, environment and file; fails with a clear message when the host or tokens are missing.
    func resolve() throws(ClientError) -> (credentials: Credentials, file: CredentialsFile?) {
        let environment = ProcessInfo.processInfo.environment
        let file = self.credentialsFile
        let exists = file.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
        let stored = exists ? try file?.load() : nil
        func pick(_ flag: String?, _ variable: String, _ fromFile: String?) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fromFile
        }
        if let file, !exists, self.host == nil, environment["PASSWORK_HOST"] == nil {
            throw .credentialsUnreadable(file.path, "it does not exist; run `secretfs login`")
        }
        guard let host = pick(self.host, "PASSWORK_HOST", stored?.host) else {
            throw .invalidConfiguration("no server: give --host, set PASSWORK_HOST, or run `secretfs login`")
        }
        guard let accessToken = pick(self.token, "PASSWORK_TOKEN", stored?.accessToken) else {
            throw .invalidConfiguration("no access token: give --token, set PASSWORK_TOKEN, or run `secretfs login`")
        }
        let refreshToken = pick(self.refreshToken, "PASSWORK_REFRESH_TOKEN", stored?.refreshToken) ?? ""
        let masterKey = pick(self.masterKey, "PASSWORK_MASTER_KEY", stored?.masterKey)
        // Only a pair that came from the file goes back to it after a refresh.
        let fromFile = stored != nil && self.token == nil && environment["PASSWORK_TOKEN"] == nil
        var credentials = Credentials(
            host: host,
            accessToken: accessToken,
            refreshToken: refreshToken,
            masterKey: masterKey
        )
        if fromFile, let stored {
            credentials.accessTokenExpiredAt = stored.accessTokenExpiredAt
            credentials.refreshTokenExpiredAt = stored.refreshTokenExpiredAt
        }
        return (credentials, fromFile ? file : nil)
    }

    func configuration(host: String, forFileSystem: Bool = false) -> ClientConfiguration {
        ClientConfiguration(
            host: host,
            caFile: self.tls.caFile,
            insecure: self.tls.insecure,
            // A file system must answer soon: when the server is down it serves its cache at once.
            timeout: forFileSystem ? .seconds(10) : .seconds(30),
            connectTimeout: forFileSystem ? .seconds(2) : .seconds(5),
            retryConnecting: !forFileSystem
        )
    }

    /// A client, and a reader that decrypts with the master key when one is known.
    func connect(forFileSystem: Bool = false) async throws(ClientError) -> SecretReader {
        let (credentials, file) = try self.resolve()
        let client = try PassworkClient(
            configuration: self.configuration(host: credentials.host, forFileSystem: forFileSystem),
            credentials: credentials,
            credentialsFile: file
        )
        do {
            return try await SecretReader.unlock(
                client: client,
                masterKey: credentials.masterKey.map { SecureBytes(utf8: $0) }
            )
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
