public import PassworkModels
public import SecretCrypto

/// An inbox item, decrypted with the key its sender wrapped for us.
public struct DecryptedInboxItem: Sendable {
    /// Who sent it, when, with which access.
    public let inbox: InboxInfo
    /// The item's fields, password and custom fields decrypted.
    public let decrypted: DecryptedItem
    /// The item key, for the attachments.
    let key: ItemKey
}

/// Inbox items with client-side encryption (docs/wire-format.md, "Shortcuts, inbox items, links"): the sender wraps the
/// item key with the recipient's public key; the recipient unwraps it with their private key and decrypts the item with
/// it directly, without the item's vault.
extension SecretReader {
    /// Sends an item to another user's inbox, its key wrapped for them here.
    /// - Returns: the inbox item's id, which the recipient opens with ``inboxItem(id:)``.
    public func sendToInbox(itemID: String, recipientID: String, access: String = InboxSendRequest.readAccess)
        async throws(ClientError) -> String
    {
        let item = try await self.client.item(id: itemID)
        var keyEncrypted: String?
        if self.isEncrypting {
            keyEncrypted = try await self.wrap(try self.itemKey(for: item).secret, forUser: recipientID)
        }
        return try await self.client.sendToInbox(
            InboxSendRequest(itemId: item.id, recipientId: recipientID, keyEncrypted: keyEncrypted, access: access)
        )
    }

    /// An item sent to us, decrypted with the key wrapped for us.
    public func inboxItem(id: String) async throws(ClientError) -> DecryptedInboxItem {
        let answer = try await self.client.inboxItem(id: id)
        let key = try self.itemKey(wrappedForMe: answer.inbox.keyEncrypted, naming: "inbox item \(id)")
        return DecryptedInboxItem(inbox: answer.inbox, decrypted: try Self.decrypt(answer.item, with: key), key: key)
    }

    /// Downloads and decrypts an attachment of an inbox item.
    public func attachment(of inboxItem: DecryptedInboxItem, id attachmentId: String) async throws(ClientError)
        -> SecureBytes
    {
        try await self.attachment(of: inboxItem.decrypted.item, id: attachmentId, with: inboxItem.key)
    }
}
