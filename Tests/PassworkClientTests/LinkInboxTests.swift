import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import TestSupport
import Testing

/// Share links and inbox items made and read by this client, against a real `secretfs-server`.
@Suite(.serialized) struct LinkInboxTests {
    static let password = "link-password ✓ \"q\""
    static let attachment: [UInt8] = Array("file \u{0} ✓".utf8) + [0x80, 0xFF]

    /// A server, the first user's client and reader, and an item made by ``makeItem(_:)``.
    static func serverWithItem() async throws -> (ServerProcess, PassworkClient, SecretReader, String) {
        let server = try ServerProcess()
        let client = try server.client()
        let reader = try await server.reader(client)
        return (server, client, reader, try await Self.makeItem(reader))
    }

    /// A vault with one item: a password, two custom fields and an attachment. Returns the item's id.
    static func makeItem(_ reader: SecretReader) async throws -> String {
        let vaultId = try await reader.createVault(name: "Shared things")
        return try await reader.createItem(
            vaultId: vaultId,
            name: "Shared DB",
            login: "svc",
            url: "https://db.example",
            password: SecureBytes(utf8: Self.password),
            customs: [
                .init(name: "API_KEY", value: SecureBytes(utf8: "key-9")),
                .init(name: "Note", value: SecureBytes(utf8: "text ✓"), type: "text"),
            ],
            attachments: [(name: "blob.bin", data: SecureBytes(Self.attachment))]
        )
    }

    /// Whether `body` fails with `notFound`.
    static func isNotFound(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch {
            return (error as? ClientError) == .notFound("")
        }
    }

    @Test func aLinkMadeHereOpensWithItsCodeOnly() async throws {
        let (server, client, reader, itemId) = try await Self.serverWithItem()
        defer { server.stop() }
        defer { Task { await client.shutdown() } }

        let url = try await reader.createLink(
            itemID: itemId,
            type: LinkCreateRequest.singleUseType,
            expiration: "1 hour"
        )
        #expect(url.hasPrefix(server.credentials.host + "/links/"))
        let code = try #require(url.split(separator: "#code=").last)
        #expect(code.count == RandomKey.keyLength)

        // A wrong code opens nothing and does not use the link up.
        let wrong = String(url.prefix { $0 != "#" }) + "#code=" + String(repeating: "x", count: 100)
        #expect(await Self.isNotFound { _ = try await reader.openLink(url: wrong) })

        // Opened without any login, as its recipient would.
        let link = try ShareLinkURL(parsing: url)
        let anonymous = try PassworkClient(anonymous: ClientConfiguration(host: link.base))
        defer { Task { await anonymous.shutdown() } }
        let opened = try await SecretReader.openLink(link, with: anonymous)
        #expect(opened.type == "single_use")
        #expect(opened.decrypted.item.name == "Shared DB" && opened.decrypted.item.login == "svc")
        #expect(opened.decrypted.password.unsafeString() == Self.password)
        #expect(opened.decrypted.customs.map(\.name) == ["API_KEY", "Note"])
        #expect(opened.decrypted.customs.map(\.type) == ["password", "text"])
        #expect(opened.decrypted.customs.map { $0.value.unsafeString() } == ["key-9", "text ✓"])
        #expect(opened.attachments.map(\.name) == ["blob.bin"])
        #expect(opened.attachments.first?.data.unsafeArray() == Self.attachment)

        // Single use: the second open finds nothing; a reusable link keeps working.
        #expect(await Self.isNotFound { _ = try await reader.openLink(url: url) })
        let reusable = try await reader.createLink(itemID: itemId, type: LinkCreateRequest.reusableType)
        for _ in 0..<2 {
            #expect(try await reader.openLink(url: reusable).decrypted.password.unsafeString() == Self.password)
        }
    }

    @Test func anItemSentToAnInboxIsReadByItsRecipient() async throws {
        let (server, client, reader, itemId) = try await Self.serverWithItem()
        defer { server.stop() }
        defer { Task { await client.shutdown() } }

        let added = try ServerProcess.run([
            "user", "add", "--database", server.database, "--login", "bob", "--master-password-file",
            server.directory.appendingPathComponent("master-password").path,
        ])
        /// What `user add` prints.
        struct Added: Decodable {
            let id: String
            let accessToken: String
            let refreshToken: String
            let masterKey: String?
        }
        let bob = try JSONDecoder().decode(Added.self, from: added)
        let bobId = bob.id
        let bobClient = try PassworkClient(
            configuration: ClientConfiguration(host: server.credentials.host),
            credentials: Credentials(
                host: server.credentials.host,
                accessToken: bob.accessToken,
                refreshToken: bob.refreshToken,
                masterKey: bob.masterKey
            )
        )
        defer { Task { await bobClient.shutdown() } }
        let bobReader = try await SecretReader.unlock(
            client: bobClient,
            masterKey: SecureBytes(utf8: try #require(bob.masterKey))
        )

        // Bob cannot read the item itself: its vault is not his.
        #expect(await Self.isNotFound { _ = try await bobClient.item(id: itemId) })

        let inboxId = try await reader.sendToInbox(itemID: itemId, recipientID: bobId)
        let received = try await bobReader.inboxItem(id: inboxId)
        #expect(received.inbox.senderId != nil && received.inbox.access == "read")
        #expect(received.decrypted.item.name == "Shared DB")
        #expect(received.decrypted.password.unsafeString() == Self.password)
        #expect(received.decrypted.customs.map { $0.value.unsafeString() } == ["key-9", "text ✓"])
        let file = try #require(received.decrypted.item.attachments.first)
        #expect(try await bobReader.attachment(of: received, id: file.id).unsafeArray() == Self.attachment)

        // Only Bob: the sender gets nothing under that id.
        #expect(await Self.isNotFound { _ = try await reader.inboxItem(id: inboxId) })
    }
}
