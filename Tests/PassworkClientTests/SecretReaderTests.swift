import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import TestSupport
import Testing

/// Reading the demo data that `secretfs-server demo` writes (encrypted client-side, as the web client does).
@Suite(.serialized) struct SecretReaderTests {
    /// The demo items, written by the server's `demo` command with client-side encryption, decrypt to the
    /// values it was given: password, custom fields, attachment.
    @Test func decryptsTheDemoVault() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try ServerProcess.run([
            "demo", "--database", server.database, "--login", "admin", "--master-password-file",
            server.directory.appendingPathComponent("master-password").path,
        ])
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        let reader = try await server.reader(client)
        let vault = try #require(try await client.vaults().first { $0.name == "Demo" })
        let items = try await client.searchItems(ItemSearchQuery(vaultIds: [vault.id]))
        #expect(Set(items.map(\.name)) == ["DB Prod", "Web Admin", "Staging API key"])

        let database = try reader.decrypt(try #require(items.first { $0.name == "DB Prod" }))
        #expect(database.password.unsafeString() == "demo-db-password-1")
        #expect(database.customs.map(\.name) == ["DB_HOST", "DB_REPLICA_PASSWORD"])
        #expect(database.customs.map(\.type) == ["text", "password"])
        #expect(database.customs.map { $0.value.unsafeString() } == ["db.example.internal", "demo-replica-password"])
        let attachment = try #require(database.item.attachments.first)
        #expect(attachment.name == "ca.pem")
        let content = try await reader.attachment(of: database.item, id: attachment.id)
        #expect(content.unsafeString() == "-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----\n")

        let web = try reader.decrypt(try #require(items.first { $0.name == "Web Admin" }))
        #expect(web.customs.first?.type == "totp")
        #expect(web.customs.first?.value.unsafeString() == "JBSWY3DPEHPK3PXP")

        // The same items through batch, as `exec --password-id a,b` fetches them.
        let fetched = try await client.items(ids: items.map(\.id) + ["no-such-id"])
        #expect(Set(fetched.map(\.id)) == Set(items.map(\.id)))
    }

    @Test func wrongMasterKeyIsRefused() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        await #expect(throws: ClientError.wrongMasterKey) {
            try await SecretReader.unlock(client: client, masterKey: SecureBytes(utf8: "not the master key"))
        }
    }

    @Test func malformedAnswersAndDeadServers() async throws {
        let server = try ServerProcess()
        let client = try server.client(timeout: .seconds(5))
        defer { Task { await client.shutdown() } }
        await #expect(throws: ClientError.notFound("")) { try await client.item(id: "no-such-item") }
        server.stop()
        await #expect(throws: ClientError.serverUnreachable("", "")) { try await client.userKeys() }
    }
}
