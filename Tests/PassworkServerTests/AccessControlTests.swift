import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Access control between users")
struct AccessControlTests {
    @Test("a user sees only vaults shared with them, with the role they were given", arguments: Engine.all)
    func sharing(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let bob = try await harness.account("bob", role: .serviceAccount)
            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId, tags: ["prod"])

            // Before sharing: nothing is visible, and existence is not revealed.
            #expect(try await harness.send(.get, "/api/v1/vaults/\(vaultId)", token: bob.accessToken).status == 404)
            #expect(try await harness.send(.get, "/api/v1/items/\(itemId)", token: bob.accessToken).status == 404)
            let bobVaults = try await harness.send(.get, "/api/v1/vaults", token: bob.accessToken)
            #expect(try bobVaults.decode([Vault].self).isEmpty)
            let search = try await harness.send(.get, "/api/v1/items/search?tags%5B%5D=prod", token: bob.accessToken)
            #expect(try search.decode(ListResponse<Item>.self).items.isEmpty)

            // Bob cannot share Alice's vault with himself.
            let selfShare = try await harness.send(
                .post,
                "/api/v1/vaults/\(vaultId)/members",
                token: bob.accessToken,
                body: VaultShareRequest(userId: bob.user.id, masterKeyEncrypted: "x", role: "write")
            )
            #expect(selfShare.status == 404)

            // Alice shares it read-only, with the vault key wrapped for Bob.
            let share = try await harness.send(
                .post,
                "/api/v1/vaults/\(vaultId)/members",
                token: alice.accessToken,
                body: VaultShareRequest(userId: bob.user.id, masterKeyEncrypted: "wrapped-for-bob", role: "read")
            )
            #expect(share.status == 200)
            let item = try await harness.send(.get, "/api/v1/items/\(itemId)", token: bob.accessToken)
            #expect(item.status == 200)
            #expect(try item.decode(Item.self).vaultMasterKeyEncrypted == "wrapped-for-bob")
            let patch = try await harness.send(
                .patch,
                "/api/v1/items/\(itemId)",
                token: bob.accessToken,
                body: ItemUpdateRequest(name: "mine now")
            )
            #expect(patch.status == 403)
            #expect(patch.errorCode == "forbidden")
            #expect(try await harness.send(.delete, "/api/v1/items/\(itemId)", token: bob.accessToken).status == 403)

            // Removing the member takes the access away again.
            let removed = try await harness.send(
                .delete,
                "/api/v1/vaults/\(vaultId)/members/\(bob.user.id)",
                token: alice.accessToken
            )
            #expect(removed.status == 200)
            #expect(try await harness.send(.get, "/api/v1/items/\(itemId)", token: bob.accessToken).status == 404)
        }
    }

    @Test("only administrators create users", arguments: Engine.all)
    func createUser(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let admin = try await harness.account("root", role: .admin)
            let user = try await harness.account("alice")
            let body = CreateUserRequest(
                login: "carol",
                email: "carol@example.com",
                fullName: "Carol",
                userRoleId: "user",
                password: "login-password",
                masterKeyHash: "abc",
                masterKeyOptions: "pbkdf:sha256:300000:64:SaltSaltSaltSaltSalt",
                keys: UserKeyPair(publicKey: "pub", privateEncrypted: "priv")
            )
            #expect(try await harness.send(.post, "/api/v1/users", token: user.accessToken, body: body).status == 403)
            let created = try await harness.send(.post, "/api/v1/users", token: admin.accessToken, body: body)
            #expect(created.status == 200)
            let id = try created.decode(IDResponse.self).id
            let key = try await harness.send(.get, "/api/v1/users/\(id)/public-key", token: user.accessToken)
            #expect(try key.decode(UserPublicKeyResponse.self).publicKey == "pub")
            let again = try await harness.send(.post, "/api/v1/users", token: admin.accessToken, body: body)
            #expect(again.status == 409)
            let stored = try await harness.database.allStoredBytes()
            #expect(stored.range(of: Data("login-password".utf8)) == nil)
        }
    }
}
