import HTTPTypes
import PassworkModels

/// Share links: `POST links` stores a link to an item, `GET links/{id}` (ours) opens it without a token.
///
/// The server never sees a link's code: the creator sends the item's data re-encrypted with it and
/// `keyHash = sha256hex(code)`. Opening needs that hash in `X-Link-Key-Hash`; a wrong hash, an unknown id, an
/// expired link and a used single-use link all answer the same 404, so the answer tells nothing.
enum LinkRoutes {
    /// `X-Link-Key-Hash` as Hummingbird reads it.
    static let keyHashHeader = HTTPField.Name(PassworkHeaders.linkKeyHash)!

    /// Where links point: `publicURL` when the server is configured with one, else the URL the request came to.
    struct BaseURL: Sendable {
        let publicURL: String?
        let scheme: String
        let fallbackAuthority: String

        /// The link's URL, `<base>/links/<id>`, as the web client would show it.
        func url(linkId: String, requestHost: String?) -> String {
            var base = self.publicURL ?? "\(self.scheme)://\(requestHost ?? self.fallbackAuthority)"
            while base.hasSuffix("/") { base.removeLast() }
            return "\(base)/links/\(linkId)"
        }
    }

    static func routes(_ context: RouteContext, baseURL: BaseURL) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.links, batchable: false) { request in
                let caller = try request.requireCaller()
                let body = try request.decode(LinkCreateRequest.self)
                let lifetime = try LinkRules.lifetime(body)
                let item = try await Self.readableItem(body, caller, context)
                try LinkRules.checkKey(body, item: item)
                try LinkRules.checkAttachments(body.itemData, item: item)
                let link = LinkRecord(
                    id: TokenGenerator.id(),
                    itemId: item.id,
                    shortcutId: body.shortcutId,
                    creatorId: caller.user.id,
                    itemData: body.itemData,
                    keyHash: body.keyHash?.lowercased(),
                    keyEncrypted: body.keyEncrypted,
                    type: body.type,
                    expiresAt: lifetime.map { context.now + $0 },
                    createdAt: context.now
                )
                try await context.repository.createLink(link)
                context.audit.record(
                    action: .apiLinkCreate,
                    userId: caller.user.id,
                    itemId: item.id,
                    vaultId: item.vaultId,
                    field: link.id
                )
                return try .json(LinkCreateResponse(url: baseURL.url(linkId: link.id, requestHost: request.host)))
            },
            APIRoute("GET", Endpoints.link, access: .anonymous, batchable: false) { request in
                let keyHash = request.linkKeyHash?.lowercased() ?? ""
                guard
                    let link = try await context.repository.openLink(
                        id: try request.parameter("id"),
                        keyHash: keyHash,
                        now: context.now
                    ),
                    let item = try await context.repository.item(id: link.itemId)
                else { throw ServerError.notFound("link") }
                var attachments: [AttachmentResponse] = []
                for shared in link.itemData.attachments ?? [] {
                    guard let stored = try await context.repository.attachment(id: shared.id) else { continue }
                    attachments.append(
                        AttachmentResponse(
                            id: shared.id,
                            name: shared.name,
                            encryptedKey: shared.encryptedKey,
                            encryptedData: stored.encryptedData,
                            hash: stored.hash
                        )
                    )
                }
                context.audit.record(
                    action: .apiLinkOpen,
                    userId: link.creatorId,
                    itemId: item.item.id,
                    vaultId: item.item.vaultId,
                    field: link.id
                )
                return try .json(
                    LinkOpenResponse(
                        id: link.id,
                        type: link.type,
                        expiresAt: link.expiresAt,
                        itemData: link.itemData,
                        attachments: attachments
                    )
                )
            },
        ]
    }

    /// The item the caller links to: readable directly, or through the shortcut named in the body.
    private static func readableItem(_ body: LinkCreateRequest, _ caller: Caller, _ context: RouteContext)
        async throws -> Item
    {
        guard let shortcutId = body.shortcutId else {
            return try await context.itemAccess(caller, itemId: body.itemId, role: .read).0.item
        }
        guard let shortcut = try await context.repository.shortcut(id: shortcutId) else {
            throw ServerError.notFound("shortcut")
        }
        do {
            _ = try await context.access(caller, vaultId: shortcut.vaultId, role: .read)
        } catch let error as ServerError where error.code == .notFound {
            throw ServerError.notFound("shortcut")
        }
        guard shortcut.itemId == body.itemId else {
            throw ServerError.invalid("shortcutId", "the shortcut does not point to this item")
        }
        guard let record = try await context.repository.item(id: shortcut.itemId) else {
            throw ServerError.notFound("item")
        }
        return record.item
    }
}
