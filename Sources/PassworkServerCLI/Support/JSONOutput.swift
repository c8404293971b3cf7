import Foundation

/// Writes a command's JSON answer to standard output or to a 0600 file.
enum JSONOutput {
    /// Encodes `value` (sorted keys) and writes it.
    static func write(_ value: some Encodable, to path: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        try Self.writePrivateFile(data, to: path)
    }

    /// Writes `data` to `path` with mode 0600, atomically (a temporary file renamed into place).
    static func writePrivateFile(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CLIError(.writeFailed, "cannot write \(path)") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CLIError(.writeFailed, "cannot write \(path)")
        }
    }
}
