import Foundation
import PassworkModels

/// Items: create, get, partial update (every update keeps a snapshot), delete to the Bin, search.
enum ItemRoutes {
    /// The largest `encryptedData` a 5 MiB file can become: base64 (×4/3), then the CSE string's own base64
    /// and base32c (×4/3 and ×8/5), with room for the salt header and padding.
    static let maxEncryptedAttachmentSize = NewAttachment.maxFileSize * 3 + 64 * 1024

    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.items, batchable: false) { request in
                try await Self.create(request, context)
            },
            APIRoute("GET", Endpoints.item) { request in
                try await Self.read(request, context)
            },
            APIRoute("PATCH", Endpoints.item, batchable: false) { request in
                try await Self.update(request, context)
            },
            APIRoute("DELETE", Endpoints.item, batchable: false) { request in
                let caller = try request.requireCaller()
                let (record, _) = try await context.itemAccess(
                    caller,
                    itemId: try request.parameter("id"),
                    role: .write
                )
                let binId = try await context.repository.deleteItem(
                    id: record.item.id,
                    userId: caller.user.id,
                    binId: TokenGenerator.id(),
                    now: context.now
                )
                return try .json(BinItemResponse(binItemId: binId))
            },
            APIRoute("GET", Endpoints.itemSearch) { request in
                let caller = try request.requireCaller()
                let query = try request.decodeQuery(ItemSearchQuery.self)
                let found = try await ItemSearch(context: context, caller: caller).items(query)
                context.audit.recordReads(
                    action: .apiItemSearch,
                    userId: caller.user.id,
                    of: found.map { AuditRecorder.ItemRead(itemId: $0.0.item.id, vaultId: $0.0.item.vaultId) }
                )
                return try .json(ListResponse(items: found.map { Self.wire($0.0, $0.1) }))
            },
        ]
    }

    /// The wire item with the caller's wrapped vault key.
    static func wire(_ record: ItemRecord, _ member: VaultMemberRecord) -> Item {
        var item = record.item
        item.vaultMasterKeyEncrypted = member.masterKeyEncrypted ?? ""
        return item
    }

    /// The item GET, the API's hottest route: the answer comes from the read cache when the database has
    /// not changed since it was made; the access check and the audit record happen on every request.
    private static func read(_ request: APIRequest, _ context: RouteContext) async throws -> APIResponse {
        let caller = try request.requireCaller()
        let itemId = try request.parameter("id")
        let key = RouteContext.ItemReadKey(itemId: itemId, userId: caller.user.id)
        let found = try await context.itemReads.value(for: key, stamp: caller.cacheStamp) {
            guard let (record, member) = try await context.repository.itemWithMembership(id: itemId, userId: key.userId)
            else { return nil }
            let json = try JSONEncoder().encode(Self.wire(record, member))
            return RouteContext.ItemRead(vaultId: record.item.vaultId, role: member.role, json: json)
        }
        guard let read = found else { throw ServerError.notFound("item") }
        try RouteContext.require(read.role, includes: .read)
        context.audit.record(
            action: .apiItemRead,
            userId: caller.user.id,
            itemId: itemId,
            vaultId: read.vaultId
        )
        return APIResponse(body: read.json)
    }

    private static func create(_ request: APIRequest, _ context: RouteContext) async throws -> APIResponse {
        let caller = try request.requireCaller()
        let body = try request.decode(ItemCreateRequest.self)
        _ = try await context.access(caller, vaultId: body.vaultId, role: .write)
        try await context.checkFolder(body.folderId, inVault: body.vaultId)
        let id = TokenGenerator.id()
        let now = context.now
        let uploads = try Self.attachments(body.attachments ?? [], itemId: id, now: now)
        let item = Item(
            id: id,
            vaultId: body.vaultId,
            folderId: body.folderId,
            name: body.name,
            login: body.login ?? "",
            url: body.url ?? "",
            description: body.description,
            tags: body.tags ?? [],
            passwordEncrypted: body.passwordEncrypted ?? "",
            keyEncrypted: body.keyEncrypted ?? "",
            customs: body.customs ?? [],
            attachments: uploads.map(\.reference)
        )
        let record = ItemRecord(item: item, creatorId: caller.user.id, createdAt: now, updatedAt: now)
        try await context.repository.createItem(record, attachments: uploads.map(\.record))
        return try .json(IDResponse(id: id))
    }

    private static func update(_ request: APIRequest, _ context: RouteContext) async throws -> APIResponse {
        let caller = try request.requireCaller()
        let (old, _) = try await context.itemAccess(caller, itemId: try request.parameter("id"), role: .write)
        let body = try request.decode(ItemUpdateRequest.self)
        var item = old.item
        if let vaultId = body.vaultId, vaultId != item.vaultId {
            _ = try await context.access(caller, vaultId: vaultId, role: .write)
            item.vaultId = vaultId
            item.folderId = nil
        }
        if let folderId = body.folderId {
            item.folderId = folderId.isEmpty ? nil : folderId
        }
        try await context.checkFolder(item.folderId, inVault: item.vaultId)
        if let name = body.name { item.name = name }
        if let login = body.login { item.login = login }
        if let url = body.url { item.url = url }
        if let description = body.description { item.description = description }
        if let tags = body.tags { item.tags = tags }
        if let customs = body.customs { item.customs = customs }
        if let password = body.passwordEncrypted { item.passwordEncrypted = password }
        if let key = body.keyEncrypted { item.keyEncrypted = key }
        let now = context.now
        let uploads = try Self.attachments(body.attachments ?? [], itemId: item.id, now: now)
        if body.attachments != nil { item.attachments = uploads.map(\.reference) }
        let snapshot = SnapshotRecord(
            id: TokenGenerator.id(),
            item: old.item,
            creatorId: caller.user.id,
            createdAt: now
        )
        let record = ItemRecord(item: item, creatorId: old.creatorId, createdAt: old.createdAt, updatedAt: now)
        try await context.repository.updateItem(record, snapshot: snapshot, newAttachments: uploads.map(\.record))
        return try .json(IDResponse(id: item.id))
    }

    /// Stored attachments and the references the item lists.
    private static func attachments(_ uploads: [NewAttachment], itemId: String, now: Int64) throws(ServerError)
        -> [(record: AttachmentRecord, reference: ItemAttachment)]
    {
        var result: [(record: AttachmentRecord, reference: ItemAttachment)] = []
        for (index, upload) in uploads.enumerated() {
            guard !upload.name.isEmpty else {
                throw ServerError.invalid("attachments[\(index)].name", "must not be empty")
            }
            guard upload.encryptedData.utf8.count <= Self.maxEncryptedAttachmentSize else {
                throw ServerError(.tooLarge, "an attachment is over 5 MiB", field: "attachments[\(index)]")
            }
            let record = AttachmentRecord(
                id: TokenGenerator.id(),
                itemId: itemId,
                name: upload.name,
                encryptedKey: upload.encryptedKey,
                encryptedData: upload.encryptedData,
                hash: upload.hash,
                createdAt: now
            )
            result.append((record, ItemAttachment(id: record.id, name: record.name, encryptedKey: record.encryptedKey)))
        }
        return result
    }
}
