/// What an inode stands for. The same item reached through its vault or through `.by-id/ID` is one node.
public enum NodeKey: Hashable, Sendable {
    case root
    /// `/.status`: JSON about the mount.
    case status
    /// `/.by-id/`: items addressed by id (lookup only, not listed).
    case byID
    case vault(String)
    case folder(vaultId: String, folderId: String)
    case item(String)
    case file(itemId: String, file: ItemFile)
    case attachments(itemId: String)
    case attachment(itemId: String, attachmentId: String)

    public var isDirectory: Bool {
        switch self {
        case .root, .byID, .vault, .folder, .item, .attachments: true
        case .status, .file, .attachment: false
        }
    }
}

extension NodeKey {
    /// The node's ids, which the server never reuses: a name that is the same for the node every time (its
    /// inode number is a hash of it).
    public var inodeIdentity: String {
        switch self {
        case .root: "/"
        case .status: "/.status"
        case .byID: "/.by-id"
        case .vault(let id): "v/\(id)"
        case .folder(let vaultId, let folderId): "f/\(vaultId)/\(folderId)"
        case .item(let id): "i/\(id)"
        case .file(let itemId, let file): "i/\(itemId)/\(file.inodeIdentity)"
        case .attachments(let itemId): "i/\(itemId)/attachments"
        case .attachment(let itemId, let attachmentId): "i/\(itemId)/attachments/\(attachmentId)"
        }
    }
}

/// The files of an item directory.
public enum ItemFile: Hashable, Sendable {
    case password
    case login
    case url
    case description
    /// The custom field at this index of the item's `customs`.
    case custom(Int)
    /// `.json`: the whole decrypted item.
    case json
    /// `.env`: KEY=VALUE lines, named as `passwork-cli exec` names them.
    case env

    /// The index of a custom field's file.
    public var customIndex: Int? {
        if case .custom(let index) = self { return index }
        return nil
    }

    var inodeIdentity: String {
        switch self {
        case .password: "password"
        case .login: "login"
        case .url: "url"
        case .description: "description"
        case .custom(let index): "custom/\(index)"
        case .json: ".json"
        case .env: ".env"
        }
    }

    /// Files whose content is a decrypted secret (every read of one is audited).
    public var isSecret: Bool {
        switch self {
        case .password, .custom, .json, .env: true
        case .login, .url, .description: false
        }
    }
}

/// A directory entry: its file name and node.
public struct TreeEntry: Sendable, Hashable {
    public let name: String
    public let key: NodeKey
}
