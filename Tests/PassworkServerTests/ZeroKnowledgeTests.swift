import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import SecretCrypto
import Testing

@testable import PassworkServer

@Suite("Zero knowledge")
struct ZeroKnowledgeTests {
    static let secrets = [
        "zk-password-Qm83!first", "zk-password-Qm83!second", "zk-custom-value-2718", "JBSWY3DPEHPK3PXPZKTEST",
        "zk-attachment-content-1414",
    ]

    @Test("after a client-side-encrypted workload the database holds none of the plaintexts", arguments: Engine.all)
    func noPlaintextStored(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultKey = try VaultKey.generate()
            let vaultId = try await harness.vault(alice, key: "wrapped")
            let itemKey = try ItemKey.generate()
            let custom = try itemKey.encryptCustomField(
                SecretCrypto.DecryptedCustomField(
                    name: SecureBytes(utf8: "API_KEY"),
                    value: SecureBytes(utf8: Self.secrets[2]),
                    type: SecureBytes(utf8: "password")
                )
            )
            let totp = try itemKey.encryptCustomField(
                SecretCrypto.DecryptedCustomField(
                    name: SecureBytes(utf8: "OTP"),
                    value: SecureBytes(utf8: Self.secrets[3]),
                    type: SecureBytes(utf8: "totp")
                )
            )
            let attachment = try itemKey.encryptAttachment(SecureBytes(utf8: Self.secrets[4]))
            let create = ItemCreateRequest(
                vaultId: vaultId,
                name: "Visible name",
                customs: [
                    PassworkModels.CustomField(name: custom.name, value: custom.value, type: custom.type),
                    PassworkModels.CustomField(name: totp.name, value: totp.value, type: totp.type),
                ],
                attachments: [
                    NewAttachment(
                        name: "notes.txt",
                        encryptedKey: attachment.encryptedKey,
                        encryptedData: attachment.encryptedData,
                        hash: attachment.hash
                    )
                ],
                passwordEncrypted: try itemKey.encryptText(SecureBytes(utf8: Self.secrets[0])),
                keyEncrypted: try vaultKey.wrap(itemKey)
            )
            let created = try await harness.send(.post, "/api/v1/items", token: alice.accessToken, body: create)
            let itemId = try created.decode(IDResponse.self).id
            let update = ItemUpdateRequest(
                passwordEncrypted: try itemKey.encryptText(SecureBytes(utf8: Self.secrets[1]))
            )
            #expect(
                try await harness.send(.patch, "/api/v1/items/\(itemId)", token: alice.accessToken, body: update).status
                    == 200
            )

            // The answer decrypts with the keys the client holds.
            let item = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken).decode(
                Item.self
            )
            let key = try vaultKey.itemKey(keyEncrypted: item.keyEncrypted)
            #expect(try key.decryptText(item.passwordEncrypted).unsafeString() == Self.secrets[1])

            let stored = try await harness.database.allStoredBytes()
            #expect(stored.range(of: Data("Visible name".utf8)) != nil)
            for secret in Self.secrets {
                #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) is stored in plaintext")
            }
        }
    }
}
