public import Foundation
public import PassworkClient
import SecretCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// A real `secretfs-server` process on 127.0.0.1 (port 0), on a fresh SQLite database, with one user made by
/// `secretfs-server init` exactly as a user would. Stopped with SIGTERM by ``stop()``.
public final class ServerProcess: @unchecked Sendable {
    // SAFETY: set up in `start` before the instance is shared, then only read; `process` is stopped once.
    public let directory: URL
    public let database: String
    public let credentials: Credentials
    public let masterPassword = "correct horse battery staple ✓"
    private var process: Process?

    /// The executable, built beside the test bundle by `swift build --build-tests`.
    public static var executable: String { Self.sibling("secretfs-server", environment: "SECRETFS_SERVER_BIN") }

    /// An executable built next to the test bundle.
    public static func sibling(_ name: String, environment variable: String) -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || bundle.pathExtension == "xctest" {
            directory = bundle.deletingLastPathComponent()
        }
        let candidate = directory.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return ProcessInfo.processInfo.environment[variable] ?? candidate
    }

    public init(accessTTL: String = "15m") throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("secretfs-client-\(UUID())")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.database = "sqlite:" + self.directory.appendingPathComponent("server.sqlite").path
        let passwordFile = self.directory.appendingPathComponent("master-password")
        try Data(self.masterPassword.utf8).write(to: passwordFile)
        let initialised = try Self.run([
            "init", "--database", self.database, "--login", "admin", "--master-password-file", passwordFile.path,
            "--access-ttl", accessTTL,
        ])
        let made = try JSONDecoder().decode(Credentials.self, from: initialised)

        self.accessTTL = accessTTL
        let (process, host) = try Self.launch(
            listen: "127.0.0.1:0",
            database: self.database,
            directory: self.directory,
            accessTTL: accessTTL
        )
        self.process = process
        self.credentials = Credentials(
            host: host,
            accessToken: made.accessToken,
            refreshToken: made.refreshToken,
            masterKey: made.masterKey,
            accessTokenExpiredAt: made.accessTokenExpiredAt,
            refreshTokenExpiredAt: made.refreshTokenExpiredAt
        )
    }

    private let accessTTL: String

    /// Starts `serve` and waits for its ready file; returns the URL it listens on.
    private static func launch(
        listen: String,
        database: String,
        directory: URL,
        accessTTL: String
    ) throws -> (Process, String) {
        let readyFile = directory.appendingPathComponent("ready.json")
        try? FileManager.default.removeItem(at: readyFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "serve", "--listen", listen, "--database", database, "--ready-file", readyFile.path,
            "--access-ttl", accessTTL, "--log-level", "error",
        ]
        try process.run()
        // Readiness: the server writes the file once it listens.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            if let data = try? Data(contentsOf: readyFile),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let host = object["host"] as? String
            {
                return (process, host)
            }
            usleep(20_000)
        }
        process.terminate()
        throw ServerError("secretfs-server did not become ready")
    }

    /// Stops the server, keeping its database (SIGTERM, as an operator would).
    public func pause() {
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        self.process = nil
    }

    /// Starts the server again on the same address and database.
    public func resume() throws {
        let address = self.credentials.host.replacingOccurrences(of: "http://", with: "")
        (self.process, _) = try Self.launch(
            listen: address,
            database: self.database,
            directory: self.directory,
            accessTTL: self.accessTTL
        )
    }

    public func stop() {
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        self.process = nil
        try? FileManager.default.removeItem(at: self.directory)
    }

    deinit { self.stop() }

    /// Runs a `secretfs-server` subcommand to completion and returns its standard output.
    @discardableResult
    public static func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError("secretfs-server \(arguments.first ?? ""): \(String(decoding: message, as: UTF8.self))")
        }
        return data
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ServerProcess {
    /// Runs `secretfs-server demo` for the first user: a vault "Demo" with folders Databases, Web, Web/Staging.
    public func addDemoData() throws {
        try Self.run([
            "demo", "--database", self.database, "--login", "admin", "--master-password-file",
            self.directory.appendingPathComponent("master-password").path,
        ])
    }

    /// A client acting as the first user (shut it down when done).
    public func client(timeout: Duration = .seconds(30)) throws -> PassworkClient {
        try PassworkClient(
            configuration: ClientConfiguration(host: self.credentials.host, timeout: timeout),
            credentials: self.credentials
        )
    }

    /// A reader unlocked with the first user's master key.
    public func reader(_ client: PassworkClient) async throws -> SecretReader {
        guard let masterKey = self.credentials.masterKey else { throw ServerError("init gave no master key") }
        return try await SecretReader.unlock(client: client, masterKey: SecureBytes(utf8: masterKey))
    }

    /// The environment a client process needs to act as the first user.
    public var clientEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PASSWORK_") }
        environment["PASSWORK_HOST"] = self.credentials.host
        environment["PASSWORK_TOKEN"] = self.credentials.accessToken
        environment["PASSWORK_REFRESH_TOKEN"] = self.credentials.refreshToken
        environment["PASSWORK_MASTER_KEY"] = self.credentials.masterKey
        environment["XDG_CONFIG_HOME"] = self.directory.appendingPathComponent("config").path
        return environment
    }
}
