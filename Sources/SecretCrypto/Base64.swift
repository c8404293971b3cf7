/// Standard, padded base64 (RFC 4648 §4) over raw buffers, so that secrets never pass through
/// `Data` or `String` on their way in or out of ``SecureBytes``.
enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )
    private static let lookup: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in Self.alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the encoding of `source` to `destination`, which must hold `encodedCount(source.count)` bytes.
    static func encode(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        precondition(destination.count >= Self.encodedCount(source.count), "base64 destination too small")
        var out = 0
        var index = 0
        while index < source.count {
            let remaining = source.count - index
            let b0 = UInt32(source[index])
            let b1 = remaining > 1 ? UInt32(source[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(source[index + 2]) : 0
            let group = (b0 << 16) | (b1 << 8) | b2
            destination[out] = Self.alphabet[Int((group >> 18) & 63)]
            destination[out + 1] = Self.alphabet[Int((group >> 12) & 63)]
            destination[out + 2] = remaining > 1 ? Self.alphabet[Int((group >> 6) & 63)] : UInt8(ascii: "=")
            destination[out + 3] = remaining > 2 ? Self.alphabet[Int(group & 63)] : UInt8(ascii: "=")
            index += 3
            out += 4
        }
    }

    /// The encoding as a string, for values that are not secret (ciphertexts).
    static func encode(_ source: UnsafeRawBufferPointer) -> String {
        let count = Self.encodedCount(source.count)
        return String(unsafeUninitializedCapacity: count) { buffer in
            Self.encode(source, into: UnsafeMutableRawBufferPointer(buffer))
            return count
        }
    }

    static func encode(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { Self.encode($0) } }

    /// The largest number of bytes `encoded` can decode to.
    static func maximumDecodedCount(_ encodedCount: Int) -> Int { encodedCount / 4 * 3 }

    /// Decodes strict, padded base64 from `source` into `destination`; returns the number of bytes written.
    /// - Throws: ``CryptoError/invalidBase64`` on a character outside the alphabet, a length that is not a
    ///   multiple of 4, or misplaced padding.
    static func decode(
        _ source: UnsafeRawBufferPointer,
        into destination: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) -> Int {
        guard source.count % 4 == 0 else { throw .invalidBase64 }
        precondition(destination.count >= Self.maximumDecodedCount(source.count), "base64 destination too small")
        var out = 0
        var index = 0
        while index < source.count {
            let isLast = index + 4 == source.count
            var group: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let character = source[index + offset]
                if character == UInt8(ascii: "=") && isLast && offset >= 2 {
                    padding += 1
                    group <<= 6
                    continue
                }
                let value = Self.lookup[Int(character)]
                guard value != 0xFF, padding == 0 else { throw .invalidBase64 }
                group = (group << 6) | UInt32(value)
            }
            destination[out] = UInt8(truncatingIfNeeded: group >> 16)
            if padding < 2 { destination[out + 1] = UInt8(truncatingIfNeeded: group >> 8) }
            if padding < 1 { destination[out + 2] = UInt8(truncatingIfNeeded: group) }
            out += 3 - padding
            index += 4
        }
        return out
    }

    /// Decodes into a fresh array, for values that are not secret (ciphertexts).
    static func decode(_ text: some StringProtocol) throws(CryptoError) -> [UInt8] {
        var text = String(text)
        // `withUTF8` is `rethrows`, which erases the error type: carry it out in a `Result`.
        return try text.withUTF8 { source in
            var output = [UInt8](repeating: 0, count: Self.maximumDecodedCount(source.count))
            let written = output.withUnsafeMutableBytes { destination in
                Result { () throws(CryptoError) in try Self.decode(UnsafeRawBufferPointer(source), into: destination) }
            }
            return written.map { count in Array(output[0..<count]) }
        }.get()
    }

    /// Decodes a secret held in a ``SecureBytes`` into another one.
    static func decode(_ secret: SecureBytes) throws(CryptoError) -> SecureBytes {
        try secret.withUnsafeBytes { (source) throws(CryptoError) -> SecureBytes in
            try SecureBytes.build(capacity: Self.maximumDecodedCount(source.count)) {
                (destination) throws(CryptoError) -> Int in
                try Self.decode(source, into: destination)
            }
        }
    }

    /// Encodes a secret into another ``SecureBytes``.
    static func encode(_ secret: SecureBytes) -> SecureBytes {
        secret.withUnsafeBytes { source in
            SecureBytes.build(capacity: Self.encodedCount(source.count)) { destination in
                Self.encode(source, into: destination)
                return destination.count
            }
        }
    }
}
