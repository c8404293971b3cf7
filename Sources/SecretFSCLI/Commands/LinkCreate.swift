import ArgumentParser
import PassworkClient
import PassworkModels

/// `secretfs link create`: a share link to an item, made as the connector's `create_link` makes it: the item's
/// secrets re-encrypted here with a fresh code that only the printed URL carries.
struct LinkCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a share link to an item and print its URL (the code is in the #fragment).",
        discussion: """
            Anyone holding the URL can read the item's password, custom fields and attachments until the link \
            expires; a single_use link works once. The server stores only the re-encrypted copy and the code's \
            SHA-256, never the code.
            """
    )

    /// `--expires` values and the `expirationTime` each stands for.
    static let expirations = ["1h": "1 hour", "1w": "1 week", "1m": "1 month", "unlimited": "unlimited"]

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The item's id.")
    var itemId: String

    @Option(help: "Reach the item through this shortcut (the item's vault need not be yours).")
    var shortcutId: String?

    @Option(help: "single_use or reusable.")
    var type: String = LinkCreateRequest.singleUseType

    @Option(help: "1h, 1w, 1m or unlimited.")
    var expires: String = "1h"

    func validate() throws {
        guard [LinkCreateRequest.singleUseType, LinkCreateRequest.reusableType].contains(self.type) else {
            throw ValidationError("--type must be single_use or reusable")
        }
        guard Self.expirations[self.expires] != nil else {
            throw ValidationError("--expires must be 1h, 1w, 1m or unlimited")
        }
    }

    func run() async throws {
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let url = try await reader.createLink(
                itemID: self.itemId,
                type: self.type,
                expiration: Self.expirations[self.expires] ?? "1 hour",
                shortcutID: self.shortcutId
            )
            print(url)
        } catch {
            throw fail(error)
        }
    }
}
