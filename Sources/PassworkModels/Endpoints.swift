/// Every API path, shared by the client and the server.
///
/// Client: `Endpoints.item.path(id)` gives `/api/v1/items/<id>`. Server: register `Endpoints.item.pattern`.
/// Batch dispatch: ``resolve(_:)``.
public enum Endpoints {
    /// The prefix of every path.
    public static let apiPrefix = "/api/v1"

    // MARK: - Sessions (§1)

    /// `POST`: pair refresh (``SessionRefreshRequest`` → ``TokenPairResponse``).
    public static let sessionRefresh = PathTemplate("/api/v1/sessions/refresh")
    /// `POST`: access-token rotation (``RefreshAccessTokenRequest`` → ``RefreshAccessTokenResponse``).
    public static let sessionRefreshAccessToken = PathTemplate("/api/v1/sessions/refresh-access-token")
    /// `POST`: refresh-token rotation (``RefreshRefreshTokenRequest`` → ``RefreshRefreshTokenResponse``).
    public static let sessionRefreshRefreshToken = PathTemplate("/api/v1/sessions/refresh-refresh-token")

    // MARK: - Users

    /// `GET` → ``MasterKeyOptionsResponse``.
    public static let masterKeyOptions = PathTemplate("/api/v1/users/master-key/options")
    /// `GET` → ``MasterKeyNewOptions``.
    public static let masterKeyNewOptions = PathTemplate("/api/v1/users/master-key/new-options")
    /// `GET` → ``UserKeysResponse``.
    public static let userKeys = PathTemplate("/api/v1/users/keys")
    /// `GET` → ``UserPublicKeyResponse``.
    public static let userPublicKey = PathTemplate("/api/v1/users/{id}/public-key")
    /// `POST` ``CreateUserRequest`` → ``IDResponse``.
    public static let users = PathTemplate("/api/v1/users")
    /// `GET` ``UserRolesQuery`` → `ListResponse<UserRole>`.
    public static let userRoles = PathTemplate("/api/v1/user-roles")

    // MARK: - App

    /// `GET` → `[AppFeature]`.
    public static let appFeatures = PathTemplate("/api/v1/app/features")
    /// `GET` → ``AppSettings``.
    public static let appSettings = PathTemplate("/api/v1/app/settings")
    /// `POST` ``HealthCheckRequest`` → ``HealthCheckResponse``.
    public static let healthCheck = PathTemplate("/api/v1/app/health-check")

    // MARK: - Vaults and folders

    /// `GET` → ``VaultList``; `POST` ``VaultCreateRequest`` → ``IDResponse``.
    public static let vaults = PathTemplate("/api/v1/vaults")
    /// `GET` → ``Vault``.
    public static let vault = PathTemplate("/api/v1/vaults/{id}")
    /// `GET` → `ListResponse<VaultType>`.
    public static let vaultTypes = PathTemplate("/api/v1/vault-types/all")
    /// `GET` → `ListResponse<VaultTypeAdministrator>`.
    public static let vaultTypeAdministrators = PathTemplate("/api/v1/vault-types/{id}/administrators")
    /// `GET` ``FolderListQuery`` → `ListResponse<Folder>`; `POST` ``FolderCreateRequest`` → ``IDResponse``.
    public static let folders = PathTemplate("/api/v1/folders")
    /// `GET` → ``Folder``; `DELETE` → ``BinItemResponse``.
    public static let folder = PathTemplate("/api/v1/folders/{id}")

    // MARK: - Items

    /// `POST` ``ItemCreateRequest`` → ``IDResponse``.
    public static let items = PathTemplate("/api/v1/items")
    /// `GET` → ``Item``; `PATCH` ``ItemUpdateRequest``; `DELETE` → ``BinItemResponse``.
    public static let item = PathTemplate("/api/v1/items/{id}")
    /// `GET` ``ItemSearchQuery`` → `ListResponse<Item>`.
    public static let itemSearch = PathTemplate("/api/v1/items/search")
    /// `GET` → ``AttachmentResponse``.
    public static let itemAttachment = PathTemplate("/api/v1/items/{itemId}/attachment/{attachmentId}")
    /// `GET` → ``Snapshot``.
    public static let itemSnapshot = PathTemplate("/api/v1/items/{itemId}/snapshot/{snapshotId}")
    /// `GET` → ``AttachmentResponse``.
    public static let snapshotAttachment = PathTemplate("/api/v1/snapshots/{snapshotId}/attachment/{attachmentId}")

    // MARK: - Shortcuts, inbox, links, batch

    /// `POST` ``ShortcutCreateRequest`` → ``IDResponse``.
    public static let shortcuts = PathTemplate("/api/v1/shortcuts")
    /// `GET` → ``ShortcutResponse``.
    public static let shortcut = PathTemplate("/api/v1/shortcuts/{id}")
    /// `GET` ``ItemSearchQuery`` → `ListResponse<ShortcutResponse>`.
    public static let shortcutSearch = PathTemplate("/api/v1/shortcuts/search")
    /// `GET` → ``InboxItemResponse``.
    public static let inboxItem = PathTemplate("/api/v1/inbox-items/{id}")
    /// `POST` ``LinkCreateRequest`` → ``LinkCreateResponse``.
    public static let links = PathTemplate("/api/v1/links")
    /// `POST` ``BatchRequest`` → ``BatchResponse``.
    public static let batch = PathTemplate("/api/v1/batch")

    // MARK: - Audit (ours; Passwork has none)

    /// `POST` ``AuditEventsRequest`` → ``AuditEventsAcceptedResponse``; `GET` ``AuditEventsQuery`` →
    /// ``AuditEventsPage``.
    public static let auditEvents = PathTemplate("/api/v1/audit/events")

    /// Every template above.
    public static let all: [PathTemplate] = [
        sessionRefresh, sessionRefreshAccessToken, sessionRefreshRefreshToken,
        masterKeyOptions, masterKeyNewOptions, userKeys, userPublicKey, users, userRoles,
        appFeatures, appSettings, healthCheck,
        vaults, vault, vaultTypes, vaultTypeAdministrators, folders, folder,
        items, item, itemSearch, itemAttachment, itemSnapshot, snapshotAttachment,
        shortcuts, shortcut, shortcutSearch, inboxItem, links, batch,
        auditEvents,
    ]

    /// The template a concrete path (e.g. a batch `relativeUrl`) belongs to, with its parameter values.
    ///
    /// When several match, the one with the fewest parameters wins, so `/api/v1/items/search` is
    /// ``itemSearch``, not ``item`` with id `search`.
    public static func resolve(_ path: String) -> (template: PathTemplate, parameters: [String: String])? {
        var best: (template: PathTemplate, parameters: [String: String])?
        for template in Self.all {
            guard let parameters = template.match(path) else { continue }
            if let current = best, current.parameters.count <= parameters.count { continue }
            best = (template, parameters)
        }
        return best
    }
}
