import Foundation
import PassworkModels

/// Vaults: list, get, create, rename, delete; and sharing (ours): members with a client-wrapped vault key.
enum VaultRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("GET", Endpoints.vaults) { request in
                let caller = try request.requireCaller()
                let vaults = try await context.repository.vaults(userId: caller.user.id)
                return try .json(VaultList(vaults: vaults.map { Self.wire($0.vault, $0.member) }))
            },
            APIRoute("GET", Endpoints.vault) { request in
                let caller = try request.requireCaller()
                let (vault, member) = try await context.access(
                    caller,
                    vaultId: try request.parameter("id"),
                    role: .read
                )
                return try .json(Self.wire(vault, member))
            },
            APIRoute("POST", Endpoints.vaults, batchable: false) { request in
                try await Self.create(request, context)
            },
            APIRoute("PATCH", Endpoints.vault, batchable: false) { request in
                let caller = try request.requireCaller()
                let (vault, _) = try await context.access(caller, vaultId: try request.parameter("id"), role: .admin)
                let body = try request.decode(VaultRenameRequest.self)
                let name = body.name.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw ServerError.invalid("name", "must not be empty") }
                try await context.repository.renameVault(id: vault.id, name: name)
                return try .json(IDResponse(id: vault.id))
            },
            APIRoute("DELETE", Endpoints.vault, batchable: false) { request in
                let caller = try request.requireCaller()
                let (vault, _) = try await context.access(caller, vaultId: try request.parameter("id"), role: .admin)
                let binId = try await context.repository.deleteVault(
                    id: vault.id,
                    userId: caller.user.id,
                    binId: TokenGenerator.id(),
                    now: context.now
                )
                return try .json(BinItemResponse(binItemId: binId))
            },
            APIRoute("GET", Endpoints.vaultMembers) { request in
                let caller = try request.requireCaller()
                let (vault, _) = try await context.access(caller, vaultId: try request.parameter("id"), role: .read)
                var items: [VaultMember] = []
                for member in try await context.repository.members(vaultId: vault.id) {
                    let login = try await context.repository.user(id: member.userId)?.login ?? ""
                    items.append(VaultMember(userId: member.userId, login: login, role: member.role.rawValue))
                }
                return try .json(ListResponse(items: items))
            },
            APIRoute("POST", Endpoints.vaultMembers, batchable: false) { request in
                try await Self.share(request, context)
            },
            APIRoute("DELETE", Endpoints.vaultMember, batchable: false) { request in
                let caller = try request.requireCaller()
                let (vault, _) = try await context.access(caller, vaultId: try request.parameter("id"), role: .admin)
                let userId = try request.parameter("userId")
                guard userId != caller.user.id else {
                    throw ServerError.forbidden("an administrator cannot remove itself")
                }
                try await context.repository.removeMember(vaultId: vault.id, userId: userId)
                return try .json(IDResponse(id: userId))
            },
        ]
    }

    private static func create(_ request: APIRequest, _ context: RouteContext) async throws -> APIResponse {
        let caller = try request.requireCaller()
        let body = try request.decode(VaultCreateRequest.self)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ServerError.invalid("name", "must not be empty") }
        if let typeId = body.typeId, !AppRoutes.vaultTypes.contains(where: { $0.id == typeId }) {
            throw ServerError.invalid("typeId", "unknown vault type")
        }
        let vault = VaultRecord(
            id: TokenGenerator.id(),
            name: name,
            typeId: body.typeId,
            salt: body.salt,
            masterKeyHash: body.masterKeyHash,
            creatorId: caller.user.id,
            createdAt: context.now
        )
        var members = [
            VaultMemberRecord(
                vaultId: vault.id,
                userId: caller.user.id,
                masterKeyEncrypted: body.masterKeyEncrypted,
                role: .admin
            )
        ]
        for (adminId, key) in body.administratorsKeys ?? [:] where adminId != caller.user.id {
            guard try await context.repository.user(id: adminId) != nil else {
                throw ServerError.invalid("administratorsKeys", "unknown administrator")
            }
            members.append(VaultMemberRecord(vaultId: vault.id, userId: adminId, masterKeyEncrypted: key, role: .admin))
        }
        try await context.repository.createVault(vault, members: members)
        return try .json(IDResponse(id: vault.id))
    }

    private static func share(_ request: APIRequest, _ context: RouteContext) async throws -> APIResponse {
        let caller = try request.requireCaller()
        let (vault, _) = try await context.access(caller, vaultId: try request.parameter("id"), role: .admin)
        let body = try request.decode(VaultShareRequest.self)
        guard let role = VaultRole(rawValue: body.role), role != .admin || caller.user.role == .admin else {
            throw ServerError.invalid("role", "must be read or write")
        }
        guard let user = try await context.repository.user(id: body.userId) else {
            throw ServerError.invalid("userId", "no such user")
        }
        guard user.id != caller.user.id else { throw ServerError.invalid("userId", "the vault is already yours") }
        if vault.masterKeyHash != nil, body.masterKeyEncrypted?.isEmpty ?? true {
            throw ServerError.invalid("masterKeyEncrypted", "the vault key wrapped for the user is required")
        }
        try await context.repository.upsertMember(
            VaultMemberRecord(
                vaultId: vault.id,
                userId: user.id,
                masterKeyEncrypted: body.masterKeyEncrypted,
                role: role
            )
        )
        return try .json(IDResponse(id: user.id))
    }

    /// The wire vault as the caller sees it.
    static func wire(_ vault: VaultRecord, _ member: VaultMemberRecord) -> Vault {
        let permissions: [String]
        switch member.role {
        case .read: permissions = ["item:read", "folder:read"]
        case .write: permissions = ["item:read", "item:write", "folder:read", "folder:write"]
        case .admin: permissions = ["item:read", "item:write", "folder:read", "folder:write", "vault:admin"]
        }
        return Vault(
            id: vault.id,
            name: vault.name,
            typeId: vault.typeId,
            permissions: permissions,
            masterKeyEncrypted: member.masterKeyEncrypted,
            isVisible: true,
            directoryAccess: DirectoryAccess(
                isViewingAccess: member.role == .read,
                access: member.role.rawValue,
                accessName: member.role.rawValue.capitalized
            ),
            canLeaveVault: member.role != .admin,
            canChangeVaultType: member.role == .admin
        )
    }
}

/// Body of `PATCH /api/v1/vaults/{id}`.
struct VaultRenameRequest: Codable, Sendable {
    var name: String
}
