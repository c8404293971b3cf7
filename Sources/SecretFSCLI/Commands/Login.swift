import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// `secretfs login`: derives the master key from the master password, proves it against the server
/// (`users/keys` must decrypt), and writes the credentials file (0600, atomically).
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the tokens and master password against the server and save the credentials."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "File holding the master password, or - for standard input (never on the command line).")
    var masterPasswordFile: String?

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
                let password = try self.readMasterPassword()
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

    private func readMasterPassword() throws(ClientError) -> SecureBytes {
        if let path = self.masterPasswordFile {
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let handle else { throw .invalidConfiguration("cannot read the master password file \(path)") }
            var data = handle.readDataToEndOfFile()
            defer { data.resetBytes(in: 0..<data.count) }
            while let last = data.last, last == 0x0A || last == 0x0D { data.removeLast() }
            return SecureBytes(data)
        }
        guard isatty(0) == 1 else {
            throw .invalidConfiguration("no master password: give --master-password-file (or - for standard input)")
        }
        guard let typed = getpass("Master password: ") else { throw .invalidConfiguration("no master password typed") }
        let password = SecureBytes(copying: UnsafeRawBufferPointer(start: typed, count: strlen(typed)))
        memset(typed, 0, strlen(typed))
        return password
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
