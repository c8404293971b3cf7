/// Extended attributes: where a node is, and whether its data is being served stale.
extension SecretTree {
    /// `user.secretfs.*`: ids, the vault, and whether the data is being served stale.
    public func extendedAttributes(of key: NodeKey) -> [String: String] {
        var attributes: [String: String] = [:]
        let itemId: String?
        switch key {
        case .vault(let id): attributes["user.secretfs.vault_id"] = id; itemId = nil
        case .folder(let vaultId, let folderId):
            attributes["user.secretfs.vault_id"] = vaultId
            attributes["user.secretfs.folder_id"] = folderId
            itemId = nil
        case .item(let id), .file(let id, _), .attachments(let id): itemId = id
        case .attachment(let id, let attachmentId):
            attributes["user.secretfs.attachment_id"] = attachmentId; itemId = id
        case .root, .status, .byID: itemId = nil
        }
        if let itemId {
            attributes["user.secretfs.item_id"] = itemId
            if let (vaultId, folderId) = self.location(of: itemId) {
                attributes["user.secretfs.vault_id"] = vaultId
                if let folderId { attributes["user.secretfs.folder_id"] = folderId }
            }
            attributes["user.secretfs.stale"] = self.items.isStale(itemId) ? "1" : "0"
        }
        return attributes
    }
}
