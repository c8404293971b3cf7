import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import TestSupport
import Testing

/// The typed writes `secretfs update`, `vault share` and `inbox send` are made of, against a real
/// `secretfs-server`: what one user writes, another user (or the same) reads back decrypted.
@Suite(.serialized) struct WriteCallsTests {
    /// A second user, made by `secretfs-server user add`, with a client and an unlocked reader.
    static func addUser(_ login: String, to server: ServerProcess) async throws -> (String, SecretReader) {
        let added = try ServerProcess.run([
            "user", "add", "--database", server.database, "--login", login, "--master-password-file",
            server.directory.appendingPathComponent("master-password").path,
        ])
        /// What `user add` prints.
        struct Added: Decodable {
            let id: String
            let accessToken: String
            let refreshToken: String
            let masterKey: String
        }
        let user = try JSONDecoder().decode(Added.self, from: added)
        let client = try PassworkClient(
            configuration: ClientConfiguration(host: server.credentials.host),
            credentials: Credentials(
                host: server.credentials.host,
                accessToken: user.accessToken,
                refreshToken: user.refreshToken,
                masterKey: user.masterKey
            )
        )
        return (user.id, try await SecretReader.unlock(client: client, masterKey: SecureBytes(utf8: user.masterKey)))
    }

    @Test func anUpdateIsEncryptedHereAndKeepsWhatItDoesNotName() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        let reader = try await server.reader(client)
        let vaultId = try await reader.createVault(name: "Updates")
        let itemId = try await reader.createItem(
            vaultId: vaultId,
            name: "Before",
            login: "old-login",
            password: SecureBytes(utf8: "old password"),
            customs: [
                .init(name: "API_KEY", value: SecureBytes(utf8: "key-1")),
                .init(name: "Note", value: SecureBytes(utf8: "kept ✓"), type: "text"),
                .init(name: "Region", value: SecureBytes(utf8: "eu"), type: "text"),
            ]
        )

        let before = try await reader.updateItem(
            id: itemId,
            ItemChanges(
                name: "After",
                password: SecureBytes(utf8: "new password ✓"),
                tags: ["a", "b"],
                customs: [("Region", SecureBytes(utf8: "us")), ("NEW_TOKEN", SecureBytes(utf8: "t-2"))]
            )
        )
        #expect(before.name == "Before" && before.id == itemId)

        let after = try reader.decrypt(try await client.item(id: itemId))
        #expect(after.item.name == "After" && after.item.login == "old-login" && after.item.tags == ["a", "b"])
        #expect(after.password.unsafeString() == "new password ✓")
        #expect(after.customs.map(\.name) == ["API_KEY", "Note", "Region", "NEW_TOKEN"])
        // A changed field keeps its type; a new one is a password field.
        #expect(after.customs.map(\.type) == ["password", "text", "text", "password"])
        #expect(after.customs.map { $0.value.unsafeString() } == ["key-1", "kept ✓", "us", "t-2"])
        // The item key did not change, so what was encrypted before still opens with it.
        #expect(after.item.keyEncrypted == before.keyEncrypted)

        // Nothing named: nothing changes.
        try await reader.updateItem(id: itemId, ItemChanges(login: "new-login"))
        let unchanged = try reader.decrypt(try await client.item(id: itemId))
        #expect(unchanged.item.login == "new-login" && unchanged.password.unsafeString() == "new password ✓")
        #expect(unchanged.customs.count == 4)
    }

    @Test func aSharedVaultOpensForItsNewMemberAndAWrappedKeyForItsUser() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        let reader = try await server.reader(client)
        let (bobId, bob) = try await Self.addUser("bob", to: server)
        defer { Task { await bob.client.shutdown() } }
        let vaultId = try await reader.createVault(name: "For Bob")
        let itemId = try await reader.createItem(
            vaultId: vaultId,
            name: "Shared",
            password: SecureBytes(utf8: "bob may read ✓")
        )

        // Not a member yet.
        await #expect(throws: ClientError.notFound("")) { _ = try await bob.client.item(id: itemId) }

        let shared = try await reader.shareVault(id: vaultId, withUser: bobId, role: VaultMemberRole.read)
        #expect(shared.id == vaultId && shared.name == "For Bob")
        let read = try bob.decrypt(try await bob.client.item(id: itemId))
        #expect(read.password.unsafeString() == "bob may read ✓")
        // Read access only: Bob's update is refused by the server.
        await #expect(throws: ClientError.self) {
            try await bob.updateItem(id: itemId, ItemChanges(password: SecureBytes(utf8: "nope")))
        }

        // The one wrapping both share and inbox send use: only Bob's private key opens it.
        let key = try RandomKey.make(length: RandomKey.keyLength)
        let wrapped = try await reader.wrap(key, forUser: bobId)
        #expect(
            try bob.itemKey(wrappedForMe: wrapped, naming: "the test key").secret.unsafeArray() == key.unsafeArray()
        )
        #expect(throws: ClientError.decryptionFailed("")) {
            _ = try reader.itemKey(wrappedForMe: wrapped, naming: "the test key")
        }
        await #expect(throws: ClientError.self) { _ = try await reader.wrap(key, forUser: "no-such-user") }
    }
}
