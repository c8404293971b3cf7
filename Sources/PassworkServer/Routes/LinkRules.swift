import PassworkModels

/// What a new share link must satisfy, apart from access: a known type and lifetime, a code hash when the
/// item is client-side encrypted, and only the item's own attachments.
enum LinkRules {
    /// Seconds each accepted `expirationTime` lasts; `nil` means unlimited.
    static let lifetimes: [String: Int64?] = [
        "1 hour": 3600, "1 week": 7 * 86400, "1 month": 30 * 86400, "unlimited": nil,
    ]

    /// The link's lifetime in seconds (`nil`: unlimited), after checking `type` and `expirationTime`.
    static func lifetime(_ body: LinkCreateRequest) throws(ServerError) -> Int64? {
        guard [LinkCreateRequest.singleUseType, LinkCreateRequest.reusableType].contains(body.type) else {
            throw ServerError.invalid("type", "must be single_use or reusable")
        }
        guard let lifetime = Self.lifetimes[body.expirationTime] else {
            throw ServerError.invalid("expirationTime", "must be one of: 1 hour, 1 week, 1 month, unlimited")
        }
        return lifetime
    }

    /// A client-side encrypted item can only be linked with a code: its hash (64 hex digits) and the code
    /// under the item key. Without the hash anyone who learnt the link's id could open it.
    static func checkKey(_ body: LinkCreateRequest, item: Item) throws(ServerError) {
        guard let keyHash = body.keyHash else {
            if !item.keyEncrypted.isEmpty {
                throw ServerError.invalid("keyHash", "is required for a client-side encrypted item")
            }
            return
        }
        guard keyHash.count == 64, keyHash.allSatisfy(\.isHexDigit) else {
            throw ServerError.invalid("keyHash", "must be the SHA-256 of the code, in hex")
        }
        guard let keyEncrypted = body.keyEncrypted, !keyEncrypted.isEmpty else {
            throw ServerError.invalid("keyEncrypted", "is required with keyHash")
        }
    }

    /// Every attachment in the link must be one of the item's.
    static func checkAttachments(_ data: LinkItemData, item: Item) throws(ServerError) {
        let own = Set(item.attachments.map(\.id))
        for (index, attachment) in (data.attachments ?? []).enumerated() where !own.contains(attachment.id) {
            throw ServerError.invalid("itemData.attachments[\(index)].id", "not an attachment of this item")
        }
    }
}
