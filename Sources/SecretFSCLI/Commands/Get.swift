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
        let output: String?
        let item: DecryptedItem
        do {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let fetched: Item
            if let shortcutId = self.shortcutId {
                fetched = try await reader.client.shortcutItem(id: shortcutId.trimmingCharacters(in: .whitespaces))
            } else {
                fetched = try await reader.client.item(id: (self.passwordId ?? "").trimmingCharacters(in: .whitespaces))
            }
            item = try reader.decrypt(fetched)
            if let name = self.totpCode {
                guard let custom = item.customs.first(where: { $0.name == name }) else {
                    throw ClientError.notFound("no field '\(name)' in item \(item.item.id)")
                }
                do {
                    output = try TOTP(field: custom.value).code(at: Int64(Date().timeIntervalSince1970))
                } catch {
                    throw ClientError.decryptionFailed("field '\(name)' as TOTP: \(error.message)")
                }
            } else {
                output = try ItemFieldOutput.select(self.field, of: item, naming: "item \(item.item.id)")
            }
        } catch let error as ClientError {
            throw fail(error)
        }
        guard let output else { throw ItemFieldOutput.emptyPassword("item \(item.item.id)") }
        print(output)
    }
}
