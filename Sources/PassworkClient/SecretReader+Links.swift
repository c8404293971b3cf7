public import PassworkModels
public import SecretCrypto

/// What a share link gives: the item's fields as its creator shared them, decrypted with the link's code.
public struct DecryptedLink: Sendable {
    /// One shared file.
    public struct Attachment: Sendable {
        public let id: String
        public let name: String
        public let data: SecureBytes
    }

    /// The link's id.
    public let id: String
    /// `single_use` or `reusable`.
    public let type: String
    /// When it stops working, in Unix seconds; `nil` for an unlimited link.
    public let expiresAt: Int64?
    /// Name, login, URL and description as `item`; password and custom fields decrypted.
    public let decrypted: DecryptedItem
    public let attachments: [Attachment]
}

/// Share links with client-side encryption, as the connector's `create_link` makes them (docs/wire-format.md,
/// "Shortcuts, inbox items, links"): a fresh code re-encrypts the password, the custom fields and the attachment keys;
/// the server gets the result, `sha256hex(code)` and the code under the item key, and the code itself travels only in
/// the URL's fragment.
extension SecretReader {
    /// Creates a link to an item (or to the item a shortcut points to).
    /// - Parameters:
    ///   - type: ``LinkCreateRequest/singleUseType`` or ``LinkCreateRequest/reusableType``.
    ///   - expiration: one of ``LinkCreateRequest/expirationTimes``.
    /// - Returns: the URL to hand out, with `#code=<code>` when the item is client-side encrypted.
    public func createLink(
        itemID: String,
        type: String = LinkCreateRequest.reusableType,
        expiration: String = "1 week",
        shortcutID: String? = nil
    ) async throws(ClientError) -> String {
        let item: Item
        if let shortcutID {
            item = try await self.client.shortcutItem(id: shortcutID)
        } else {
            item = try await self.client.item(id: itemID)
        }
        guard self.isEncrypting else {
            // Without CSE the fields are plain base64 and go as they are; there is no code.
            let data = LinkItemData(
                name: item.name,
                login: item.login,
                url: item.url,
                description: item.description,
                passwordEncrypted: item.passwordEncrypted,
                attachments: item.attachments,
                customs: item.customs.isEmpty ? nil : item.customs
            )
            return try await self.client.createLink(
                LinkCreateRequest(
                    itemId: item.id,
                    itemData: data,
                    type: type,
                    expirationTime: expiration,
                    shortcutId: shortcutID
                )
            )
        }
        let itemKey = try self.itemKey(for: item)
        let plain = try Self.decrypt(item, with: itemKey)
        let code: SecureBytes
        let request: LinkCreateRequest
        do {
            code = try RandomKey.make()
            let codeKey = ItemKey(secret: code)
            let attachments = try item.attachments.map { (attachment) throws(CryptoError) in
                let attachmentKey = try itemKey.attachmentKey(encryptedKey: attachment.encryptedKey)
                return ItemAttachment(
                    id: attachment.id,
                    name: attachment.name,
                    encryptedKey: try codeKey.encryptText(attachmentKey.secret)
                )
            }
            let customs = try plain.customs.map { (field) throws(CryptoError) in
                try NewCustomField(name: field.name, value: field.value, type: field.type).encrypted(with: codeKey)
            }
            let data = LinkItemData(
                name: item.name,
                login: item.login,
                url: item.url,
                description: item.description,
                passwordEncrypted: plain.password.count > 0 ? try codeKey.encryptText(plain.password) : "",
                attachments: attachments.isEmpty ? nil : attachments,
                customs: customs.isEmpty ? nil : customs
            )
            request = LinkCreateRequest(
                itemId: item.id,
                itemData: data,
                keyHash: PassworkHash.sha256Hex(code),
                keyEncrypted: try itemKey.encryptText(code),
                type: type,
                expirationTime: expiration,
                shortcutId: shortcutID
            )
        } catch {
            throw .decryptionFailed("the link's copy of item \(item.id) (\(error.code))")
        }
        let url = try await self.client.createLink(request)
        return url + "#code=" + code.unsafeString()
    }

    /// Opens a link through this reader's server (no master key needed: the code is the key).
    public func openLink(url: String) async throws(ClientError) -> DecryptedLink {
        try await Self.openLink(try ShareLinkURL(parsing: url), with: self.client)
    }

    /// Opens a link through `client`, which needs no token (see ``PassworkClient/init(anonymous:)``). A
    /// single-use link is used up by this.
    public static func openLink(_ link: ShareLinkURL, with client: PassworkClient) async throws(ClientError)
        -> DecryptedLink
    {
        let keyHash = link.code.count > 0 ? PassworkHash.sha256Hex(link.code) : ""
        let answer = try await client.openLink(id: link.id, keyHash: keyHash)
        let codeKey = ItemKey(secret: link.code)
        let data = answer.itemData
        // The shared fields as an item, so that they decrypt exactly as an item's do.
        let item = Item(
            id: answer.id,
            vaultId: "",
            name: data.name,
            login: data.login,
            url: data.url,
            description: data.description,
            passwordEncrypted: data.passwordEncrypted ?? "",
            customs: data.customs ?? [],
            attachments: data.attachments ?? []
        )
        let decrypted = try Self.decrypt(item, with: codeKey)
        var attachments: [DecryptedLink.Attachment] = []
        for attachment in answer.attachments {
            let name = "attachment \(attachment.name) of link \(answer.id)"
            let plaintext = try Self.decrypt(attachment, with: codeKey, naming: name)
            attachments.append(
                DecryptedLink.Attachment(id: attachment.id ?? "", name: attachment.name, data: plaintext)
            )
        }
        return DecryptedLink(
            id: answer.id,
            type: answer.type,
            expiresAt: answer.expiresAt,
            decrypted: decrypted,
            attachments: attachments
        )
    }
}
