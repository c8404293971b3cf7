import Foundation
import PassworkModels
import Testing

/// Every real-server fixture decodes into its wire type and re-encodes without losing or changing a field.
@Suite struct FixtureRoundTripTests {
    /// A fixture file and a function that decodes it, re-encodes it and checks decode(encode(x)) == x.
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let roundTrip: @Sendable (Data) throws -> Data

        init<T: Codable & Equatable & Sendable>(_ file: String, _ type: T.Type) {
            self.file = file
            self.roundTrip = { data in
                let value = try JSONDecoder().decode(T.self, from: data)
                let encoded = try JSONEncoder().encode(value)
                #expect(try JSONDecoder().decode(T.self, from: encoded) == value, "\(file): decode(encode(x)) != x")
                return encoded
            }
        }

        var testDescription: String { self.file }
    }

    static let cases: [Case] = [
        Case("item_response.json", Item.self),
        Case("item_nulls_response.json", Item.self),
        Case("user_keys_response.json", UserKeysResponse.self),
        Case("vault_response.json", Vault.self),
        Case("shortcut_response.json", ShortcutResponse.self),
        Case("snapshot_response.json", Snapshot.self),
    ]

    @Test(arguments: Self.cases)
    func reEncodingKeepsEveryField(_ testCase: Case) throws {
        let original = try FixtureSupport.data(testCase.file)
        let encoded = try testCase.roundTrip(original)
        let lost = FixtureSupport.lostFields(try FixtureSupport.json(original), in: try FixtureSupport.json(encoded))
        #expect(lost.isEmpty, "\(testCase.file) lost \(lost)")
    }

    @Test func realItemDecodesToTheExpectedValues() throws {
        let item = try JSONDecoder().decode(Item.self, from: FixtureSupport.data("item_response.json"))
        #expect(item.id == "673c4da03779c24fd60a80b2")
        #expect(item.vaultId == "66f2d2efc8d8ccee4d033a84")
        #expect(item.folderId == nil)
        #expect(item.name == "name-test")
        #expect(item.login == "login-test")
        #expect(item.url == "https://example.com")
        #expect(item.description == "notes test")
        #expect(item.tags == ["test", "test-2"])
        #expect(item.color == 5)
        #expect(item.isFavorite)
        #expect(!item.isDeleted)
        #expect(item.fieldsOrder == nil)
        #expect(item.passwordEncrypted.hasPrefix("amt4cwv48xb6pp1h"))
        #expect(item.keyEncrypted.hasPrefix("amt4cwv48xb6pp1h"))
        #expect(item.customs.count == 3)
        #expect(
            item.customs.allSatisfy { [$0.name, $0.value, $0.type].allSatisfy { $0.hasPrefix("amt4cwv48xb6pp1h") } }
        )
        #expect(item.attachments.map(\.id) == ["67f7ed34077a9f28a3086cc2"])
        #expect(item.attachments.map(\.name) == ["test.txt"])
        #expect(item.vaultMasterKeyEncrypted?.hasPrefix("U9HkOZpHO6XBOK0y") == true)
    }

    @Test func realUserKeysDecode() throws {
        let keys = try JSONDecoder().decode(UserKeysResponse.self, from: FixtureSupport.data("user_keys_response.json"))
        #expect(keys.id == "67f7e682fb15bf9ab000ed44")
        #expect(keys.keys.publicKey.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(keys.keys.privateEncrypted.hasPrefix("amt4cwv48xb6pp1h"))
    }

    @Test func nullsFromARealServerDecodeAsNil() throws {
        let item = try JSONDecoder().decode(Item.self, from: FixtureSupport.data("item_nulls_response.json"))
        #expect(item.folderId == nil)
        #expect(item.description == nil)
        #expect(item.fieldsOrder == nil)
        #expect(item.customs.isEmpty)

        let vault = try JSONDecoder().decode(Vault.self, from: FixtureSupport.data("vault_response.json"))
        #expect(vault.canLeaveVault == nil)
        #expect(vault.canChangeVaultType == nil)
        #expect(vault.permissions.count == 27)
        #expect(vault.directoryAccess?.access == "admin")
    }

    @Test func nullFieldsAreWrittenBackAsNull() throws {
        let item = try JSONDecoder().decode(Item.self, from: FixtureSupport.data("item_nulls_response.json"))
        let json = try FixtureSupport.encodedJSON(item)
        #expect(json["folderId"] == .null)
        #expect(json["description"] == .null)
        #expect(json["fieldsOrder"] == .null)
    }

    @Test func shortcutSplitsItemFieldsFromShortcutFields() throws {
        let response = try JSONDecoder().decode(
            ShortcutResponse.self,
            from: FixtureSupport.data("shortcut_response.json")
        )
        #expect(response.item.id == "68793e13dfc88d879e0f2e39")
        #expect(response.item.vaultMasterKeyEncrypted == nil)
        #expect(response.shortcut.id == "68d6c94bec3a3fe41209546e")
        #expect(response.shortcut.itemId == response.item.id)
        #expect(response.shortcut.creator == .string("ldap_user_01"))
        #expect(response.path == [PathEntry(name: "api_vaults_01", vaultId: "687663896eea6641b6065cd8")])
    }

    @Test func snapshotKeepsCreatorAndTime() throws {
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: FixtureSupport.data("snapshot_response.json"))
        #expect(snapshot.createdAt == 1_759_152_276)
        #expect(snapshot.creator?.login == "admin")
        #expect(snapshot.description == nil)
    }
}
