import ArgumentParser
import PassworkClient
import PassworkModels

/// `secretfs inbox get`: reads an item sent to you, decrypted with the key its sender wrapped for you.
struct InboxGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the password, a field or an attachment of an item in your inbox.",
        discussion: """
            With neither --field nor --attachment, prints the password (exit 1 if it is empty, as for `get`). --field NAME \
            matches a custom field's name first, then a top-level key of the item. --attachment NAME writes that \
            file's bytes to standard output.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The inbox item's id.")
    var id: String

    @OptionGroup var output: FieldChoiceOptions

    func run() async throws {
        let selected: String?
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let inbox = try await reader.inboxItem(id: self.id)
            if let name = self.output.attachment {
                guard let file = inbox.decrypted.item.attachments.first(where: { $0.name == name }) else {
                    throw ClientError.notFound("no attachment '\(name)' in inbox item \(self.id)")
                }
                ItemFieldOutput.writeRaw(try await reader.attachment(of: inbox, id: file.id))
                return
            }
            selected = try ItemFieldOutput.select(
                self.output.field,
                of: inbox.decrypted,
                naming: "inbox item \(self.id)"
            )
        } catch {
            throw fail(error)
        }
        guard let value = selected else { throw ItemFieldOutput.emptyPassword("inbox item \(self.id)") }
        print(value)
    }
}
