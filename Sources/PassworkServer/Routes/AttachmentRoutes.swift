import PassworkModels

/// Attachment data and item snapshots: `items/{itemId}/attachment/{id}`, `items/{itemId}/snapshot/{id}`,
/// `snapshots/{id}/attachment/{id}`, and (ours) `items/{id}/snapshots` to list an item's versions.
enum AttachmentRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("GET", Endpoints.itemAttachment) { request in
                let caller = try request.requireCaller()
                // Also the recipient of an inbox item (InboxRoutes), who is not a member of the item's vault.
                let record = try await context.itemForAttachments(caller, id: try request.parameter("itemId"))
                let attachmentId = try request.parameter("attachmentId")
                guard record.item.attachments.contains(where: { $0.id == attachmentId }) else {
                    throw ServerError.notFound("attachment")
                }
                let response = try await Self.attachment(attachmentId, context)
                context.audit.record(
                    action: .apiAttachmentRead,
                    userId: caller.user.id,
                    itemId: record.item.id,
                    vaultId: record.item.vaultId,
                    field: response.name
                )
                return try .json(response)
            },
            APIRoute("GET", Endpoints.itemSnapshot) { request in
                let caller = try request.requireCaller()
                let (record, _) = try await context.itemAccess(
                    caller,
                    itemId: try request.parameter("itemId"),
                    role: .read
                )
                guard let snapshot = try await context.repository.snapshot(id: try request.parameter("snapshotId")),
                    snapshot.item.id == record.item.id
                else { throw ServerError.notFound("snapshot") }
                let response = try await Self.wire(snapshot, context)
                context.audit.record(
                    action: .apiSnapshotRead,
                    userId: caller.user.id,
                    itemId: record.item.id,
                    vaultId: record.item.vaultId,
                    field: snapshot.id
                )
                return try .json(response)
            },
            APIRoute("GET", Endpoints.itemSnapshots) { request in
                let caller = try request.requireCaller()
                let (record, _) = try await context.itemAccess(caller, itemId: try request.parameter("id"), role: .read)
                let snapshots = try await context.repository.snapshots(itemId: record.item.id)
                let items = snapshots.map {
                    SnapshotSummary(id: $0.id, itemId: $0.item.id, createdAt: $0.createdAt, creatorId: $0.creatorId)
                }
                return try .json(ListResponse(items: items))
            },
            APIRoute("GET", Endpoints.snapshotAttachment) { request in
                let caller = try request.requireCaller()
                guard let snapshot = try await context.repository.snapshot(id: try request.parameter("snapshotId"))
                else {
                    throw ServerError.notFound("snapshot")
                }
                do {
                    _ = try await context.access(caller, vaultId: snapshot.item.vaultId, role: .read)
                } catch let error as ServerError where error.code == .notFound {
                    throw ServerError.notFound("snapshot")
                }
                let attachmentId = try request.parameter("attachmentId")
                guard snapshot.item.attachments.contains(where: { $0.id == attachmentId }) else {
                    throw ServerError.notFound("attachment")
                }
                let response = try await Self.attachment(attachmentId, context)
                context.audit.record(
                    action: .apiSnapshotAttachmentRead,
                    userId: caller.user.id,
                    itemId: snapshot.item.id,
                    vaultId: snapshot.item.vaultId,
                    field: response.name
                )
                return try .json(response)
            },
        ]
    }

    private static func attachment(_ id: String, _ context: RouteContext) async throws -> AttachmentResponse {
        guard let attachment = try await context.repository.attachment(id: id) else {
            throw ServerError.notFound("attachment")
        }
        return AttachmentResponse(
            id: attachment.id,
            name: attachment.name,
            encryptedKey: attachment.encryptedKey,
            encryptedData: attachment.encryptedData,
            hash: attachment.hash
        )
    }

    static func wire(_ snapshot: SnapshotRecord, _ context: RouteContext) async throws -> Snapshot {
        let item = snapshot.item
        let creator = try await context.repository.user(id: snapshot.creatorId)
        return Snapshot(
            id: snapshot.id,
            itemId: item.id,
            name: item.name,
            login: item.login,
            url: item.url,
            customs: item.customs,
            tags: item.tags,
            attachments: item.attachments,
            creatorId: snapshot.creatorId,
            createdAt: snapshot.createdAt,
            description: item.description,
            fieldsOrder: item.fieldsOrder,
            creator: UserSummary(
                id: snapshot.creatorId,
                login: creator?.login,
                fullName: creator?.fullName,
                hasAvatar: false,
                isDeleted: creator == nil
            ),
            passwordEncrypted: item.passwordEncrypted,
            keyEncrypted: item.keyEncrypted
        )
    }
}
