import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

/// `secretfs vault`: vault administration from the client side.
struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: "Administer vaults.",
        subcommands: [VaultShare.self]
    )
}

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
    var role: String = "read"

    func validate() throws {
        guard ["read", "write"].contains(self.role) else { throw ValidationError("--role must be read or write") }
    }

    func run() async throws {
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let vault = try await reader.client.vault(id: self.vaultId)
            var wrapped: String?
            if let mine = vault.masterKeyEncrypted, !mine.isEmpty,
                let vaultKey = try reader.vaultKey(vaultId: vault.id, masterKeyEncrypted: mine)
            {
                let publicKey = try await reader.client.publicKey(userId: self.user).publicKey
                do {
                    wrapped = try vaultKey.wrap(for: try RSAPublicKey(pem: publicKey))
                } catch {
                    throw ClientError.malformedResponse("the public key of user \(self.user): \(error.message)")
                }
            }
            _ = try await reader.client.call(
                IDResponse.self,
                method: "POST",
                endpoint: Endpoints.vaultMembers.path(vault.id),
                body: VaultShareRequest(userId: self.user, masterKeyEncrypted: wrapped, role: self.role)
            )
            print("shared vault \(vault.name) (\(vault.id)) with user \(self.user) for \(self.role)")
        } catch {
            throw fail(error)
        }
    }
}
