import ArgumentParser
import PassworkServer
import SecretCrypto

/// `secretfs-server init`: creates the first user (an administrator) and prints its credentials.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the first user and print {host, accessToken, refreshToken, masterKey} as JSON."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var account: AccountOptions
    @OptionGroup var tokens: TokenOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The server's URL, as clients will reach it.")
    var host: String = "http://127.0.0.1:8080"

    func run() async throws {
        let location = try self.database.location()
        let settings = try self.tokens.settings()
        let password = try self.account.masterPassword.read()
        defer { password.wipe() }
        let login = self.account.login
        let host = self.host
        let credentials = try await AdminDatabase.withRepository(location) { repository in
            guard try await repository.userCount() == 0 else {
                throw CLIError(.alreadyInitialised, "the server already has users; use 'secretfs-server user add'")
            }
            let (user, masterKey) = try await AccountFactory.create(
                login: login,
                role: .admin,
                masterPassword: password,
                repository: repository
            )
            defer { masterKey.wipe() }
            let pair = try await TokenService(repository: repository, settings: settings).issue(userId: user.id)
            return CredentialsOutput(
                user: user,
                tokens: pair,
                host: host,
                includeRole: true,
                masterKey: masterKey.unsafeString()
            )
        }
        try JSONOutput.write(credentials, to: self.output.output)
    }
}
