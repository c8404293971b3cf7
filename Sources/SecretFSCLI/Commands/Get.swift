import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

/// `secretfs get`: prints one secret of one item (passwork-cli get compatible).
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an item's password, a field, or a TOTP code.",
        discussion: """
            With neither --field nor --totp-code, prints the password (exit 1 if it is empty). --field NAME \
            matches a custom field's name first, then a top-level item key (login, url, name, ...). \
            --totp-code NAME prints the current code of that TOTP field (base32 secret or otpauth:// URI).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The item's id.")
    var passwordId: String?

    @Option(help: "A shortcut's id (instead of --password-id).")
    var shortcutId: String?

    @Option(help: "A custom field's name, or a top-level key of the item.")
    var field: String?

    @Option(help: "The name of a TOTP field whose current code to print.")
    var totpCode: String?

    func validate() throws {
        guard (self.passwordId == nil) != (self.shortcutId == nil) else {
            throw ValidationError("give --password-id or --shortcut-id")
        }
        if self.field != nil && self.totpCode != nil { throw ValidationError("give --field or --totp-code, not both") }
    }

    func run() async throws {
        let output: String
        do {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let fetched: Item
            if let shortcutId = self.shortcutId {
                fetched = try await reader.client.shortcutItem(id: shortcutId.trimmingCharacters(in: .whitespaces))
            } else {
                fetched = try await reader.client.item(id: (self.passwordId ?? "").trimmingCharacters(in: .whitespaces))
            }
            let item = try reader.decrypt(fetched)
            if let name = self.totpCode {
                guard let custom = item.customs.first(where: { $0.name == name }) else {
                    throw ClientError.notFound("no field '\(name)' in item \(item.item.id)")
                }
                do {
                    output = try TOTP(field: custom.value).code(at: Int64(Date().timeIntervalSince1970))
                } catch {
                    throw ClientError.decryptionFailed("field '\(name)' as TOTP: \(error.message)")
                }
            } else if let name = self.field {
                if let custom = item.customs.first(where: { $0.name == name }) {
                    output = custom.value.unsafeString()
                } else if let value = try Self.topLevel(name, of: item) {
                    output = value
                } else {
                    throw ClientError.notFound("no field '\(name)' in item \(item.item.id)")
                }
            } else {
                output = item.password.unsafeString()
                guard !output.isEmpty else {
                    printError("secretfs: item \(item.item.id) has no password")
                    throw ExitCode(ExitCodes.failure)
                }
            }
        } catch let error as ClientError {
            throw fail(error)
        }
        print(output)
    }

    /// A top-level key of the item's JSON, as text.
    static func topLevel(_ key: String, of item: DecryptedItem) throws -> String? {
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(item.item)) as? [String: Any]
        guard let value = json?[key], !(value is NSNull) else { return nil }
        if let text = value as? String { return text }
        let data = try JSONSerialization.data(
            withJSONObject: value,
            options: [.fragmentsAllowed, .withoutEscapingSlashes]
        )
        return String(decoding: data, as: UTF8.self)
    }
}
