import ArgumentParser
import Foundation
import PassworkModels
import PassworkServer
import SecretCrypto

/// `secretfs-server demo`: a demo vault for an existing user — folders, items with custom fields (one a TOTP
/// secret) and an attachment — encrypted here, on the client side, exactly as the connector encrypts.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a demo vault for a user and print its ids.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var account: AccountOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The demo vault's name.")
    var vaultName: String = "Demo"

    func run() async throws {
        let location = try self.database.location()
        let password = try self.account.masterPassword.read()
        defer { password.wipe() }
        let login = self.account.login
        let vaultName = self.vaultName
        let result = try await AdminDatabase.withRepository(location) { repository in
            guard let user = try await repository.user(login: login) else {
                throw CLIError(.noSuchUser, "no user named \(login)")
            }
            let (keyring, masterKey) = try AccountFactory.unlock(user: user, masterPassword: password)
            masterKey.wipe()
            let writer = DemoWriter(repository: repository, user: user, publicKey: try keyring.privateKey.publicKey())
            return try await writer.write(vaultName: vaultName)
        }
        try JSONOutput.write(result, to: self.output.output)
    }
}

/// What `demo` made.
struct DemoOutput: Encodable {
    var vaultId: String
    var folders: [String: String]
    var items: [String: String]
}
