/// Byte-level percent-encoding shared by query strings and path segments.
enum PercentCoding {
    /// Encodes every UTF-8 byte for which `isSafe` is false as `%XX` (upper-case hex); with `spaceAsPlus`, a
    /// space becomes `+` instead.
    static func encode(_ text: String, spaceAsPlus: Bool, isSafe: (UInt8) -> Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isSafe(byte) {
                output.append(byte)
            } else if spaceAsPlus, byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`).
    ///
    /// Lenient mode keeps malformed escapes literally and replaces invalid UTF-8 with U+FFFD, like Python's
    /// `unquote_plus`; strict mode returns `nil` for either.
    static func decode(_ text: some StringProtocol, plusAsSpace: Bool, strict: Bool) -> String? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, let high = Self.hexValue(bytes[index + 1]),
                    let low = Self.hexValue(bytes[index + 2])
                {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                if strict { return nil }
                output.append(byte)
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else {
                output.append(byte)
            }
            index += 1
        }
        let decoded = String(decoding: output, as: UTF8.self)
        if strict, !decoded.utf8.elementsEqual(output) { return nil }
        return decoded
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
