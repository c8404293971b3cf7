import Foundation
import Logging
import PassworkModels

/// What every route needs: storage, tokens, the audit recorder and the settings.
struct RouteContext: Sendable {
    let repository: any Repository
    let tokens: TokenService
    let audit: AuditRecorder
    let logger: Logger
    let healthCheckToken: String?
    /// Item GET answers (the JSON, with the member's wrapped vault key) by item and member.
    let itemReads: ReadCache<ItemReadKey, ItemRead>

    /// The item GET's cache key: an answer carries the member's own wrapped vault key.
    struct ItemReadKey: Hashable, Sendable {
        let itemId: String
        let userId: String
    }

    /// An item GET answer as cached: the JSON and what the access check and the audit record need.
    struct ItemRead: Sendable {
        let vaultId: String
        let role: VaultRole
        let json: Data
    }

    /// Unix seconds now.
    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// The vault and the caller's membership, if the caller may act with `role`.
    /// - Throws: 404 when the vault does not exist or is not shared with the caller (its existence is not
    ///   revealed), 403 when the caller's role is too low.
    func access(_ caller: Caller, vaultId: String, role: VaultRole) async throws -> (VaultRecord, VaultMemberRecord) {
        guard let vault = try await self.repository.vault(id: vaultId),
            let member = try await self.repository.member(vaultId: vaultId, userId: caller.user.id)
        else { throw ServerError.notFound("vault") }
        try Self.require(member.role, includes: role)
        return (vault, member)
    }

    /// A live item and the caller's membership of its vault.
    /// - Throws: 404 when the item, or its vault, does not exist or the caller is not a member (as for
    ///   ``access(_:vaultId:role:)``), 403 when the caller's role is too low.
    func itemAccess(_ caller: Caller, itemId: String, role: VaultRole) async throws -> (ItemRecord, VaultMemberRecord) {
        guard let (record, member) = try await self.repository.itemWithMembership(id: itemId, userId: caller.user.id)
        else { throw ServerError.notFound("item") }
        try Self.require(member.role, includes: role)
        return (record, member)
    }

    /// - Throws: 403 when a member's role does not include `role`.
    static func require(_ memberRole: VaultRole, includes role: VaultRole) throws(ServerError) {
        guard memberRole.includes(role) else {
            throw ServerError.forbidden("this needs \(role.rawValue) access to the vault")
        }
    }

    /// Checks that `folderId` (when set) is a live folder of `vaultId`.
    func checkFolder(_ folderId: String?, inVault vaultId: String, field: String = "folderId") async throws {
        guard let folderId else { return }
        guard let folder = try await self.repository.folder(id: folderId), folder.vaultId == vaultId else {
            throw ServerError.invalid(field, "no such folder in this vault")
        }
    }
}
