public import Foundation
public import PassworkClient
import PassworkModels
public import SecretCrypto

/// The files of an item and their contents, from the item as the server sent it.
public enum ItemContent {
    /// The entries of the item's directory, in a fixed order: password, the plaintext fields that are set,
    /// each custom field by name (escaped, duplicates told apart), `attachments/` if any, `.json`, `.env`.
    public static func entries(of item: ItemSummary) -> [TreeEntry] {
        let id = item.id
        var named: [(name: String, id: String, key: NodeKey)] = [("password", id, .file(itemId: id, file: .password))]
        if item.hasLogin { named.append(("login", id, .file(itemId: id, file: .login))) }
        if item.hasURL { named.append(("url", id, .file(itemId: id, file: .url))) }
        if item.hasDescription { named.append(("description", id, .file(itemId: id, file: .description))) }
        for (index, name) in (item.customNames ?? []).enumerated() {
            named.append((name, "\(id)-\(index)", .file(itemId: id, file: .custom(index))))
        }
        if item.hasAttachments { named.append(("attachments", id, .attachments(itemId: id))) }
        named.append((".json", id, .file(itemId: id, file: .json)))
        named.append((".env", id, .file(itemId: id, file: .env)))
        let names = EntryName.disambiguate(named.map { (name: $0.name, id: $0.id) })
        return zip(names, named).map { TreeEntry(name: $0, key: $1.key) }
    }

    /// The bytes of one file, in locked memory, decrypting only that field. A `totp` field reads as the code
    /// of `now`. Nil when the item has no such field.
    public static func content(of file: ItemFile, in fields: ItemFields, now: Date = Date()) throws(ClientError)
        -> SecureBytes?
    {
        switch file {
        case .password: return try fields.password()
        case .login: return SecureBytes(utf8: fields.item.login)
        case .url: return SecureBytes(utf8: fields.item.url)
        case .description: return SecureBytes(utf8: fields.item.description ?? "")
        case .custom(let index):
            guard let (type, value) = try fields.custom(at: index) else { return nil }
            guard type == "totp", let totp = try? TOTP(field: value) else { return value }
            return SecureBytes(utf8: totp.code(at: Int64(now.timeIntervalSince1970)))
        case .json: return Self.json(try fields.all())
        case .env: return Self.env(try fields.all())
        }
    }

    private static func json(_ item: DecryptedItem) -> SecureBytes {
        var object: [String: Any] = [
            "id": item.item.id, "vaultId": item.item.vaultId, "folderId": item.item.folderId as Any? ?? NSNull(),
            "name": item.item.name, "login": item.item.login, "url": item.item.url,
            "description": item.item.description as Any? ?? NSNull(), "tags": item.item.tags,
            "password": item.password.unsafeString(),
            "customs": item.customs.map { ["name": $0.name, "type": $0.type, "value": $0.value.unsafeString()] },
            "attachments": item.item.attachments.map { ["id": $0.id, "name": $0.name] },
        ]
        defer { object.removeAll() }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return SecureBytes(data + Data("\n".utf8))
    }

    private static func env(_ item: DecryptedItem) -> SecureBytes {
        var text = ""
        for (name, value) in ExecEnvironment.variables(for: [item]) { text += "\(name)=\(Self.quoted(value))\n" }
        return SecureBytes(utf8: text)
    }

    /// A dotenv value: bare when safe, else double-quoted with `\\`, `"`, `$`, `` ` `` and newlines escaped.
    static func quoted(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || "0123456789-_.,/:@+=%".unicodeScalars.contains($0)
        }
        guard !safe || value.isEmpty else { return value }
        var escaped = "\""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "$": escaped += "\\$"
            case "`": escaped += "\\`"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }
}
