import ArgumentParser
import Foundation
import SecretCrypto

/// `--master-password-file`: a path, or `-` for standard input; never the password itself. What the file may
/// hold is ``MasterPassword``'s rule, the one `secretfs login` reads it by, so every account made here can log
/// in with the same file.
struct MasterPasswordOptions: ParsableArguments {
    @Option(help: "File holding the master password, or - for standard input (never on the command line).")
    var masterPasswordFile: String

    /// The master password, read and checked.
    func read() throws(CLIError) -> SecureBytes {
        let path = self.masterPasswordFile
        var data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError(.unreadableInput, "cannot read the master password file \(path)")
            }
            data = contents
        }
        let raw = SecureBytes(data)
        data.resetBytes(in: 0..<data.count)
        do {
            return try MasterPassword.accept(raw)
        } catch {
            throw CLIError(.invalidMasterPassword, error.message)
        }
    }
}
