import ArgumentParser
import PassworkClient

/// `secretfs link open`: reads what a share link shares. It needs no login: the code in the URL's fragment is
/// the key, and only its hash goes to the server.
struct LinkOpen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Print the password, a field or an attachment a share link gives.",
        discussion: """
            With neither --field nor --attachment, prints the password (exit 1 if it is empty, as for `get`). --field NAME \
            matches a custom field's name first, then name, login, url or description. --attachment NAME writes \
            that file's bytes to standard output. Opening uses up a single_use link, whatever is printed.
            """
    )

    @Argument(help: "The link, https://SERVER/links/ID#code=CODE (quote it in the shell).")
    var url: String

    @OptionGroup var output: FieldChoiceOptions

    @OptionGroup var tls: TLSOptions

    func run() async throws {
        let selected: String?
        do throws(ClientError) {
            let link = try ShareLinkURL(parsing: self.url)
            let client = try PassworkClient(
                anonymous: ClientConfiguration(host: link.base, caFile: self.tls.caFile, insecure: self.tls.insecure)
            )
            let opened: DecryptedLink
            do throws(ClientError) {
                opened = try await SecretReader.openLink(link, with: client)
                await client.shutdown()
            } catch {
                await client.shutdown()
                throw error
            }
            if let name = self.output.attachment {
                guard let file = opened.attachments.first(where: { $0.name == name }) else {
                    throw ClientError.notFound("no attachment '\(name)' in link \(opened.id)")
                }
                ItemFieldOutput.writeRaw(file.data)
                return
            }
            selected = try ItemFieldOutput.select(self.output.field, of: opened.decrypted, naming: "the linked item")
        } catch {
            throw fail(error)
        }
        guard let value = selected else { throw ItemFieldOutput.emptyPassword("the linked item") }
        print(value)
    }
}
