import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Items, folders, snapshots and attachments")
struct ItemTests {
    @Test("PATCH changes only the given fields and keeps the previous version as a snapshot", arguments: Engine.all)
    func patchAndSnapshots(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId, password: "cipher-1", tags: ["a"])
            let before = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
                .decode(Item.self)

            let patch = try await harness.send(
                .patch,
                "/api/v1/items/\(itemId)",
                token: alice.accessToken,
                body: ItemUpdateRequest(vaultId: vaultId, passwordEncrypted: "cipher-2", keyEncrypted: "item-key")
            )
            #expect(patch.status == 200)
            let after = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
                .decode(Item.self)
            #expect(after.passwordEncrypted == "cipher-2")
            #expect(after.name == before.name)
            #expect(after.login == before.login)
            #expect(after.tags == ["a"])
            #expect(after.customs == before.customs)
            #expect(after.attachments == before.attachments)

            let list = try await harness.send(.get, "/api/v1/items/\(itemId)/snapshots", token: alice.accessToken)
            let snapshots = try list.decode(ListResponse<SnapshotSummary>.self).items
            #expect(snapshots.count == 1)
            let snapshotId = try #require(snapshots.first?.id)
            let snapshot = try await harness.send(
                .get,
                "/api/v1/items/\(itemId)/snapshot/\(snapshotId)",
                token: alice.accessToken
            ).decode(Snapshot.self)
            #expect(snapshot.passwordEncrypted == "cipher-1")
            #expect(snapshot.creator?.login == "alice")
            let attachmentId = try #require(snapshot.attachments.first?.id)
            let attachment = try await harness.send(
                .get,
                "/api/v1/snapshots/\(snapshotId)/attachment/\(attachmentId)",
                token: alice.accessToken
            )
            #expect(try attachment.decode(AttachmentResponse.self).encryptedData == "d")

            let clear = try await harness.send(
                .patch,
                "/api/v1/items/\(itemId)",
                token: alice.accessToken,
                body: ItemUpdateRequest(login: "", tags: [], customs: [])
            )
            #expect(clear.status == 200)
            let cleared = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
                .decode(Item.self)
            #expect(cleared.login.isEmpty && cleared.tags.isEmpty && cleared.customs.isEmpty)
            #expect(cleared.passwordEncrypted == "cipher-2")
        }
    }

    @Test("search combines query, tags, vaults and folders", arguments: Engine.all)
    func search(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultA = try await harness.vault(alice, name: "A")
            let vaultB = try await harness.vault(alice, name: "B")
            let folder = try await harness.send(
                .post,
                "/api/v1/folders",
                token: alice.accessToken,
                body: FolderCreateRequest(name: "F", vaultId: vaultA)
            ).decode(IDResponse.self).id
            let one = try await harness.item(
                alice,
                vaultId: vaultA,
                name: "Prod DB",
                tags: ["prod", "db"],
                folderId: folder
            )
            let two = try await harness.item(alice, vaultId: vaultA, name: "Web", tags: ["prod"])
            let three = try await harness.item(alice, vaultId: vaultB, name: "Other", tags: ["db"])

            func ids(_ query: ItemSearchQuery) async throws -> Set<String> {
                let answer = try await harness.send(
                    .get,
                    "/api/v1/items/search?" + query.queryString,
                    token: alice.accessToken
                )
                return Set(try answer.decode(ListResponse<Item>.self).items.map(\.id))
            }
            #expect(try await ids(ItemSearchQuery(tags: ["prod"])) == [one, two])
            #expect(try await ids(ItemSearchQuery(tags: ["prod", "db"])) == [one])
            #expect(try await ids(ItemSearchQuery(vaultIds: [vaultB])) == [three])
            #expect(try await ids(ItemSearchQuery(folderIds: [folder])) == [one])
            #expect(try await ids(ItemSearchQuery(query: "web")) == [two])
            #expect(try await ids(ItemSearchQuery(tags: ["db"], vaultIds: [vaultA])) == [one])
        }
    }

    @Test("folders nest, and deleting one moves it and its contents to the Bin", arguments: Engine.all)
    func folders(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            func create(_ name: String, parent: String?) async throws -> String {
                try await harness.send(
                    .post,
                    "/api/v1/folders",
                    token: alice.accessToken,
                    body: FolderCreateRequest(name: name, vaultId: vaultId, parentFolderId: parent)
                ).decode(IDResponse.self).id
            }
            let top = try await create("top", parent: nil)
            let child = try await create("child", parent: top)
            let itemId = try await harness.item(alice, vaultId: vaultId, folderId: child)
            let listed = try await harness.send(.get, "/api/v1/folders?vaultId=\(vaultId)", token: alice.accessToken)
            let folders = try listed.decode(ListResponse<Folder>.self).items
            #expect(folders.first { $0.id == child }?.parentFolderId == top)

            let cycle = try await harness.send(
                .patch,
                "/api/v1/folders/\(top)",
                token: alice.accessToken,
                body: FolderUpdateRequest(parentFolderId: child)
            )
            #expect(cycle.status == 422)

            let deleted = try await harness.send(.delete, "/api/v1/folders/\(top)", token: alice.accessToken)
            #expect(deleted.status == 200)
            #expect(!(try deleted.decode(BinItemResponse.self).binItemId.isEmpty))
            #expect(try await harness.send(.get, "/api/v1/folders/\(child)", token: alice.accessToken).status == 404)
            #expect(try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken).status == 404)
        }
    }

    @Test("DELETE moves an item to the Bin; its attachment is only reachable through the item", arguments: Engine.all)
    func deleteAndAttachments(engine: Engine) async throws {
        try await Harness.run(engine) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            let itemId = try await harness.item(alice, vaultId: vaultId)
            let otherId = try await harness.item(alice, vaultId: vaultId)
            let item = try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken)
                .decode(Item.self)
            let attachmentId = try #require(item.attachments.first?.id)
            let attachment = try await harness.send(
                .get,
                "/api/v1/items/\(itemId)/attachment/\(attachmentId)",
                token: alice.accessToken
            )
            #expect(try attachment.decode(AttachmentResponse.self).hash == "h")
            let wrongItem = try await harness.send(
                .get,
                "/api/v1/items/\(otherId)/attachment/\(attachmentId)",
                token: alice.accessToken
            )
            #expect(wrongItem.status == 404)

            let deleted = try await harness.send(.delete, "/api/v1/items/\(itemId)", token: alice.accessToken)
            #expect(deleted.status == 200)
            #expect(try await harness.send(.get, "/api/v1/items/\(itemId)", token: alice.accessToken).status == 404)
            #expect(try await harness.send(.delete, "/api/v1/items/\(itemId)", token: alice.accessToken).status == 404)
        }
    }

    @Test("an attachment as large as a 5 MiB file becomes is accepted; a larger one is refused", arguments: Engine.all)
    func attachmentLimit(engine: Engine) async throws {
        try await Harness.run(engine, maxBodySize: 24 * 1024 * 1024) { harness in
            let alice = try await harness.account("alice")
            let vaultId = try await harness.vault(alice)
            func upload(_ size: Int) async throws -> Int {
                let attachment = NewAttachment(
                    name: "big.bin",
                    encryptedKey: "k",
                    encryptedData: String(repeating: "a", count: size),
                    hash: "h"
                )
                let body = ItemCreateRequest(vaultId: vaultId, name: "Big", attachments: [attachment])
                return try await harness.send(.post, "/api/v1/items", token: alice.accessToken, body: body).status
            }
            #expect(try await upload(ItemRoutes.maxEncryptedAttachmentSize) == 200)
            #expect(try await upload(ItemRoutes.maxEncryptedAttachmentSize + 1) == 413)
        }
    }
}
