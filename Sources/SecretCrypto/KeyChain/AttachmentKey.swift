/// An attachment's own key; it encrypts the base64 text of the file (docs/wire-format.md, "Attachments").
public struct AttachmentKey: Sendable, CustomStringConvertible {
    public let secret: SecureBytes

    public init(secret: SecureBytes) { self.secret = secret }

    /// Decrypts `encryptedData` and checks the plaintext against the attachment's `hash`.
    /// - Throws: ``CryptoError/attachmentHashMismatch`` when the hash differs (wrong key or damage that the
    ///   padding did not catch), besides the errors of ``CSEString``.
    public func decrypt(encryptedData: String, expectedHash: String) throws(CryptoError) -> SecureBytes {
        let base64Text = try CSEString.decryptBytes(encryptedData, passphrase: self.secret)
        defer { base64Text.wipe() }
        let data = try Base64.decode(base64Text)
        guard Self.hash(of: data) == expectedHash.lowercased() else {
            data.wipe()
            throw .attachmentHashMismatch
        }
        return data
    }

    /// The connector's attachment hash: SHA-256 hex of the file read as Latin-1 and written as UTF-8
    /// (each byte b becomes U+00b, so bytes from 0x80 up take two bytes, as in JavaScript).
    public static func hash(of data: SecureBytes) -> String {
        let digest = try! DigestContext(Algorithms.sha256)  // cannot fail once the algorithm is fetched
        // The chunk holds expanded plaintext, so it lives in wiped memory too.
        let chunkBuffer = SecureBytes(count: 512)
        chunkBuffer.withUnsafeMutableBytes { chunk in
            data.withUnsafeBytes { bytes in
                var used = 0
                for byte in bytes {
                    if byte < 0x80 {
                        chunk[used] = byte
                        used += 1
                    } else {
                        chunk[used] = 0xC0 | (byte >> 6)
                        chunk[used + 1] = 0x80 | (byte & 0x3F)
                        used += 2
                    }
                    if used >= chunk.count - 2 {
                        digest.update(UnsafeRawBufferPointer(rebasing: chunk[0..<used]))
                        used = 0
                    }
                }
                digest.update(UnsafeRawBufferPointer(rebasing: chunk[0..<used]))
            }
        }
        return SHA256Hex.hex(digest.finish())
    }

    public var description: String { "<attachment key, redacted>" }
}
