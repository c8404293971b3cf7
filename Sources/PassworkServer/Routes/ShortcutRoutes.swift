import PassworkModels

/// Shortcuts: create, get, search. A shortcut answer is the target item's fields, keyed for the shortcut's
/// vault (its `keyEncrypted` and the caller's key of that vault), plus `shortcut` and `path`.
enum ShortcutRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.shortcuts, batchable: false) { request in
                let caller = try request.requireCaller()
                let body = try request.decode(ShortcutCreateRequest.self)
                _ = try await context.itemAccess(caller, itemId: body.itemId, role: .read)
                _ = try await context.access(caller, vaultId: body.vaultId, role: .write)
                try await context.checkFolder(body.folderId, inVault: body.vaultId)
                let shortcut = ShortcutRecord(
                    id: TokenGenerator.id(),
                    itemId: body.itemId,
                    vaultId: body.vaultId,
                    folderId: body.folderId,
                    keyEncrypted: body.keyEncrypted,
                    creatorId: caller.user.id,
                    createdAt: context.now
                )
                try await context.repository.createShortcut(shortcut)
                return try .json(IDResponse(id: shortcut.id))
            },
            APIRoute("GET", Endpoints.shortcut) { request in
                let caller = try request.requireCaller()
                guard let shortcut = try await context.repository.shortcut(id: try request.parameter("id")) else {
                    throw ServerError.notFound("shortcut")
                }
                let member: VaultMemberRecord
                do {
                    member = try await context.access(caller, vaultId: shortcut.vaultId, role: .read).1
                } catch let error as ServerError where error.code == .notFound {
                    throw ServerError.notFound("shortcut")
                }
                guard let response = try await Self.wire(shortcut, member, context) else {
                    throw ServerError.notFound("shortcut")
                }
                context.audit.record(
                    action: .apiShortcutRead,
                    userId: caller.user.id,
                    itemId: response.item.id,
                    vaultId: response.item.vaultId,
                    field: shortcut.id
                )
                return try .json(response)
            },
            APIRoute("GET", Endpoints.shortcutSearch) { request in
                let caller = try request.requireCaller()
                let query = try request.decodeQuery(ItemSearchQuery.self)
                let search = ItemSearch(context: context, caller: caller)
                let members = try await search.vaults(query.vaultIds)
                let shortcuts = try await context.repository.shortcuts(
                    vaultIds: members.keys.sorted(),
                    folderIds: query.folderIds
                )
                var items: [ShortcutResponse] = []
                for shortcut in shortcuts {
                    guard let member = members[shortcut.vaultId],
                        let response = try await Self.wire(shortcut, member, context),
                        ItemSearch.matches(response.item, query)
                    else { continue }
                    items.append(response)
                }
                context.audit.recordReads(
                    action: .apiShortcutSearch,
                    userId: caller.user.id,
                    of: items.map {
                        AuditRecorder.ItemRead(itemId: $0.item.id, vaultId: $0.item.vaultId, field: $0.shortcut.id)
                    }
                )
                return try .json(ListResponse(items: items))
            },
        ]
    }

    /// The answer for a shortcut, or `nil` when its item is gone.
    static func wire(_ shortcut: ShortcutRecord, _ member: VaultMemberRecord, _ context: RouteContext) async throws
        -> ShortcutResponse?
    {
        guard let record = try await context.repository.item(id: shortcut.itemId),
            let vault = try await context.repository.vault(id: shortcut.vaultId)
        else { return nil }
        var item = record.item
        if let key = shortcut.keyEncrypted { item.keyEncrypted = key }
        item.vaultMasterKeyEncrypted = member.masterKeyEncrypted ?? ""
        var path = [PathEntry(name: vault.name, vaultId: vault.id)]
        if let folderId = shortcut.folderId, let folder = try await context.repository.folder(id: folderId) {
            path.append(PathEntry(name: folder.name, vaultId: vault.id, folderId: folder.id))
        }
        let creator = try await context.repository.user(id: shortcut.creatorId)?.login
        let info = ShortcutInfo(
            id: shortcut.id,
            keyEncrypted: shortcut.keyEncrypted,
            itemId: shortcut.itemId,
            vaultId: shortcut.vaultId,
            folderId: shortcut.folderId,
            creator: creator.map { .string($0) }
        )
        return ShortcutResponse(item: item, shortcut: info, path: path)
    }
}
