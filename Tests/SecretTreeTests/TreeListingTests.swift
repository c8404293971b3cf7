import PassworkClient
import PassworkModels
import SecretCrypto
import Testing

@testable import SecretTree

/// What the tree lists and how it names it: vaults, folders, items and their files, escaping, duplicates,
/// `.by-id`.
@Suite struct TreeListingTests {
    @Test func theRootListsStatusAndTheVaults() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.names(.root) == [".status", "Ops"])
    }

    @Test func aVaultListsItsFoldersThenItsTopItems() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.names(.vault("v1")) == ["DB", "api"])
        #expect(try await fixture.names(.folder(vaultId: "v1", folderId: "f1")) == ["postgres"])
    }

    @Test func nestedFoldersNestAsDirectories() async throws {
        let fixture = try Fixture()
        fixture.source.addFolder("f2", name: "replicas", vaultId: "v1", parent: "f1")
        try fixture.source.addItem("i9", vaultId: "v1", folderId: "f2", name: "standby", password: "p")
        #expect(try await fixture.names(.folder(vaultId: "v1", folderId: "f1")) == ["replicas", "postgres"])
        #expect(try await fixture.text("Ops/DB/replicas/standby/password") == "p")
    }

    @Test func anItemListsItsFilesInAFixedOrder() async throws {
        let fixture = try Fixture()
        #expect(
            try await fixture.names(.item("i1")) == [
                "password", "login", "url", "description", "API_KEY", "port", "attachments", ".json", ".env",
            ]
        )
    }

    @Test func fieldsThatAreNotSetAreNotListed() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.names(.item("i2")) == ["password", ".json", ".env"])
    }

    @Test func attachmentsAreListedByName() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.names(.attachments(itemId: "i1")) == ["ca.pem"])
        #expect(try await fixture.text("Ops/DB/postgres/attachments/ca.pem") == "-----CERT-----")
    }

    @Test func hostileNamesAreEscapedAndReachable() async throws {
        let fixture = try Fixture(populate: false)
        fixture.source.addVault("v1", name: "../etc")
        for (index, name) in ["a/b", ".", "..", "", "100%", "nul\0byte"].enumerated() {
            try fixture.source.addItem("item\(index)", vaultId: "v1", name: name, password: "p\(index)")
        }
        #expect(try await fixture.names(.root) == [".status", "..%2Fetc"])
        #expect(try await fixture.names(.vault("v1")) == ["a%2Fb", "%2E", "%2E%2E", "%", "100%25", "nul%00byte"])
        #expect(try await fixture.text("..%2Fetc/%2E%2E/password") == "p2")
        #expect(try await fixture.text("..%2Fetc/a%2Fb/password") == "p0")
    }

    @Test func siblingsWithOneNameAreToldApartByTheirIds() async throws {
        let fixture = try Fixture(populate: false)
        fixture.source.addVault("v1", name: "Ops")
        try fixture.source.addItem("aaaaaaaa-1", vaultId: "v1", name: "dup", password: "first")
        try fixture.source.addItem("bbbbbbbb-2", vaultId: "v1", name: "dup", password: "second")
        #expect(try await fixture.names(.vault("v1")) == ["dup", "dup ~bbbbbbbb"])
        #expect(try await fixture.text("Ops/dup/password") == "first")
        #expect(try await fixture.text("Ops/dup ~bbbbbbbb/password") == "second")
    }

    @Test func aFolderAndAnItemOfOneNameAreBothReachable() async throws {
        let fixture = try Fixture()
        try fixture.source.addItem("i5", vaultId: "v1", name: "DB", password: "item")
        let names = try await fixture.names(.vault("v1"))
        #expect(names.count == 3 && names[0] == "DB" && names.contains("DB ~i5"))
        #expect(try await fixture.text("Ops/DB ~i5/password") == "item")
    }

    @Test func customFieldsNamedLikeFixedFilesGetSuffixes() async throws {
        let fixture = try Fixture(populate: false)
        fixture.source.addVault("v1", name: "Ops")
        try fixture.source.addItem(
            "i1",
            vaultId: "v1",
            name: "x",
            password: "real",
            customs: [
                .init(name: "password", value: "custom"), .init(name: "dup", value: "1"),
                .init(name: "dup", value: "2"),
            ]
        )
        let names = try await fixture.names(.item("i1"))
        #expect(names.filter { $0.hasPrefix("password") }.count == 2)
        #expect(names.filter { $0.hasPrefix("dup") }.count == 2)
        #expect(Set(names).count == names.count)
        #expect(try await fixture.text("Ops/x/password") == "real")
        #expect(try await fixture.text("Ops/x/dup") == "1")
    }

    @Test func overLongNamesAreCutAndKeepTheirId() async throws {
        let fixture = try Fixture(populate: false)
        fixture.source.addVault("v1", name: "Ops")
        try fixture.source.addItem("abcdef0123", vaultId: "v1", name: String(repeating: "ю", count: 200), password: "p")
        let name = try #require(try await fixture.names(.vault("v1")).first)
        #expect(name.utf8.count <= 255 && name.hasSuffix("…~abcdef01"))
        #expect(try await fixture.text("Ops/\(name)/password") == "p")
    }

    @Test func byIdReachesItemsWithoutListingThem() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.tree.child(named: ".by-id", of: .root) == .byID)
        #expect(!(try await fixture.names(.root)).contains(".by-id"))
        #expect(try await fixture.tree.entries(of: .byID).isEmpty)
        #expect(try await fixture.tree.child(named: "i1", of: .byID) == .item("i1"))
        #expect(try await fixture.text(".by-id/i1/password") == "s3cret-pw")
    }

    @Test func byIdOfAnUnknownItemIsNotFound() async throws {
        let fixture = try Fixture()
        await #expect(throws: ClientError.notFound("")) { try await fixture.tree.child(named: "nope", of: .byID) }
    }

    @Test func anUnknownNameIsNoNode() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.tree.child(named: "nope", of: .vault("v1")) == nil)
        #expect(try await fixture.tree.child(named: "nope", of: .item("i1")) == nil)
        #expect(try await fixture.node("Ops/DB/postgres/nope") == nil)
    }

    @Test func aCustomNameThatCannotBeDecryptedFailsItsDirectoryOnly() async throws {
        let fixture = try Fixture()
        try fixture.source.changeItem("i2") { item, _ in
            item.customs = [CustomField(name: "bm90IGNpcGhlcnRleHQ=", value: "x", type: "x")]
        }
        #expect(try await fixture.names(.vault("v1")) == ["DB", "api"])
        await #expect(throws: ClientError.decryptionFailed("")) { try await fixture.tree.entries(of: .item("i2")) }
        #expect(try await fixture.tree.open(.file(itemId: "i2", file: .password)).content.unsafeString() == "token-xyz")
    }

    @Test func aVaultIsFetchedOnceForItsListingAndItsItems() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.vault("v1"))
        #expect(try await fixture.text("Ops/DB/postgres/password") == "s3cret-pw")
        #expect(try await fixture.text("Ops/api/password") == "token-xyz")
        #expect(fixture.source.calls("items") == 1)
        #expect(fixture.source.calls("item") == 0)
        #expect(fixture.source.calls("vaults") == 1)
    }
}
