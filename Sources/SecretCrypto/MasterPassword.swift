/// The one rule for what a master password is, for every program that takes one: `secretfs login` and
/// `secretfs-server init`, `user add` and `demo`. Both read it through ``accept(_:)``, so the server cannot
/// store an account whose password the client would read differently, or refuse.
public enum MasterPassword {
    /// The master password in `raw`, the bytes of a file, standard input or a prompt.
    ///
    /// Line breaks at the end are dropped: a file's last line ending, however many, is never part of the
    /// password, as a prompt never includes it. What is left must be
    /// - non-empty: the connector takes an empty master password to mean "no client-side encryption";
    /// - UTF-8: the connector and the web client derive the key from text, so other bytes cannot be typed there;
    /// - free of line breaks: no prompt or password field can deliver one.
    /// - Throws: ``CryptoError/invalidMasterPassword(_:)`` naming the rule broken, never the password.
    public static func accept(_ raw: SecureBytes) throws(CryptoError) -> SecureBytes {
        let length = try raw.withUnsafeBytes { (bytes) throws(CryptoError) -> Int in
            var end = bytes.count
            while end > 0, Self.isLineBreak(bytes[end - 1]) { end -= 1 }
            guard end > 0 else { throw .invalidMasterPassword("the master password is empty") }
            let password = UnsafeRawBufferPointer(rebasing: bytes[..<end])
            guard !password.contains(where: Self.isLineBreak) else {
                throw .invalidMasterPassword("the master password contains a line break")
            }
            guard Self.isUTF8(password) else { throw .invalidMasterPassword("the master password is not UTF-8 text") }
            return end
        }
        return raw.withUnsafeBytes { SecureBytes(copying: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// Validates without making a `String`, which would be an unmanaged copy of the secret.
    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
