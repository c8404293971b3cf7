import Foundation
import PassworkModels
import Testing

/// Request bodies encode exactly the keys the connector sends.
@Suite struct RequestBodyTests {
    private func keys(_ value: some Encodable) throws -> Set<String> {
        guard case .object(let members) = try FixtureSupport.encodedJSON(value) else { return [] }
        return Set(members.keys)
    }

    @Test func patchEncodesOnlyTheFieldsThatAreSet() throws {
        let patch = ItemUpdateRequest(vaultId: "v", description: "", passwordEncrypted: "amt4", keyEncrypted: "k")
        #expect(
            try FixtureSupport.encodedJSON(patch)
                == .object([
                    "vaultId": .string("v"), "description": .string(""), "passwordEncrypted": .string("amt4"),
                    "keyEncrypted": .string("k"),
                ])
        )
    }

    @Test func emptyPatchEncodesAnEmptyObject() throws {
        #expect(String(decoding: try JSONEncoder().encode(ItemUpdateRequest()), as: UTF8.self) == "{}")
    }

    @Test func patchWithCustomsReplacesTheList() throws {
        let patch = ItemUpdateRequest(vaultId: "v", customs: [CustomField(name: "n", value: "v", type: "t")])
        #expect(try self.keys(patch) == ["vaultId", "customs"])
        let json = try FixtureSupport.encodedJSON(patch)
        #expect(
            json["customs"] == .array([.object(["name": .string("n"), "value": .string("v"), "type": .string("t")])])
        )
    }

    @Test func patchDecodingTreatsNullAsUnset() throws {
        let patch = try JSONDecoder().decode(
            ItemUpdateRequest.self,
            from: Data(#"{"vaultId":"v","name":null,"login":"l","unknown":1}"#.utf8)
        )
        #expect(patch == ItemUpdateRequest(vaultId: "v", login: "l"))
    }

    @Test func createBodyLeavesOutWhatWasNotGiven() throws {
        let body = ItemCreateRequest(vaultId: "v", passwordEncrypted: "p", keyEncrypted: "")
        #expect(try self.keys(body) == ["vaultId", "name", "passwordEncrypted", "keyEncrypted"])
        #expect(try FixtureSupport.encodedJSON(body)["name"] == .string(""))
    }

    @Test func createBodyDecodesWithDefaultName() throws {
        let body = try JSONDecoder().decode(ItemCreateRequest.self, from: Data(#"{"vaultId":"v","tags":["a"]}"#.utf8))
        #expect(body == ItemCreateRequest(vaultId: "v", name: "", tags: ["a"]))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ItemCreateRequest.self, from: Data(#"{"name":"x"}"#.utf8))
        }
    }

    @Test func createBodyRoundTripsWithAttachments() throws {
        let body = ItemCreateRequest(
            vaultId: "v",
            folderId: "f",
            name: "DB Prod",
            login: "admin",
            url: "https://db",
            description: "d",
            tags: ["prod"],
            customs: [CustomField(name: "bg==", value: "dg==", type: "dA==")],
            attachments: [NewAttachment(name: "a.txt", encryptedKey: "k", encryptedData: "d", hash: "h")],
            passwordEncrypted: "cHcx",
            keyEncrypted: ""
        )
        #expect(try JSONDecoder().decode(ItemCreateRequest.self, from: JSONEncoder().encode(body)) == body)
    }

    @Test func shortcutCreateSendsNullsLikeTheConnector() throws {
        let body = ShortcutCreateRequest(vaultId: "v", itemId: "i")
        #expect(
            try FixtureSupport.encodedJSON(body)
                == .object(["vaultId": .string("v"), "folderId": .null, "itemId": .string("i"), "keyEncrypted": .null])
        )
    }

    @Test func vaultCreateWithoutCSEIsJustTheName() throws {
        #expect(
            String(decoding: try JSONEncoder().encode(VaultCreateRequest(name: "x")), as: UTF8.self) == #"{"name":"x"}"#
        )
        let full = VaultCreateRequest(
            name: "x",
            masterKeyEncrypted: "m",
            masterKeyHash: "h",
            salt: "s",
            typeId: "t",
            administratorsKeys: ["admin1": "k1"]
        )
        #expect(
            try self.keys(full) == [
                "name", "masterKeyEncrypted", "masterKeyHash", "salt", "typeId", "administratorsKeys",
            ]
        )
        #expect(try FixtureSupport.encodedJSON(full)["administratorsKeys"] == .object(["admin1": .string("k1")]))
    }

    @Test func linkBodySendsNullKeysWithoutCSE() throws {
        let body = LinkCreateRequest(
            itemId: "i",
            itemData: LinkItemData(name: "n", login: "l", url: "u", passwordEncrypted: "cHcx"),
            type: LinkCreateRequest.singleUseType,
            expirationTime: "1 hour"
        )
        let json = try FixtureSupport.encodedJSON(body)
        #expect(try self.keys(body) == ["itemId", "itemData", "keyHash", "keyEncrypted", "type", "expirationTime"])
        #expect(json["keyHash"] == .null)
        #expect(json["type"] == .string("single_use"))
        #expect(json["itemData"]?["description"] == .null)
        #expect(json["itemData"]?["customs"] == nil)
    }

    @Test func userKeyPairUsesTheWireNamePublic() throws {
        let pair = UserKeyPair(publicKey: "-----BEGIN PUBLIC KEY-----", privateEncrypted: "amt4")
        #expect(try self.keys(pair) == ["public", "privateEncrypted"])
        let user = CreateUserRequest(login: "l", email: "e", fullName: "f", userRoleId: "r", password: "p")
        #expect(try self.keys(user) == ["login", "email", "fullName", "userRoleId", "password"])
    }

    @Test func tokenBodies() throws {
        #expect(
            String(decoding: try JSONEncoder().encode(SessionRefreshRequest(refreshToken: "r")), as: UTF8.self)
                == #"{"refreshToken":"r"}"#
        )
        #expect(
            String(decoding: try JSONEncoder().encode(RefreshAccessTokenRequest(accessToken: "a")), as: UTF8.self)
                == #"{"accessToken":"a"}"#
        )
        #expect(
            String(decoding: try JSONEncoder().encode(RefreshRefreshTokenRequest(refreshToken: "r")), as: UTF8.self)
                == #"{"refreshToken":"r"}"#
        )
        #expect(
            try self.keys(TokenPairResponse(accessToken: "a", refreshToken: "r", accessTokenExpiredAt: 1)) == [
                "accessToken", "refreshToken", "accessTokenExpiredAt",
            ]
        )
        let rotated = try JSONDecoder().decode(
            RefreshRefreshTokenResponse.self,
            from: Data(#"{"refreshToken":"r2","refreshTokenExpiredAt":1760000000}"#.utf8)
        )
        #expect(rotated == RefreshRefreshTokenResponse(refreshToken: "r2", refreshTokenExpiredAt: 1_760_000_000))
    }
}
