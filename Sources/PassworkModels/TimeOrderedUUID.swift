public import Foundation

/// UUIDs of version 7 (RFC 9562): the Unix time in milliseconds in the first 48 bits, then 74 random bits.
///
/// Audit events are keyed by a UUID that the store indexes for idempotency. Random (version 4) ids land
/// on a random page of that index each, so every batch rewrote about one page per event; ids that grow
/// with time land together at the index's end.
public enum TimeOrderedUUID {
    /// A fresh id for `date`, lower-case in the 8-4-4-4-12 form.
    public static func make(at date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<16 {
            let word = index < 8 ? random.0 : random.1
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        return Self.format(bytes)
    }

    /// A fresh id for `date`, from the system's cryptographic generator.
    public static func make(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return Self.make(at: date, using: &generator)
    }

    private static func format(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
