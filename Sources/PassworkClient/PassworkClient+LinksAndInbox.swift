import Foundation
public import PassworkModels

/// Share links and inbox items on the wire (docs/wire-format.md, "Endpoints", ours marked). The decrypting
/// side is ``SecretReader``'s.
extension PassworkClient {
    /// A client that only opens share links: it holds no token, as whoever received a link has none.
    public convenience init(anonymous configuration: ClientConfiguration) throws(ClientError) {
        try self.init(
            configuration: configuration,
            credentials: Credentials(host: configuration.host, accessToken: "", refreshToken: "")
        )
    }

    /// `POST links`: stores a link; returns its URL, to which the caller appends `#code=<code>`.
    public func createLink(_ request: LinkCreateRequest) async throws(ClientError) -> String {
        try await self.call(LinkCreateResponse.self, method: "POST", endpoint: Endpoints.links.path(), body: request)
            .url
    }

    /// `GET links/{id}` without a token, proving the code by its hash. A single-use link is used up by this.
    /// - Throws: ``ClientError/notFound(_:)`` for a wrong code, an unknown, expired or used link alike.
    public func openLink(id: String, keyHash: String) async throws(ClientError) -> LinkOpenResponse {
        let path = Endpoints.link.path(id)
        let answer = try await self.transport.send(
            HTTPExchange(
                method: "GET",
                path: path,
                headers: [(PassworkHeaders.linkKeyHash, keyHash), ("Accept", "application/json")],
                body: nil
            )
        )
        let data = try Self.check(answer, endpoint: path)
        do {
            return try JSONDecoder().decode(LinkOpenResponse.self, from: data)
        } catch {
            throw .malformedResponse("\(path): \(Self.describe(error))")
        }
    }

    /// `POST inbox-items`: sends an item to a user; returns the inbox item's id.
    public func sendToInbox(_ request: InboxSendRequest) async throws(ClientError) -> String {
        try await self.call(IDResponse.self, method: "POST", endpoint: Endpoints.inboxItems.path(), body: request).id
    }

    /// `GET inbox-items/{id}`: an item sent to the caller.
    public func inboxItem(id: String) async throws(ClientError) -> InboxItemResponse {
        try await self.call(InboxItemResponse.self, endpoint: Endpoints.inboxItem.path(id))
    }
}
