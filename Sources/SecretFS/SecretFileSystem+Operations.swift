public import Audit
import Foundation
public import FuseKit
public import PassworkClient
import PassworkModels
public import SecretCrypto
import Synchronization

/// The FUSE operations: each answers its request exactly once, from the FUSE thread when nothing has to be
/// awaited, else from a task.
extension SecretFileSystem {
    public func lookup(_ request: FuseRequest, parent: InodeNumber, name: String) {
        guard let parentKey = self.inodes.key(for: parent) else { return request.reply(error: .noEntry) }
        self.answer(request) { () throws(ClientError) in
            guard let key = try await self.child(named: name, of: parentKey) else {
                // Tools probe for .git, ._foo and the like again and again: let the kernel remember.
                return request.replyNegativeEntry(timeout: self.options.kernelTimeout)
            }
            let attributes = try await self.attributes(of: key, inode: self.inodes.inode(for: key))
            self.inodes.recordLookup(of: key)
            let timeout = self.options.kernelTimeout
            request.reply(entry: EntryReply(attributes: attributes, entryTimeout: timeout, attributeTimeout: timeout))
        }
    }

    public func forget(inode: InodeNumber, lookups: UInt64) { self.inodes.forget(inode, count: lookups) }

    public func getattr(_ request: FuseRequest, inode: InodeNumber) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        self.answer(request) { () throws(ClientError) in
            request.reply(
                attributes: try await self.attributes(of: key, inode: inode),
                timeout: self.options.kernelTimeout
            )
        }
    }

    public func readdir(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        guard let key = self.inodes.key(for: inode), key.isDirectory else { return request.reply(error: .notDirectory) }
        self.answer(request) { () throws(ClientError) in
            let entries = try await self.entries(of: key)
            let listed =
                [
                    DirectoryEntry(name: ".", inode: inode, kind: .directory),
                    DirectoryEntry(name: "..", inode: 1, kind: .directory),
                ]
                + entries.map {
                    DirectoryEntry(
                        name: $0.name,
                        inode: self.inodes.inode(for: $0.key),
                        kind: $0.key.isDirectory ? .directory : .regularFile
                    )
                }
            request.reply(directory: listed, offset: offset, size: size)
        }
    }

    public func open(_ request: FuseRequest, inode: InodeNumber) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        guard !key.isDirectory else { return request.reply(error: .isDirectory) }
        if self.openWithoutWaiting(request, key: key) { return }
        Task {
            let content: SecureBytes
            do throws(ClientError) {
                content = try await self.content(of: key)
            } catch {
                _ = await self.recordAudit(of: key, caller: request.caller, bytes: 0, result: AuditResult.error)
                return request.reply(error: ErrnoMapping.errno(for: error))
            }
            // Every open of a secret is audited; fail-closed answers only once the endpoint accepted the event.
            guard await self.recordAudit(of: key, caller: request.caller, bytes: content.count, result: AuditResult.ok)
            else { return request.reply(error: .accessDenied) }
            self.reply(request, opening: content)
        }
    }

    /// Answers an open on the FUSE thread itself when nothing has to be awaited: a field of an item cached
    /// within its TTL, and an audit sink that records without waiting. Most opens of a warm mount are such,
    /// and each saves a hand-off to Swift's thread pool and back. Returns false to take the general path,
    /// which also answers every error.
    func openWithoutWaiting(_ request: FuseRequest, key: NodeKey) -> Bool {
        guard case .file(let itemId, let file) = key, let item = self.items.freshValue(for: itemId) else {
            return false
        }
        let content: SecureBytes
        let fields: ItemFields
        do throws(ClientError) {
            fields = ItemFields(item: item, key: try self.source.itemKey(for: item))
            guard let decrypted = try ItemContent.content(of: file, in: fields) else { return false }
            content = decrypted
        } catch {
            return false
        }
        if file.isSecret, let audit = self.audit {
            let index = file.customIndex ?? 0
            let field = Self.auditField(file) ?? (try? fields.customName(at: index)) ?? "custom \(index)"
            // The item is at hand: its vault needs no second look in the cache.
            let event = self.auditEvent(
                itemId: itemId,
                vaultId: item.vaultId,
                field: field,
                caller: request.caller,
                bytes: content.count,
                result: AuditResult.ok
            )
            guard audit.recordWithoutWaiting(event) else { return false }
        }
        self.reply(request, opening: content)
        return true
    }

    func reply(_ request: FuseRequest, opening content: SecureBytes) {
        let handle = self.openFiles.open(content)
        // direct_io: plaintext never enters the page cache, and reads need not match st_size (TOTP).
        request.reply(open: OpenReply(handle: handle, directIO: true))
    }

    public func read(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        guard let content = self.openFiles.content(of: handle) else { return request.reply(error: .invalid) }
        content.withUnsafeBytes { bytes in
            let start = min(max(offset, 0), bytes.count)
            let end = min(start + size, bytes.count)
            request.reply(data: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    public func release(_ request: FuseRequest, inode: InodeNumber, handle: UInt64) {
        // Dropping the last reference wipes the plaintext.
        self.openFiles.release(handle)
        request.replyOK()
    }

    public func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        guard let value = self.extendedAttributes(of: key)[name] else { return request.reply(error: .noAttribute) }
        request.reply(xattr: Array(value.utf8), size: size)
    }

    public func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int) {
        guard let key = self.inodes.key(for: inode) else { return request.reply(error: .noEntry) }
        let names: [UInt8] = self.extendedAttributes(of: key).keys.sorted().flatMap { name -> [UInt8] in
            Array(name.utf8) + [0]
        }
        request.reply(xattr: names, size: size)
    }

    /// `user.secretfs.*`: ids, the vault, and whether the data is being served stale.
    func extendedAttributes(of key: NodeKey) -> [String: String] {
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
