import ArgumentParser
import Foundation
import PassworkClient
import SecretCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// `--master-password-file`: a path, or `-` for standard input; never the password itself. Without it, the
/// password is asked for at the terminal. What it may be is ``MasterPassword``'s rule, the one
/// `secretfs-server init` and `user add` read it by, so an account the server made always logs in here.
struct MasterPasswordOptions: ParsableArguments {
    @Option(help: "File holding the master password, or - for standard input (never on the command line).")
    var masterPasswordFile: String?

    /// The master password, read and checked.
    func read() throws(ClientError) -> SecureBytes {
        let raw = try self.readRaw()
        do {
            return try MasterPassword.accept(raw)
        } catch {
            throw .invalidConfiguration(error.message)
        }
    }

    private func readRaw() throws(ClientError) -> SecureBytes {
        if let path = self.masterPasswordFile {
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let handle else { throw .invalidConfiguration("cannot read the master password file \(path)") }
            var data = handle.readDataToEndOfFile()
            defer { data.resetBytes(in: 0..<data.count) }
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
