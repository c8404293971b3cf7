/// What an ``AuditEvent`` records: one vocabulary for the client (a mount's opens and reads, `exec`) and the
/// server (its own `api.*`, `token.*` and `auth.*` events), so that both name a thing one way and a reader
/// of `GET /api/v1/audit/events` can match on constants rather than on spelled-out strings.
///
/// A struct over its string rather than an enum: a value this build does not know (a newer client's, or
/// another server's) decodes, is kept as it came and encodes back unchanged, so an upload or a page is
/// never refused for it. On the wire it is a plain JSON string.
public struct AuditAction: AuditVocabulary {
    /// The action as it is sent and stored, e.g. `read` or `api.item.read`.
    public let rawValue: String

    /// Any action, known or not; never fails, so that unknown actions are preserved.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    // MARK: Recorded by clients (a mount, `exec`)

    /// A secret file was opened.
    public static let open = Self(rawValue: "open")
    /// Plaintext was returned from a secret file.
    public static let read = Self(rawValue: "read")
    /// Secrets were injected into a child process's environment (`exec`).
    public static let exec = Self(rawValue: "exec")

    // MARK: Recorded by the server itself

    /// An item's ciphertext was returned by `GET items/{id}`.
    public static let apiItemRead = Self(rawValue: "api.item.read")
    /// An item's ciphertext was returned by `GET items/search`: one event per item found.
    public static let apiItemSearch = Self(rawValue: "api.item.search")
    /// An item's ciphertext was returned by `GET shortcuts/{id}`; the field is the shortcut's id.
    public static let apiShortcutRead = Self(rawValue: "api.shortcut.read")
    /// An item's ciphertext was returned by `GET shortcuts/search`: one event per shortcut found, whose id
    /// is the field.
    public static let apiShortcutSearch = Self(rawValue: "api.shortcut.search")
    /// An earlier version of an item was returned by `GET items/{itemId}/snapshot/{id}`; the field is the
    /// snapshot's id.
    public static let apiSnapshotRead = Self(rawValue: "api.snapshot.read")
    /// An attachment of an earlier version was returned by `GET snapshots/{id}/attachment/{id}`; the field is
    /// its name, as for ``apiAttachmentRead``.
    public static let apiSnapshotAttachmentRead = Self(rawValue: "api.snapshot.attachment.read")
    /// An attachment's ciphertext was returned by `GET items/{itemId}/attachment/{id}`; the field is its name.
    public static let apiAttachmentRead = Self(rawValue: "api.attachment.read")
    /// The recipient read an inbox item; the field is the inbox item's id.
    public static let apiInboxRead = Self(rawValue: "api.inbox.read")
    /// A share link was made; the field is the link's id.
    public static let apiLinkCreate = Self(rawValue: "api.link.create")
    /// A share link was opened (with the right code); the field is the link's id.
    public static let apiLinkOpen = Self(rawValue: "api.link.open")
    /// A token refresh; the field says which (`access`, `refresh`, or none for both).
    public static let tokenRefresh = Self(rawValue: "token.refresh")
    /// A request's authentication failed.
    public static let authFailed = Self(rawValue: "auth.failed")
}
