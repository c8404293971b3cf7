import ArgumentParser
import PassworkServer

/// `secretfs-server token issue --login NAME`: a new token pair for an existing user.
struct TokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a new token pair for a user and print it as JSON."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var tokens: TokenOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The user's login.")
    var login: String

    func run() async throws {
        let location = try self.database.location()
        let settings = try self.tokens.settings()
        let login = self.login
        let credentials = try await AdminDatabase.withRepository(location) { repository in
            guard let user = try await repository.user(login: login) else {
                throw CLIError(.noSuchUser, "no user named \(login)")
            }
            let pair = try await TokenService(repository: repository, settings: settings).issue(userId: user.id)
            return CredentialsOutput(user: user, tokens: pair, includeRole: false)
        }
        try JSONOutput.write(credentials, to: self.output.output)
    }
}
