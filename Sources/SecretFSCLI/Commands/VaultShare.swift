import ArgumentParser
import PassworkClient
import PassworkModels

/// `secretfs vault share`: gives a user (a service account, say) exactly one vault. The vault key is wrapped
/// here, on the client, with the user's public key; the server only stores the result.
struct VaultShare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share a vault with a user, wrapping its key for them on this machine."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The vault's id.")
    var vaultId: String

    @Option(help: "The id of the user to share with.")
    var user: String

    @Option(help: "read or write.")
    var role: String = VaultMemberRole.read

    func validate() throws {
        guard [VaultMemberRole.read, VaultMemberRole.write].contains(self.role) else {
            throw ValidationError("--role must be read or write")
        }
    }

    func run() async throws {
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let vault = try await reader.shareVault(id: self.vaultId, withUser: self.user, role: self.role)
            print("shared vault \(vault.name) (\(vault.id)) with user \(self.user) for \(self.role)")
        } catch {
            throw fail(error)
        }
    }
}
