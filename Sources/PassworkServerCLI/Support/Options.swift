import ArgumentParser
import PassworkServer

/// `--database sqlite:PATH | postgres://…`, defaulting to the SQLite file under the user's data directory.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB[?schema=NAME]")
    var database: String?

    /// The parsed location.
    func location() throws -> DatabaseLocation {
        guard let database else { return DatabaseLocation.defaultSQLite }
        do {
            return try DatabaseLocation(parsing: database)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// `--access-ttl` and `--refresh-ttl`: seconds, or a number with s/m/h/d.
struct TokenOptions: ParsableArguments {
    @Option(help: "Access-token lifetime (seconds, or with s/m/h/d).")
    var accessTTL: String = "15m"

    @Option(help: "Refresh-token lifetime (seconds, or with s/m/h/d).")
    var refreshTTL: String = "30d"

    /// The parsed settings.
    func settings() throws -> TokenSettings {
        guard let access = TokenSettings.parseDuration(self.accessTTL) else {
            throw ValidationError("--access-ttl must be a positive duration like 900, 15m or 1h")
        }
        guard let refresh = TokenSettings.parseDuration(self.refreshTTL) else {
            throw ValidationError("--refresh-ttl must be a positive duration like 30d")
        }
        return TokenSettings(accessTTL: access, refreshTTL: refresh)
    }
}

/// `--login` and `--master-password-file`.
struct AccountOptions: ParsableArguments {
    @Option(help: "The user's login.")
    var login: String

    @OptionGroup var masterPassword: MasterPasswordOptions
}

/// `--output FILE`: where the JSON answer goes (mode 0600); standard output when unset.
struct OutputOptions: ParsableArguments {
    @Option(help: "Write the JSON answer to this file (mode 0600) instead of standard output.")
    var output: String?
}
