import ArgumentParser
import PassworkClient
import PassworkModels

/// `secretfs inbox send`: sends an item to a user. Its key is wrapped here with the user's public key; the
/// user then reads it without being a member of its vault.
struct InboxSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send an item to a user's inbox, wrapping its key for them on this machine; prints the inbox id."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The item's id.")
    var itemId: String

    @Option(help: "The id of the user to send it to.")
    var user: String

    @Option(help: "read or write (write needs write access to the item).")
    var access: String = InboxSendRequest.readAccess

    func validate() throws {
        guard [InboxSendRequest.readAccess, InboxSendRequest.writeAccess].contains(self.access) else {
            throw ValidationError("--access must be read or write")
        }
    }

    func run() async throws {
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            print(try await reader.sendToInbox(itemID: self.itemId, recipientID: self.user, access: self.access))
        } catch {
            throw fail(error)
        }
    }
}
