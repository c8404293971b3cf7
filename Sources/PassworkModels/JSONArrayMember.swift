/// Finds the elements of one array member of a top-level JSON object (`{"items":[…], …}`) without parsing
/// them, so that a long list can be decoded one element at a time: decoding a vault of 10,000 items in one
/// piece needs about ten times its 18 MB for a moment, one element at a time needs the text and one item.
///
/// It only delimits: strings (with escapes), nesting and scalars are skipped, never interpreted. Anything it
/// does not recognise gives `nil`, and the caller decodes the whole text instead (which then reports the error).
enum JSONArrayMember {
    /// The byte ranges of the elements of the array under `key`, or nil when `bytes` is not an object with
    /// such a member.
    static func elementRanges(of key: String, in bytes: UnsafeRawBufferPointer) -> [Range<Int>]? {
        var scanner = Scanner(bytes: bytes)
        let wanted = Array(key.utf8)
        guard scanner.skipSpace(), scanner.take(UInt8(ascii: "{")) else { return nil }
        var found: [Range<Int>]?
        if scanner.skipSpace(), scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            guard scanner.skipSpace(), let name = scanner.string(), scanner.skipSpace(),
                scanner.take(UInt8(ascii: ":")), scanner.skipSpace()
            else { return nil }
            if name.elementsEqual(wanted) && found == nil {
                guard let elements = scanner.arrayElements() else { return nil }
                found = elements
            } else {
                guard scanner.skipValue() else { return nil }
            }
            guard scanner.skipSpace() else { return nil }
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
            // Only whitespace may follow, or the whole-text decoder (which refuses the rest) would disagree.
            return scanner.skipSpace() ? nil : found
        }
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        /// Skips whitespace; false at the end of the text.
        mutating func skipSpace() -> Bool {
            while self.position < self.bytes.count {
                switch self.bytes[self.position] {
                case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
                default: return true
                }
            }
            return false
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard self.position < self.bytes.count, self.bytes[self.position] == byte else { return false }
            self.position += 1
            return true
        }

        /// A string's raw bytes (escapes left as written), the position after its closing quote.
        mutating func string() -> UnsafeRawBufferPointer.SubSequence? {
            guard self.take(UInt8(ascii: "\"")) else { return nil }
            let start = self.position
            while self.position < self.bytes.count {
                switch self.bytes[self.position] {
                case UInt8(ascii: "\\"): self.position += 2
                case UInt8(ascii: "\""):
                    defer { self.position += 1 }
                    return self.bytes[start..<self.position]
                default: self.position += 1
                }
            }
            return nil
        }

        /// The ranges of an array's elements, the position after its `]`.
        mutating func arrayElements() -> [Range<Int>]? {
            guard self.take(UInt8(ascii: "[")), self.skipSpace() else { return nil }
            var ranges: [Range<Int>] = []
            if self.take(UInt8(ascii: "]")) { return ranges }
            while true {
                let start = self.position
                guard self.skipValue() else { return nil }
                ranges.append(start..<self.position)
                guard self.skipSpace() else { return nil }
                if self.take(UInt8(ascii: ",")) {
                    guard self.skipSpace() else { return nil }
                    continue
                }
                return self.take(UInt8(ascii: "]")) ? ranges : nil
            }
        }

        /// Skips one value: a string, an object or array (however nested), or a scalar.
        mutating func skipValue() -> Bool {
            guard self.position < self.bytes.count else { return false }
            switch self.bytes[self.position] {
            case UInt8(ascii: "\""):
                return self.string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while self.position < self.bytes.count {
                    switch self.bytes[self.position] {
                    case UInt8(ascii: "\""):
                        guard self.string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            self.position += 1
                            return true
                        }
                    default: break
                    }
                    self.position += 1
                }
                return false
            default:
                let start = self.position
                while self.position < self.bytes.count {
                    switch self.bytes[self.position] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                        return self.position > start
                    default: self.position += 1
                    }
                }
                return self.position > start
            }
        }
    }
}
