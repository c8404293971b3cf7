import Foundation
public import PassworkModels

/// The write calls behind ``SecretReader``'s vault sharing and item updates; they send what the reader has
/// already encrypted.
extension PassworkClient {
    /// `POST vaults/{id}/members` (ours; Passwork does it in its web UI): adds a member, or changes its role.
    public func addVaultMember(vaultId: String, _ request: VaultShareRequest) async throws(ClientError) {
        _ = try await self.call(
            IDResponse.self,
            method: "POST",
            endpoint: Endpoints.vaultMembers.path(vaultId),
            body: request
        )
    }

    /// `PATCH items/{id}`: a partial update. The answer is not read: servers differ in what they send back.
    public func updateItem(id: String, _ request: ItemUpdateRequest) async throws(ClientError) {
        let body: Data
        do { body = try JSONEncoder().encode(request) } catch {
            throw .invalidConfiguration("cannot encode the update of item \(id): \(error)")
        }
        _ = try await self.call(method: "PATCH", endpoint: Endpoints.item.path(id), body: body)
    }
}
