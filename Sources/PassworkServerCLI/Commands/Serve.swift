import ArgumentParser
import Foundation
import Logging
import PassworkServer
import ServiceSupport

/// `secretfs-server serve`: runs the API until SIGTERM or SIGINT, then finishes in-flight requests and stops.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @Option(help: "HOST:PORT to listen on; port 0 picks a free port (see --ready-file).")
    var listen: String = "127.0.0.1:8080"

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var tokens: TokenOptions

    @Option(help: "TLS certificate chain (PEM); needs --tls-key.")
    var tlsCert: String?

    @Option(help: "TLS private key (PEM); needs --tls-cert.")
    var tlsKey: String?

    @Option(help: "Once listening, write {\"host\": \"http://HOST:PORT\"} to this file (mode 0600).")
    var readyFile: String?

    @Option(help: "The URL users reach the server at, for the share links it hands out (default: the request's).")
    var publicURL: String?

    @Option(help: "The largest request body, in bytes.")
    var maxBodySize: Int = 24 * 1024 * 1024

    @Option(help: "Sessions and item answers each read cache keeps; 0 turns the caches off.")
    var readCacheEntries: Int = 4096

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (self.tlsCert == nil) == (self.tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        _ = try Self.parseListen(self.listen)
        guard (0...1_000_000).contains(self.readCacheEntries) else {
            throw ValidationError("--read-cache-entries must be 0 to 1000000")
        }
    }

    func run() async throws {
        let (host, port) = try Self.parseListen(self.listen)
        let tls = self.tlsCert.flatMap { cert in self.tlsKey.map { TLSFiles(certificatePath: cert, keyPath: $0) } }
        let scheme = tls == nil ? "http" : "https"
        let readyFile = self.readyFile
        let logger = CLILogging.logger(level: .init(rawValue: self.logLevel) ?? .info)
        var configuration = ServerConfiguration(
            host: host,
            port: port,
            database: try self.database.location(),
            tokens: try self.tokens.settings(),
            tls: tls,
            maxBodySize: self.maxBodySize,
            onListening: { boundPort in
                let urlHost = host.contains(":") ? "[\(host)]" : host
                let url = "\(scheme)://\(urlHost):\(boundPort)"
                logger.notice("listening", metadata: ["url": "\(url)"])
                SystemdNotify.send("READY=1\nSTATUS=listening on \(url)")
                guard let readyFile else { return }
                do {
                    let data = try JSONEncoder().encode(["host": url])
                    try JSONOutput.writePrivateFile(data, to: readyFile)
                } catch {
                    logger.error("cannot write the ready file", metadata: ["path": "\(readyFile)"])
                }
            }
        )
        configuration.publicURL = self.publicURL
        configuration.readCacheEntries = self.readCacheEntries
        let watchdog = SystemdNotify.startWatchdog()
        defer { watchdog?.cancel() }
        try await runServer(configuration: configuration, logger: logger)
        SystemdNotify.send("STOPPING=1\nSTATUS=stopped")
    }

    /// `HOST:PORT` or `[IPv6]:PORT`.
    static func parseListen(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("--listen must be HOST:PORT") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen must be HOST:PORT") }
        return (host, port)
    }
}
