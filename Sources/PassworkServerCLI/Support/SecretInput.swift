import Foundation
import SecretCrypto

/// Reads secrets from files or standard input, never from the command line.
enum SecretInput {
    /// The master password from `path` (`-` is standard input); one trailing newline is dropped.
    static func masterPassword(from path: String) throws -> SecureBytes {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError(.unreadableInput, "cannot read the master password file \(path)")
            }
            data = contents
        }
        var bytes = [UInt8](data)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw CLIError(.unreadableInput, "the master password is empty") }
        let secret = SecureBytes(bytes)
        for index in bytes.indices { bytes[index] = 0 }
        return secret
    }
}
