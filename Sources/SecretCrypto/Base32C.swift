/// Passwork's base32 variant ("base32c"), the outer layer of every CSE string.
///
/// Alphabet `0123456789abcdefghjkmnpqrtuvwxyz` (no i, l, o, s), most significant bits first, no `=` padding;
/// leftover bits are padded with zeros. Decoding is case-insensitive and maps the aliases `o→0`, `i→1`,
/// `l→1`, `s→5`, as the connector does. Unlike the connector, which skips unknown characters, decoding
/// here refuses them, and refuses lengths that no encoding produces: such input is damaged.
public enum Base32C {
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrtuvwxyz".utf8)

    /// The 5-bit value of each ASCII character, or 0xFF where it has none.
    private static let lookup: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in Self.alphabet.enumerated() {
            table[Int(character)] = UInt8(index)
            table[Int(character) - 0x20 * (character >= 0x61 ? 1 : 0)] = UInt8(index)  // upper case
        }
        for (alias, value) in [("o", 0), ("i", 1), ("l", 1), ("s", 5)] as [(Character, UInt8)] {
            let lower = alias.asciiValue!
            table[Int(lower)] = value
            table[Int(lower - 0x20)] = value
        }
        return table
    }()

    /// Encodes bytes to base32c text.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 8 / 5 + 1)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(Self.alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 {
            output.append(Self.alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base32c text.
    /// - Throws: ``CryptoError/invalidBase32`` for a character outside the alphabet and its aliases, or a
    ///   length that no encoding produces (a truncated string).
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value = Self.lookup[Int(character)]
            guard value != 0xFF else { throw .invalidBase32 }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        // An encoding of n bytes has ceil(8n/5) characters, so at most 4 bits are left over.
        guard bits < 5 else { throw .invalidBase32 }
        return output
    }
}
