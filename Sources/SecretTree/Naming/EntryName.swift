/// How a vault, folder, item, field or attachment name becomes a file name, and back (docs/mount-tree.md).
/// The rule, also in the README:
///
/// - `%` becomes `%25`, `/` becomes `%2F`, NUL becomes `%00`: percent-escapes, so the rule is reversible.
/// - A name that is exactly `.` or `..` becomes `%2E` or `%2E%2E`; an empty name becomes `%`.
/// - A name over 255 bytes (after escaping) is cut at a character boundary and ends in `…~` and the first
///   eight characters of the object's id, which keeps it unique.
/// - Siblings that end up with the same name are told apart by ` ~` and the first eight characters of the
///   id, on every one of them but the first (in the server's order); see ``EntryName/disambiguate(_:)``.
public enum EntryName {
    /// The longest file name Linux accepts, in bytes.
    public static let maximumBytes = 255

    /// The file name for an object called `name` whose id is `id`.
    public static func fileName(for name: String, id: String) -> String {
        if name.isEmpty { return "%" }
        if name == "." { return "%2E" }
        if name == ".." { return "%2E%2E" }
        var escaped = ""
        for character in name.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "/": escaped += "%2F"
            case "\0": escaped += "%00"
            default: escaped.unicodeScalars.append(character)
            }
        }
        guard escaped.utf8.count > Self.maximumBytes else { return escaped }
        let suffix = "…~" + String(id.prefix(8))
        var kept = ""
        for character in escaped where kept.utf8.count + character.utf8.count + suffix.utf8.count <= Self.maximumBytes {
            kept.append(character)
        }
        return kept + suffix
    }

    /// The original name of a file name made by ``fileName(for:id:)`` without cutting (the inverse on every
    /// name of up to 255 bytes); nil for something the rule does not produce.
    public static func originalName(of fileName: String) -> String? {
        switch fileName {
        case "%": return ""
        case "%2E": return "."
        case "%2E%2E": return ".."
        default: break
        }
        var result = String.UnicodeScalarView()
        var scalars = fileName.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "%" else {
                result.append(scalar)
                continue
            }
            let code = String(String.UnicodeScalarView(scalars.prefix(2)))
            scalars = scalars.dropFirst(2)
            switch code {
            case "25": result.append("%")
            case "2F": result.append("/")
            case "00": result.append("\0")
            default: return nil
            }
        }
        return String(result)
    }

    /// File names for siblings `entries` (name, id), in order: the first of each group of equal names keeps
    /// it; the others get ` ~` and eight characters of their id (more if that still collides).
    public static func disambiguate(_ entries: [(name: String, id: String)]) -> [String] {
        var taken = Set<String>()
        var result: [String] = []
        result.reserveCapacity(entries.count)
        for (name, id) in entries {
            var candidate = Self.fileName(for: name, id: id)
            if taken.contains(candidate) {
                var length = 8
                repeat {
                    let suffix = " ~" + String(id.prefix(length))
                    let base = Self.fileName(for: name, id: id)
                    var kept = ""
                    for character in base
                    where kept.utf8.count + character.utf8.count + suffix.utf8.count <= Self.maximumBytes {
                        kept.append(character)
                    }
                    candidate = kept + suffix
                    length += 4
                } while taken.contains(candidate) && length <= id.count + 4
            }
            taken.insert(candidate)
            result.append(candidate)
        }
        return result
    }
}
