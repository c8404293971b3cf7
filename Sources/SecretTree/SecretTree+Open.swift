public import PassworkClient
import PassworkModels
public import SecretCrypto
import Synchronization

/// Opening files: one path builds a file's bytes and its audit subject from the same decrypted fields, once,
/// whether the item was cached or had to be fetched.
extension SecretTree {
    /// Opens a file node, fetching what is not cached (or not fresh).
    public func open(_ key: NodeKey) async throws(ClientError) -> OpenedSecret {
        switch key {
        case .status:
            return OpenedSecret(content: SecureBytes(utf8: await self.statusJSON()), subject: nil)
        case .file(let itemId, let file):
            return try self.opened(file, of: try await self.fields(of: itemId))
        case .attachment(let itemId, let attachmentId):
            let item = try await self.item(itemId)
            let content = try await self.source.attachment(of: item, id: attachmentId)
            let name = item.attachments.first { $0.id == attachmentId }?.name ?? attachmentId
            return OpenedSecret(
                content: content,
                subject: AuditSubject(itemId: itemId, vaultId: item.vaultId, field: "attachments/" + name)
            )
        default:
            throw .notFound("not a file")
        }
    }

    /// Opens a field of an item cached within its TTL, without waiting for anything; nil when that is not
    /// possible (not a field, not cached, or a failure, which ``open(_:)`` then reports).
    public func openCached(_ key: NodeKey) -> OpenedSecret? {
        guard case .file(let itemId, let file) = key, let item = self.items.freshValue(for: itemId) else { return nil }
        do throws(ClientError) {
            return try self.opened(file, of: ItemFields(item: item, key: try self.source.itemKey(for: item)))
        } catch {
            return nil
        }
    }

    /// The bytes of a file at `components` below the root, named exactly as the mount names them (what
    /// `secretfs exec --env NAME=pw://VAULT/FOLDER/ITEM/FIELD` reads, with no mount needed).
    public func read(path components: [String]) async throws(ClientError) -> SecureBytes {
        var key = NodeKey.root
        for component in components where !component.isEmpty {
            guard let child = try await self.child(named: component, of: key) else {
                throw .notFound("no '\(component)' in the path \(components.joined(separator: "/"))")
            }
            key = child
        }
        guard !key.isDirectory else { throw .notFound("\(components.joined(separator: "/")) is a directory") }
        return try await self.open(key).content
    }

    /// The audit subject of a file node from what is cached, for an open that failed before it had the item;
    /// nil when the item's vault is not known (an event without a vault names nothing).
    public func cachedSubject(of key: NodeKey) -> AuditSubject? {
        switch key {
        case .file(let itemId, let file) where file.isSecret:
            guard let (vaultId, _) = self.location(of: itemId) else { return nil }
            let field = Self.auditField(of: file) { index in
                self.summaries.withLock { $0[itemId] }?.customNames.flatMap {
                    $0.indices.contains(index) ? $0[index] : nil
                }
            }
            return AuditSubject(itemId: itemId, vaultId: vaultId, field: field)
        case .attachment(let itemId, let attachmentId):
            guard let (vaultId, _) = self.location(of: itemId) else { return nil }
            let name = self.items.peek(itemId)?.attachments.first { $0.id == attachmentId }?.name ?? attachmentId
            return AuditSubject(itemId: itemId, vaultId: vaultId, field: "attachments/" + name)
        default:
            return nil
        }
    }

    /// The size of a file node: its content is built (decrypted) and wiped at once.
    public func size(of key: NodeKey) async throws(ClientError) -> Int {
        try await self.open(key).content.count
    }

    /// One field's bytes and, for a secret, its audit subject, both from `fields`.
    func opened(_ file: ItemFile, of fields: ItemFields) throws(ClientError) -> OpenedSecret {
        guard let content = try ItemContent.content(of: file, in: fields, now: self.clock.date) else {
            throw .notFound("no such field")
        }
        guard file.isSecret else { return OpenedSecret(content: content, subject: nil) }
        let field = Self.auditField(of: file) { index in (try? fields.customName(at: index)) ?? nil }
        return OpenedSecret(
            content: content,
            subject: AuditSubject(itemId: fields.item.id, vaultId: fields.item.vaultId, field: field)
        )
    }

    /// The name an audit event gives a secret file: fixed for `password`, `.json` and `.env`; a custom field's
    /// own name from `customName` (by index), or `custom N` when that is not known.
    static func auditField(of file: ItemFile, customName: (Int) -> String?) -> String {
        switch file {
        case .password: return "password"
        case .json: return ".json"
        case .env: return ".env"
        default:
            let index = file.customIndex ?? 0
            return customName(index) ?? "custom \(index)"
        }
    }
}
