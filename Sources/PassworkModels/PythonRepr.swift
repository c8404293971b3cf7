/// Python 3's `repr()` of a `str`, used to render errors exactly as the connector prints them.
enum PythonRepr {
    /// Quotes with `'` unless the text contains `'` and no `"`; escapes `\`, the quote, `\t`, `\n`, `\r` and
    /// non-printable characters (`\xNN`, `\uNNNN`, `\UNNNNNNNN`), as CPython does.
    static func string(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var output = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            default:
                if Character(scalar) == quote {
                    output += "\\" + String(quote)
                } else if Self.isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += Self.escape(scalar.value)
                }
            }
        }
        output.append(quote)
        return output
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        if value <= 0xFF {
            return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        } else if value <= 0xFFFF {
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
