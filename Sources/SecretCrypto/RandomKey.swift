/// Random keys as Passwork makes them (`generate_key()`): characters from `A–Z a–z 0–9 @ !`.
///
/// The alphabet has exactly 64 characters, so the low 6 bits of each CSPRNG byte pick one without bias.
public enum RandomKey {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@!".utf8)

    /// Length of vault, item and attachment keys and link codes.
    public static let keyLength = 100
    /// Length of a vault's `salt`.
    public static let saltLength = 32

    /// A fresh key of `length` characters, in locked memory.
    public static func make(length: Int = RandomKey.keyLength) throws(CryptoError) -> SecureBytes {
        let key = SecureBytes(count: length)
        try key.withUnsafeMutableBytes { (buffer) throws(CryptoError) in
            try fillRandom(buffer)
            for index in buffer.indices { buffer[index] = Self.alphabet[Int(buffer[index] & 63)] }
        }
        return key
    }
}
