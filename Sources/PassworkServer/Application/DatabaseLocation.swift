import Foundation

/// Where the server keeps its data: `sqlite:PATH` (the embedded default) or a `postgres://` URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Parses `sqlite:PATH`, `sqlite://PATH`, `postgres://…` or `postgresql://…`.
    /// - Throws: ``ServerError/Code/configuration`` for anything else.
    public init(parsing text: String) throws(ServerError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: text))
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw ServerError(.configuration, "sqlite: needs a file path") }
            self = .sqlite(path: path)
        } else {
            throw ServerError(.configuration, "the database must be sqlite:PATH or a postgres:// URL")
        }
    }

    /// The default SQLite file: `$XDG_DATA_HOME/secretfs/server.sqlite` or `~/.local/share/secretfs/server.sqlite`.
    public static var defaultSQLite: DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return .sqlite(path: base + "/secretfs/server.sqlite")
    }

    /// The location without a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let location): return location.description
        }
    }
}

/// The parts of a `postgres://user:password@host:port/database?schema=NAME&sslmode=MODE` URL. `schema` (ours)
/// sets the `search_path`, so tests and tenants can share one database; the schema is created at start.
/// `sslmode` is `disable` (the default), `prefer`, `require` (encrypted, unverified) or `verify-full`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    public var schema: String?
    public var sslMode: SSLMode

    /// How the connection uses TLS, as libpq's `sslmode`.
    public enum SSLMode: String, Sendable, Equatable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    /// Parses the URL.
    public init(url text: String) throws(ServerError) {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw ServerError(.configuration, "not a valid postgres:// URL")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.drop { $0 == "/" }
        self.database = path.isEmpty ? nil : String(path)
        self.schema = components.queryItems?.first { $0.name == "schema" }?.value
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard let mode = SSLMode(rawValue: sslMode == "verify-ca" ? "verify-full" : sslMode) else {
            throw ServerError(.configuration, "sslmode must be disable, prefer, require or verify-full")
        }
        self.sslMode = mode
        if let schema = self.schema {
            let allowed = schema.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard allowed, !schema.isEmpty else {
                throw ServerError(.configuration, "schema must be letters, digits and _")
            }
        }
    }

    /// The URL without its password.
    public var description: String {
        var text = "postgres://\(self.username)@\(self.host):\(self.port)/\(self.database ?? "")"
        var query: [String] = []
        if let schema = self.schema { query.append("schema=\(schema)") }
        if self.sslMode != .disable { query.append("sslmode=\(self.sslMode.rawValue)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }
}
