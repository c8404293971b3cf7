import Foundation
import PassworkModels

/// Folders: list by vault, get, create, rename or move, delete (to the Bin, with everything inside).
enum FolderRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("GET", Endpoints.folders) { request in
                let caller = try request.requireCaller()
                let query = try request.decodeQuery(FolderListQuery.self)
                _ = try await context.access(caller, vaultId: query.vaultId, role: .read)
                let folders = try await context.repository.folders(vaultId: query.vaultId)
                return try .json(ListResponse(items: folders.map(Self.wire)))
            },
            APIRoute("GET", Endpoints.folder) { request in
                let folder = try await Self.folder(request, context, role: .read)
                return try .json(Self.wire(folder))
            },
            APIRoute("POST", Endpoints.folders, batchable: false) { request in
                let caller = try request.requireCaller()
                let body = try request.decode(FolderCreateRequest.self)
                _ = try await context.access(caller, vaultId: body.vaultId, role: .write)
                try await context.checkFolder(body.parentFolderId, inVault: body.vaultId, field: "parentFolderId")
                let name = body.name.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw ServerError.invalid("name", "must not be empty") }
                let folder = FolderRecord(
                    id: TokenGenerator.id(),
                    vaultId: body.vaultId,
                    parentId: body.parentFolderId,
                    name: name,
                    createdAt: context.now
                )
                try await context.repository.createFolder(folder)
                return try .json(IDResponse(id: folder.id))
            },
            APIRoute("PATCH", Endpoints.folder, batchable: false) { request in
                var folder = try await Self.folder(request, context, role: .write)
                let body = try request.decode(FolderUpdateRequest.self)
                if let name = body.name {
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty else { throw ServerError.invalid("name", "must not be empty") }
                    folder.name = trimmed
                }
                if let parent = body.parentFolderId {
                    let newParent = parent.isEmpty ? nil : parent
                    try await context.checkFolder(newParent, inVault: folder.vaultId, field: "parentFolderId")
                    try await Self.checkNoCycle(folder.id, newParent, context)
                    folder.parentId = newParent
                }
                try await context.repository.updateFolder(folder)
                return try .json(IDResponse(id: folder.id))
            },
            APIRoute("DELETE", Endpoints.folder, batchable: false) { request in
                let caller = try request.requireCaller()
                let folder = try await Self.folder(request, context, role: .write)
                let binId = try await context.repository.deleteFolder(
                    id: folder.id,
                    userId: caller.user.id,
                    binId: TokenGenerator.id(),
                    now: context.now
                )
                return try .json(BinItemResponse(binItemId: binId))
            },
        ]
    }

    private static func folder(_ request: APIRequest, _ context: RouteContext, role: VaultRole) async throws
        -> FolderRecord
    {
        let caller = try request.requireCaller()
        guard let folder = try await context.repository.folder(id: try request.parameter("id")) else {
            throw ServerError.notFound("folder")
        }
        do {
            _ = try await context.access(caller, vaultId: folder.vaultId, role: role)
        } catch let error as ServerError where error.code == .notFound {
            throw ServerError.notFound("folder")
        }
        return folder
    }

    /// A folder may not move below itself.
    private static func checkNoCycle(_ folderId: String, _ parentId: String?, _ context: RouteContext) async throws {
        var current = parentId
        var steps = 0
        while let id = current, steps < 1000 {
            guard id != folderId else {
                throw ServerError.invalid("parentFolderId", "a folder cannot move into itself")
            }
            current = try await context.repository.folder(id: id)?.parentId
            steps += 1
        }
    }

    static func wire(_ folder: FolderRecord) -> Folder {
        Folder(id: folder.id, name: folder.name, vaultId: folder.vaultId, parentFolderId: folder.parentId)
    }
}

/// Body of `PATCH /api/v1/folders/{id}`: a new name and/or parent (`""` for the vault's root).
struct FolderUpdateRequest: Codable, Sendable {
    var name: String?
    var parentFolderId: String?
}
