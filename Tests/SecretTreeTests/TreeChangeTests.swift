import PassworkModels
import SecretCrypto
import Synchronization
import Testing

@testable import SecretTree

/// A fetch that shows a change tells the observer what changed, and nothing when nothing did.
@Suite struct TreeChangeTests {
    @Test func aRenamedItemIsReportedInItsDirectory() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.folder(vaultId: "v1", folderId: "f1"))
        try fixture.source.changeItem("i1") { item, _ in item.name = "pg" }
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.names(.folder(vaultId: "v1", folderId: "f1")) == ["pg"])
        #expect(fixture.changes.names(in: .folder(vaultId: "v1", folderId: "f1")) == ["postgres", "pg"])
    }

    @Test func aRotatedPasswordReportsItsItem() async throws {
        let fixture = try Fixture()
        _ = try await fixture.text(".by-id/i1/password")
        try fixture.source.changeItem("i1") { item, key in
            item.passwordEncrypted = try key.encryptText(SecureBytes(utf8: "rotated-and-longer"))
        }
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.text(".by-id/i1/password") == "rotated-and-longer")
        #expect(fixture.changes.items.withLock { $0 } == ["i1"])
    }

    @Test func aNewCustomFieldIsReportedInTheItemsDirectory() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.item("i2"))
        try fixture.source.changeItem("i2") { item, key in
            let field = try key.encryptCustomField(
                DecryptedCustomField(name: .init(utf8: "TOKEN"), value: .init(utf8: "t"), type: .init(utf8: "text"))
            )
            item.customs.append(CustomField(name: field.name, value: field.value, type: field.type))
        }
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.names(.item("i2")) == ["password", "TOKEN", ".json", ".env"])
        #expect(fixture.changes.names(in: .item("i2")) == ["TOKEN"])
    }

    @Test func aRenamedVaultIsReportedAtTheRoot() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.root)
        fixture.source.renameVault("v1", to: "Platform")
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.names(.root) == [".status", "Platform"])
        #expect(fixture.changes.names(in: .root) == ["Ops", "Platform"])
    }

    @Test func aRefetchThatChangesNothingReportsNothing() async throws {
        let fixture = try Fixture()
        _ = try await fixture.names(.root)
        _ = try await fixture.names(.vault("v1"))
        _ = try await fixture.names(.item("i1"))
        fixture.clock.advance(by: Fixture.ttl)
        _ = try await fixture.names(.root)
        _ = try await fixture.names(.vault("v1"))
        _ = try await fixture.names(.item("i1"))
        #expect(fixture.source.calls("items") == 2)
        #expect(fixture.changes.listings.withLock { $0.isEmpty })
        #expect(fixture.changes.items.withLock { $0.isEmpty })
    }

    @Test func changedNamesAreThoseThatCameWentOrMoved() {
        let old = ["a": TreeEntry(name: "a", key: .item("1")), "b": TreeEntry(name: "b", key: .item("2"))]
        let new = ["a": TreeEntry(name: "a", key: .item("1")), "b": TreeEntry(name: "b", key: .item("3"))]
        #expect(TreeEntry.changedNames(from: old, to: new) == ["b"])
        #expect(TreeEntry.changedNames(from: old, to: [:]) == ["a", "b"])
        #expect(TreeEntry.changedNames(from: old, to: old).isEmpty)
    }
}
