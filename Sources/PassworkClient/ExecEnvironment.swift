import PassworkModels
import SecretCrypto

/// The environment variables `passwork-cli exec` makes from decrypted items (docs/mount-tree.md, `.env`), which
/// `secretfs exec` and the mount's `.env` files reproduce exactly.
public enum ExecEnvironment {
    /// `re.sub('[^a-zA-Z0-9]', '_', name)`, then `P_` in front unless the first character is a letter.
    /// Case is kept. Python replaces per code point, so does this. Nil for an empty name (the connector
    /// crashes on one; we skip it).
    public static func variableName(_ name: String) -> String? {
        guard !name.isEmpty else { return nil }
        var sanitized = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            sanitized.append(Self.isASCIILetter(scalar) || ("0"..."9").contains(scalar) ? scalar : "_")
        }
        return (Self.isASCIILetter(sanitized.first!) ? "" : "P_") + String(sanitized)
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// The variables for `items`, in order; later items overwrite earlier ones with the same name. Each item
    /// gives its password under its own name, and each custom field of type `text` or `password` under the
    /// field's name; `totp` fields, login and url are not exported.
    public static func variables(for items: [DecryptedItem]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: String] = [:]
        func set(_ name: String?, _ value: String) {
            guard let name else { return }
            if values[name] == nil { order.append(name) }
            values[name] = value
        }
        for item in items {
            set(Self.variableName(item.item.name), item.password.unsafeString())
            for custom in item.customs where custom.type == "text" || custom.type == "password" {
                set(Self.variableName(custom.name), custom.value.unsafeString())
            }
        }
        return order.map { ($0, values[$0]!) }
    }
}
