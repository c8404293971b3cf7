import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

/// `secretfs login`: derives the master key from the master password, proves it against the server
/// (`users/keys` must decrypt), and writes the credentials file (0600, atomically).
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the tokens and master password against the server and save the credentials."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var masterPassword: MasterPasswordOptions

    @Flag(help: "Client-side encryption is off on this server: save no master key.")
    var noMasterKey = false

    func run() async throws {
        do throws(ClientError) {
            var (credentials, _) = try self.connection.resolve()
            let file =
                self.connection.credentials.map(CredentialsFile.init)
                ?? CredentialsFile(path: CredentialsFile.defaultPath)
            let client = try PassworkClient(
                configuration: self.connection.configuration(host: credentials.host),
                credentials: credentials
            )
            defer { Task { await client.shutdown() } }
            if !self.noMasterKey && self.connection.masterKey == nil
                && ProcessInfo.processInfo.environment["PASSWORK_MASTER_KEY"] == nil
            {
                let password = try self.masterPassword.read()
                let text = try await client.masterKeyOptions().masterKeyOptions
                let options: SecretCrypto.MasterKeyOptions
                do {
                    options = try SecretCrypto.MasterKeyOptions(parsing: text)
                } catch {
                    throw ClientError.malformedResponse("master-key options: \(error.message)")
                }
                do {
                    credentials.masterKey = try MasterKey.derive(password: password, options: options).unsafeString()
                } catch {
                    throw ClientError.decryptionFailed("the master key (\(error.code))")
                }
            }
            if self.noMasterKey { credentials.masterKey = nil }
            // Proves the master key: the user's private key must decrypt with it.
            let checked = try PassworkClient(
                configuration: self.connection.configuration(host: credentials.host),
                credentials: credentials
            )
            defer { Task { await checked.shutdown() } }
            _ = try await SecretReader.unlock(
                client: checked,
                masterKey: credentials.masterKey.map { SecureBytes(utf8: $0) }
            )
            try file.save(credentials)
            print("logged in to \(credentials.host); credentials saved to \(file.path)")
        } catch {
            throw fail(error)
        }
    }
}

/// `secretfs logout`: overwrites and removes the credentials file.
struct Logout: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Wipe the saved credentials.")

    @Option(help: "Credentials file (default: $XDG_CONFIG_HOME/secretfs/credentials.json).")
    var credentials: String?

    func run() throws {
        let file = CredentialsFile(path: self.credentials ?? CredentialsFile.defaultPath)
        do { try file.wipe() } catch { throw fail(error) }
        print("credentials wiped: \(file.path)")
    }
}
