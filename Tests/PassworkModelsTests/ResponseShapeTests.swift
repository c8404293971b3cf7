import Foundation
import PassworkModels
import Testing

/// Smaller response shapes from docs/wire-format.md, "Endpoints".
@Suite struct ResponseShapeTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func vaultListAcceptsBothShapesAndWritesAnArray() throws {
        let vault = #"{"id":"v","name":"n"}"#
        let fromArray = try self.decode(VaultList.self, "[\(vault)]")
        let fromObject = try self.decode(VaultList.self, #"{"items":["# + vault + "]}")
        #expect(fromArray == fromObject)
        #expect(fromArray.vaults == [Vault(id: "v", name: "n")])
        #expect(String(decoding: try JSONEncoder().encode(fromArray), as: UTF8.self).hasPrefix("["))
        #expect(throws: DecodingError.self) { try self.decode(VaultList.self, #"{"vaults":[]}"#) }
    }

    @Test func listResponsesDecode() throws {
        let types = try self.decode(
            ListResponse<VaultType>.self,
            #"{"items":[{"id":"1","name":"Company","code":"company"},{"id":"2","name":"P","code":"privateShared"}]}"#
        )
        #expect(types.items.map(\.code) == [VaultType.companyCode, VaultType.privateSharedCode])
        let roles = try self.decode(ListResponse<UserRole>.self, #"{"items":[{"id":"r","code":"user","x":[]}]}"#)
        #expect(roles.items == [UserRole(id: "r", code: UserRole.userCode)])
        let folders = try self.decode(
            ListResponse<Folder>.self,
            #"{"items":[{"id":"f","name":"n","vaultId":"v","parentFolderId":null,"extra":1}]}"#
        )
        #expect(folders.items == [Folder(id: "f", name: "n", vaultId: "v")])
        #expect(try FixtureSupport.encodedJSON(folders.items[0])["parentFolderId"] == .null)
    }

    @Test func smallResponses() throws {
        #expect(try self.decode(IDResponse.self, #"{"id":"x"}"#) == IDResponse(id: "x"))
        #expect(try self.decode(BinItemResponse.self, #"{"binItemId":"b"}"#) == BinItemResponse(binItemId: "b"))
        #expect(try self.decode(UserPublicKeyResponse.self, #"{"publicKey":"k"}"#).publicKey == "k")
        #expect(
            try self.decode([AppFeature].self, #"[{"name":"vaultType"},{"name":"x"}]"#).first?.name
                == AppFeature.vaultTypeName
        )
        #expect(try self.decode(LinkCreateResponse.self, #"{"url":"https://h/l/1"}"#).url == "https://h/l/1")
        let attachment = try self.decode(
            AttachmentResponse.self,
            #"{"name":"a.txt","encryptedKey":"k","encryptedData":"d","hash":"h"}"#
        )
        #expect(attachment.id == nil)
        #expect(throws: DecodingError.self) { try self.decode(BinItemResponse.self, #"{"id":"x"}"#) }
    }

    @Test func settingsTolerateMissingAndNullRules() throws {
        let settings = try self.decode(
            AppSettings.self,
            #"{"authPasswordComplexity":{"minLength":12,"isDigitsRequired":true,"isUppercaseRequired":null},"other":1}"#
        )
        #expect(settings.authPasswordComplexity == PasswordComplexity(minLength: 12, isDigitsRequired: true))
        #expect(settings.masterPasswordComplexity == nil)
    }

    @Test func healthCheck() throws {
        let health = try self.decode(HealthCheckResponse.self, #"{"states":{"mongodb":"ok"},"errors":[]}"#)
        #expect(health.states == ["mongodb": HealthCheckResponse.okState])
        #expect(health.errors.isEmpty)
        #expect(try self.decode(HealthCheckResponse.self, "{}") == HealthCheckResponse(states: [:]))
    }

    @Test func inboxItemSplitsItemAndInbox() throws {
        let json = #"""
            {"id":"i","vaultId":"v","name":"n","passwordEncrypted":"p","keyEncrypted":"",
             "inbox":{"id":"x","access":"write","senderId":"s","createdAt":1700000000,"isViewed":false,
                      "isUserNotified":true,"sender":{"id":"s","login":"bob"},"keyEncrypted":"rsa=="}}
            """#
        let response = try self.decode(InboxItemResponse.self, json)
        #expect(response.item.id == "i")
        #expect(response.inbox.access == "write")
        #expect(response.inbox.sender?["login"] == .string("bob"))
        #expect(
            try self.decode(InboxItemResponse.self, String(decoding: JSONEncoder().encode(response), as: UTF8.self))
                == response
        )
        #expect(throws: DecodingError.self) {
            try self.decode(InboxItemResponse.self, #"{"id":"i","vaultId":"v","name":"n"}"#)
        }
    }

    @Test func masterKeyOptionsParseLikeTheConnector() throws {
        let options = try MasterKeyOptions(parsing: "pbkdf:sha256:300000:64:AbCdEfGhIjKlMnOpQrSt")
        #expect(
            options
                == MasterKeyOptions(digest: "sha256", iterations: 300_000, byteCount: 64, salt: "AbCdEfGhIjKlMnOpQrSt")
        )
        #expect(options.description == "pbkdf:sha256:300000:64:AbCdEfGhIjKlMnOpQrSt")
        // The connector splits at every ':' and keeps field 4 only.
        #expect(try MasterKeyOptions(parsing: "pbkdf:sha512:1000:32:ab:cd").salt == "ab")
    }

    @Test(arguments: ["", "pbkdf:sha256:300000:64", "pbkdf:sha256:many:64:salt", "pbkdf:sha256:1000:0:salt"])
    func badMasterKeyOptionsThrow(_ text: String) {
        let error = #expect(throws: PassworkModelsError.self) { try MasterKeyOptions(parsing: text) }
        #expect(error?.code == .invalidMasterKeyOptions)
    }

    @Test func newOptionsAcceptNumbersAsStringsAndFillDefaults() throws {
        let full = try self.decode(
            MasterKeyNewOptions.self,
            #"{"salt":"s","iterations":"1000","bytes":32,"digest":"sha256"}"#
        )
        #expect(full.options == MasterKeyOptions(digest: "sha256", iterations: 1000, byteCount: 32, salt: "s"))
        let bare = try self.decode(MasterKeyNewOptions.self, #"{"salt":"s","iterations":null}"#)
        #expect(bare.options.description == "pbkdf:sha256:300000:64:s")
        #expect(throws: DecodingError.self) { try self.decode(MasterKeyNewOptions.self, #"{"salt":"s","bytes":"x"}"#) }
        #expect(throws: DecodingError.self) { try self.decode(MasterKeyNewOptions.self, #"{"iterations":1}"#) }
    }
}
