import ArgumentParser
import PassworkServer
import SecretCrypto

/// `secretfs-server user add`: a user or a service account (a user for a machine, which sees only the vaults
/// shared with it), with a first token pair.
struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user or service account and print its id, token pair and master key as JSON."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var account: AccountOptions
    @OptionGroup var tokens: TokenOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "admin, user or serviceAccount.")
    var role: String = "user"

    func run() async throws {
        guard let role = AccountRole(rawValue: self.role) else {
            throw ValidationError("--role must be admin, user or serviceAccount")
        }
        let location = try self.database.location()
        let settings = try self.tokens.settings()
        let password = try self.account.masterPassword.read()
        defer { password.wipe() }
        let login = self.account.login
        let credentials = try await AdminDatabase.withRepository(location) { repository in
            let (user, masterKey) = try await AccountFactory.create(
                login: login,
                role: role,
                masterPassword: password,
                repository: repository
            )
            defer { masterKey.wipe() }
            let pair = try await TokenService(repository: repository, settings: settings).issue(userId: user.id)
            return CredentialsOutput(user: user, tokens: pair, includeRole: true, masterKey: masterKey.unsafeString())
        }
        try JSONOutput.write(credentials, to: self.output.output)
    }
}
