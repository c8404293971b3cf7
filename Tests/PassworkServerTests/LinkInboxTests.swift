import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassworkModels
import SecretCrypto
import Testing

@testable import PassworkServer

/// Share links and inbox items against a live server on loopback, on both engines.
@Suite("Links and inbox")
struct LinkInboxTests {
    /// A link code and its hash, as a client makes them.
    struct Code {
        let text = "code-" + TokenGenerator.id() + TokenGenerator.id()
        var hash: String { PassworkHash.sha256Hex(self.text) }
    }

    static let keyHashHeader = HTTPField.Name(PassworkHeaders.linkKeyHash)!

    /// A link body for `itemId`, valid unless changed.
    static func linkBody(
        _ itemId: String,
        code: Code = Code(),
        type: String = LinkCreateRequest.singleUseType,
        expiration: String = "1 hour",
        attachments: [ItemAttachment]? = nil
    ) -> LinkCreateRequest {
        LinkCreateRequest(
            itemId: itemId,
            itemData: LinkItemData(
                name: "Shared",
                login: "login",
                url: "https://example.com",
                passwordEncrypted: "password-under-code",
                attachments: attachments,
                customs: [CustomField(name: "n-under-code", value: "v-under-code", type: "t-under-code")]
            ),
            keyHash: code.hash,
            keyEncrypted: "code-under-item-key",
            type: type,
            expirationTime: expiration
        )
    }

    /// Alice, her vault and an item in it (with one attachment).
    static func ownerAndItem(_ harness: Harness, name: String = "Item") async throws -> (Account, String, String) {
        let alice = try await harness.account("alice")
        let vaultId = try await harness.vault(alice)
        return (alice, vaultId, try await harness.item(alice, vaultId: vaultId, name: name))
    }

    /// Opens a link with `keyHash` (none when `nil`).
    static func open(_ harness: Harness, _ linkId: String, keyHash: String?) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let keyHash { headers[Self.keyHashHeader] = keyHash }
        return try await harness.send(.get, "/api/v1/links/\(linkId)", headers: headers)
    }

    /// Creates a link and returns its id (the last path segment of its URL).
    static func createLink(_ harness: Harness, _ account: Account, _ body: LinkCreateRequest) async throws -> String {
        let created = try await harness.send(.post, "/api/v1/links", token: account.accessToken, body: body)
        #expect(created.status == 200)
        let url = try created.decode(LinkCreateResponse.self).url
        // The link follows the address the request came to (the test client sends `Host: localhost`).
        #expect(url.hasPrefix("http://localhost/links/"))
        return String(url.split(separator: "/").last ?? "")
    }

    @Test("a link body is validated field by field", arguments: Engine.all)
    func validation(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, _, itemId) = try await Self.ownerAndItem(harness)
            func post(_ body: some Encodable & Sendable) async throws -> Answer {
                try await harness.send(.post, "/api/v1/links", token: alice.accessToken, body: body)
            }
            let badType = try await post(Self.linkBody(itemId, type: "forever"))
            #expect(badType.status == 422 && badType.errorCode == "validation")
            let badExpiry = try await post(Self.linkBody(itemId, expiration: "2 days"))
            #expect(badExpiry.status == 422 && badExpiry.errorCode == "validation")
            var noHash = Self.linkBody(itemId)
            noHash.keyHash = nil
            #expect(try await post(noHash).status == 422)
            var shortHash = Self.linkBody(itemId)
            shortHash.keyHash = "abc"
            #expect(try await post(shortHash).status == 422)
            let foreign = [ItemAttachment(id: "not-this-items", name: "x", encryptedKey: "k")]
            #expect(try await post(Self.linkBody(itemId, attachments: foreign)).status == 422)
            let missing = try await harness.send(
                .post,
                "/api/v1/links",
                token: alice.accessToken,
                rawBody: Data(#"{"itemId":"\#(itemId)","type":"reusable"}"#.utf8)
            )
            #expect(missing.status == 400 && missing.errorCode == "badRequest")
            #expect(try await harness.send(.post, "/api/v1/links", body: Self.linkBody(itemId)).status == 401)

            let inboxBad = InboxSendRequest(
                itemId: itemId,
                recipientId: alice.user.id,
                keyEncrypted: "k",
                access: "all"
            )
            let answer = try await harness.send(.post, "/api/v1/inbox-items", token: alice.accessToken, body: inboxBad)
            #expect(answer.status == 422 && answer.errorCode == "validation")
            let toSelf = InboxSendRequest(itemId: itemId, recipientId: alice.user.id, keyEncrypted: "k")
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: alice.accessToken, body: toSelf).status
                    == 422
            )
            let noKey = InboxSendRequest(itemId: itemId, recipientId: "nobody", keyEncrypted: "k")
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: alice.accessToken, body: noKey).status
                    == 422
            )
        }
    }

    @Test("only a reader of an item can link it or send it", arguments: Engine.all)
    func accessControl(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, vaultId, itemId) = try await Self.ownerAndItem(harness)
            let bob = try await harness.account("bob")
            let carol = try await harness.account("carol")
            let link = Self.linkBody(itemId)
            #expect(try await harness.send(.post, "/api/v1/links", token: bob.accessToken, body: link).status == 404)
            let send = InboxSendRequest(itemId: itemId, recipientId: carol.user.id, keyEncrypted: "k")
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: bob.accessToken, body: send).status == 404
            )

            // A reader may link and send for reading, not hand on write access.
            let share = VaultShareRequest(userId: bob.user.id, masterKeyEncrypted: "wrapped-for-bob", role: "read")
            let shared = try await harness.send(
                .post,
                "/api/v1/vaults/\(vaultId)/members",
                token: alice.accessToken,
                body: share
            )
            #expect(shared.status == 200)
            #expect(try await harness.send(.post, "/api/v1/links", token: bob.accessToken, body: link).status == 200)
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: bob.accessToken, body: send).status == 200
            )
            var write = send
            write.access = InboxSendRequest.writeAccess
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: bob.accessToken, body: write).status == 403
            )
        }
    }

    @Test(
        "a link opens with its code's hash only, single-use links once, and the open is audited",
        arguments: Engine.all
    )
    func opening(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, _, itemId) = try await Self.ownerAndItem(harness)
            let item = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken).decode(
                Item.self
            )
            let attachment = try #require(item.attachments.first)
            let code = Code()
            let shared = [ItemAttachment(id: attachment.id, name: attachment.name, encryptedKey: "att-key-under-code")]
            let linkId = try await Self.createLink(
                harness,
                alice,
                Self.linkBody(itemId, code: code, attachments: shared)
            )

            #expect(try await Self.open(harness, linkId, keyHash: Code().hash).status == 404)
            #expect(try await Self.open(harness, linkId, keyHash: nil).status == 404)
            #expect(try await Self.open(harness, "no-such-link", keyHash: code.hash).status == 404)
            let opened = try await Self.open(harness, linkId, keyHash: code.hash)
            #expect(opened.status == 200)
            let answer = try opened.decode(LinkOpenResponse.self)
            #expect(answer.itemData.passwordEncrypted == "password-under-code")
            #expect(answer.itemData.customs?.first?.value == "v-under-code")
            #expect(answer.attachments.map(\.encryptedKey) == ["att-key-under-code"])
            #expect(answer.attachments.map(\.encryptedData) == ["d"])
            #expect(answer.expiresAt != nil)
            let again = try await Self.open(harness, linkId, keyHash: code.hash)
            #expect(again.status == 404 && again.errorCode == "notFound")

            let reusableCode = Code()
            let reusable = try await Self.createLink(
                harness,
                alice,
                Self.linkBody(itemId, code: reusableCode, type: LinkCreateRequest.reusableType, expiration: "unlimited")
            )
            for _ in 0..<3 {
                let answer = try await Self.open(harness, reusable, keyHash: reusableCode.hash.uppercased())
                #expect(answer.status == 200)
                #expect(try answer.decode(LinkOpenResponse.self).expiresAt == nil)
            }

            // The server records each successful open, for the link's creator to see.
            var opens = 0
            for _ in 0..<50 where opens < 4 {
                let page = try await harness.send(
                    .get,
                    "/api/v1/audit/events?action=api.link.open&itemId=\(itemId)",
                    token: alice.accessToken
                ).decode(AuditEventsPage.self)
                opens = page.events.count
                if opens < 4 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(opens == 4)
        }
    }

    @Test("an expired link does not open", arguments: Engine.all)
    func expiry(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, _, itemId) = try await Self.ownerAndItem(harness)
            let code = Code()
            let body = Self.linkBody(itemId, code: code, type: LinkCreateRequest.reusableType)
            let linkId = try await Self.createLink(harness, alice, body)
            #expect(try await Self.open(harness, linkId, keyHash: code.hash).status == 200)
            let now = Int64(Date().timeIntervalSince1970)
            try await TestDatabase.withDriver(harness.database.location) { driver in
                _ = try await driver.query(
                    "UPDATE links SET expires_at = ? WHERE id = ?",
                    [.integer(now - 1), .text(linkId)]
                )
            }
            #expect(try await Self.open(harness, linkId, keyHash: code.hash).status == 404)
        }
    }

    @Test("of concurrent opens of a single-use link exactly one wins", arguments: Engine.all)
    func concurrentOpens(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, _, itemId) = try await Self.ownerAndItem(harness)
            let code = Code()
            let viaHTTP = try await Self.createLink(harness, alice, Self.linkBody(itemId, code: code))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { try await Self.open(harness, viaHTTP, keyHash: code.hash).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200] + Array(repeating: 404, count: 7))

            // The same race straight at the repository, where the engine's own concurrency decides.
            let direct = try await Self.createLink(harness, alice, Self.linkBody(itemId, code: code))
            let winners = try await harness.database.withRepository { repository in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            try await repository.openLink(
                                id: direct,
                                keyHash: code.hash,
                                now: Int64(Date().timeIntervalSince1970)
                            ) != nil
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
            }
            #expect(winners == 1)
        }
    }

    @Test("an inbox item answers its recipient only, who may also fetch its attachments", arguments: Engine.all)
    func inbox(engine: Engine) async throws {
        try await Harness.run(engine, setup: .live) { harness in
            let (alice, _, itemId) = try await Self.ownerAndItem(harness, name: "For Bob")
            let bob = try await harness.account("bob")
            let carol = try await harness.account("carol")
            let send = InboxSendRequest(
                itemId: itemId,
                recipientId: bob.user.id,
                keyEncrypted: "item-key-for-bob",
                access: InboxSendRequest.writeAccess
            )
            let sent = try await harness.send(.post, "/api/v1/inbox-items", token: alice.accessToken, body: send)
            #expect(sent.status == 200)
            let inboxId = try sent.decode(IDResponse.self).id

            for stranger in [alice, carol] {
                #expect(
                    try await harness.send(.get, "/api/v1/inbox-items/\(inboxId)", token: stranger.accessToken).status
                        == 404
                )
            }
            let answer = try await harness.send(.get, "/api/v1/inbox-items/\(inboxId)", token: bob.accessToken)
            #expect(answer.status == 200)
            let received = try answer.decode(InboxItemResponse.self)
            #expect(received.item.id == itemId && received.item.name == "For Bob")
            #expect(received.item.passwordEncrypted == "cipher-password")
            #expect(received.item.vaultMasterKeyEncrypted == nil)
            #expect(received.inbox.id == inboxId)
            #expect(received.inbox.access == "write")
            #expect(received.inbox.senderId == alice.user.id)
            #expect(received.inbox.keyEncrypted == "item-key-for-bob")
            #expect(received.inbox.isViewed == true && received.inbox.isUserNotified == false)
            #expect(
                received.inbox.sender
                    == .object(["id": .string(alice.user.id), "login": .string("alice"), "fullName": .string("")])
            )
            let json = try #require(try JSONSerialization.jsonObject(with: answer.json) as? [String: Any])
            let inbox = try #require(json["inbox"] as? [String: Any])
            #expect(
                Set(inbox.keys) == [
                    "id", "access", "senderId", "createdAt", "isViewed", "isUserNotified", "sender", "keyEncrypted",
                ]
            )
            #expect(try await harness.database.withRepository { try await $0.inboxItem(id: inboxId)?.isViewed } == true)

            // Attachments: by the item's id (as the connector asks) or the inbox item's; not for others.
            let attachment = try #require(received.item.attachments.first)
            for id in [itemId, inboxId] {
                let path = "/api/v1/items/\(id)/attachment/\(attachment.id)"
                let file = try await harness.send(.get, path, token: bob.accessToken)
                #expect(file.status == 200)
                #expect(try file.decode(AttachmentResponse.self).encryptedData == "d")
                #expect(try await harness.send(.get, path, token: carol.accessToken).status == 404)
            }
        }
    }

    @Test("with real encryption, neither the code nor a plaintext reaches the database", arguments: Engine.all)
    func zeroKnowledge(engine: Engine) async throws {
        let secrets = ["zk-link-password-Hx91", "zk-link-custom-Kq55", "zk-link-file-Wd23"]
        try await Harness.run(engine, setup: .live) { harness in
            let alice = try await harness.account("alice")
            let bob = try await harness.account("bob")
            let vaultKey = try VaultKey.generate()
            let vaultId = try await harness.vault(alice)
            let itemKey = try ItemKey.generate()
            let file = try itemKey.encryptAttachment(SecureBytes(utf8: secrets[2]))
            // The secret custom field, encrypted under the item key or under the link's code.
            func apiKey(under key: ItemKey) throws -> CustomField {
                let field = try key.encryptCustomField(
                    DecryptedCustomField(
                        name: SecureBytes(utf8: "API_KEY"),
                        value: SecureBytes(utf8: secrets[1]),
                        type: SecureBytes(utf8: "password")
                    )
                )
                return CustomField(name: field.name, value: field.value, type: field.type)
            }
            let create = ItemCreateRequest(
                vaultId: vaultId,
                name: "Visible name",
                customs: [try apiKey(under: itemKey)],
                attachments: [
                    NewAttachment(
                        name: "f.txt",
                        encryptedKey: file.encryptedKey,
                        encryptedData: file.encryptedData,
                        hash: file.hash
                    )
                ],
                passwordEncrypted: try itemKey.encryptText(SecureBytes(utf8: secrets[0])),
                keyEncrypted: try vaultKey.wrap(itemKey)
            )
            let itemId = try await harness.send(.post, "/api/v1/items", token: alice.accessToken, body: create)
                .decode(IDResponse.self).id
            let item = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken).decode(
                Item.self
            )

            // The link as a client makes it: everything re-encrypted with a fresh code.
            let code = try RandomKey.make()
            let codeKey = ItemKey(secret: code)
            let attachmentKey = try itemKey.attachmentKey(
                encryptedKey: try #require(item.attachments.first).encryptedKey
            )
            let body = LinkCreateRequest(
                itemId: itemId,
                itemData: LinkItemData(
                    name: item.name,
                    login: item.login,
                    url: item.url,
                    passwordEncrypted: try codeKey.encryptText(SecureBytes(utf8: secrets[0])),
                    attachments: [
                        ItemAttachment(
                            id: item.attachments[0].id,
                            name: "f.txt",
                            encryptedKey: try codeKey.encryptText(attachmentKey.secret)
                        )
                    ],
                    customs: [try apiKey(under: codeKey)]
                ),
                keyHash: PassworkHash.sha256Hex(code),
                keyEncrypted: try itemKey.encryptText(code),
                type: LinkCreateRequest.reusableType,
                expirationTime: "1 week"
            )
            let linkId = try await Self.createLink(harness, alice, body)
            let recipientKey = try RSAPrivateKey.generate()
            let send = InboxSendRequest(
                itemId: itemId,
                recipientId: bob.user.id,
                keyEncrypted: try recipientKey.publicKey().encrypt(itemKey.secret)
            )
            #expect(
                try await harness.send(.post, "/api/v1/inbox-items", token: alice.accessToken, body: send).status == 200
            )

            // Whoever has the code reads everything back.
            let opened = try await Self.open(harness, linkId, keyHash: PassworkHash.sha256Hex(code))
                .decode(LinkOpenResponse.self)
            let password = try codeKey.decryptText(try #require(opened.itemData.passwordEncrypted))
            #expect(password.unsafeString() == secrets[0])
            let shared = try #require(opened.attachments.first)
            let data = try codeKey.attachmentKey(encryptedKey: shared.encryptedKey)
                .decrypt(encryptedData: shared.encryptedData, expectedHash: shared.hash)
            #expect(data.unsafeString() == secrets[2])

            let stored = try await harness.database.allStoredBytes()
            #expect(stored.range(of: Data("Visible name".utf8)) != nil)
            #expect(stored.range(of: Data(code.unsafeString().utf8)) == nil, "the link's code is stored")
            for secret in secrets {
                #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) is stored in plaintext")
            }
        }
    }
}
