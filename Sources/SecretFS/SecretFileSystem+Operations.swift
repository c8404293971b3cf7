import Audit
public import FuseKit
import PassworkClient
import PassworkModels
import SecretCrypto
import SecretTree

/// The FUSE operations: inode numbers in, the tree's answers out, as the kernel wants them.
extension SecretFileSystem {
    public func lookup(parent: InodeNumber, name: String) async throws(Errno) -> LookupReply {
        guard let parentKey = self.inodes.key(for: parent) else { throw .noEntry }
        return try await ErrnoMapping.mapping { () throws(ClientError) in
            guard let key = try await self.tree.child(named: name, of: parentKey) else {
                // Tools probe for .git, ._foo and the like again and again: let the kernel remember.
                return .negative(timeout: self.options.kernelTimeout)
            }
            let attributes = try await self.attributes(of: key, inode: self.inodes.inode(for: key))
            self.inodes.recordLookup(of: key)
            let timeout = self.options.kernelTimeout
            return .entry(EntryReply(attributes: attributes, entryTimeout: timeout, attributeTimeout: timeout))
        }
    }

    public func forget(inode: InodeNumber, lookups: UInt64) { self.inodes.forget(inode, count: lookups) }

    public func getattr(inode: InodeNumber) async throws(Errno) -> AttributesReply {
        guard let key = self.inodes.key(for: inode) else { throw .noEntry }
        return try await ErrnoMapping.mapping { () throws(ClientError) in
            AttributesReply(
                attributes: try await self.attributes(of: key, inode: inode),
                timeout: self.options.kernelTimeout
            )
        }
    }

    public func readdir(inode: InodeNumber) async throws(Errno) -> [DirectoryEntry] {
        guard let key = self.inodes.key(for: inode), key.isDirectory else { throw .notDirectory }
        let entries = try await ErrnoMapping.mapping { () throws(ClientError) in try await self.tree.entries(of: key) }
        return [
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
    }

    /// A field of an item cached within its TTL, with an audit sink that records without waiting: most opens of
    /// a warm mount are such, and each saves a hand-off to Swift's thread pool and back.
    public func openImmediately(inode: InodeNumber, caller: Caller) -> OpenReply? {
        guard let key = self.inodes.key(for: inode), let opened = self.tree.openCached(key) else { return nil }
        if let subject = opened.subject, let audit = self.audit {
            let event = self.event(subject, caller: caller, bytes: opened.content.count, result: AuditResult.ok)
            // A fail-closed sink must wait for its endpoint: the general path (which opens again) does that.
            guard audit.recordWithoutWaiting(event) else { return nil }
        }
        return self.reply(opening: opened.content)
    }

    public func open(inode: InodeNumber, caller: Caller) async throws(Errno) -> OpenReply {
        guard let key = self.inodes.key(for: inode) else { throw .noEntry }
        guard !key.isDirectory else { throw .isDirectory }
        let opened: OpenedSecret
        do throws(ClientError) {
            opened = try await self.tree.open(key)
        } catch {
            if let subject = self.tree.cachedSubject(of: key) {
                _ = await self.record(subject, caller: caller, bytes: 0, result: AuditResult.error)
            }
            throw ErrnoMapping.errno(for: error)
        }
        // Every open of a secret is audited; fail-closed answers only once the endpoint accepted the event.
        if let subject = opened.subject {
            guard await self.record(subject, caller: caller, bytes: opened.content.count, result: AuditResult.ok)
            else { throw .accessDenied }
        }
        return self.reply(opening: opened.content)
    }

    func reply(opening content: SecureBytes) -> OpenReply {
        // direct_io: plaintext never enters the page cache, and reads need not match st_size (TOTP).
        OpenReply(handle: self.openFiles.open(content), directIO: true)
    }

    public func read(
        inode: InodeNumber,
        handle: UInt64,
        offset: Int,
        size: Int,
        answer: (UnsafeRawBufferPointer) -> Void
    ) throws(Errno) {
        guard let content = self.openFiles.content(of: handle) else { throw .invalid }
        content.withUnsafeBytes { bytes in
            let start = min(max(offset, 0), bytes.count)
            let end = min(start + size, bytes.count)
            answer(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Dropping the last reference wipes the plaintext.
    public func release(inode: InodeNumber, handle: UInt64) { self.openFiles.release(handle) }

    public func getxattr(inode: InodeNumber, name: String) throws(Errno) -> [UInt8] {
        guard let key = self.inodes.key(for: inode) else { throw .noEntry }
        guard let value = self.tree.extendedAttributes(of: key)[name] else { throw .noAttribute }
        return Array(value.utf8)
    }

    public func listxattr(inode: InodeNumber) throws(Errno) -> [String] {
        guard let key = self.inodes.key(for: inode) else { throw .noEntry }
        return self.tree.extendedAttributes(of: key).keys.sorted()
    }

    func attributes(of key: NodeKey, inode: UInt64) async throws(ClientError) -> FileAttributes {
        guard !key.isDirectory else {
            return FileAttributes(
                inode: inode,
                kind: .directory,
                permissions: self.options.directoryMode,
                size: 0,
                uid: self.options.uid,
                gid: self.options.gid,
                linkCount: 2
            )
        }
        return FileAttributes(
            inode: inode,
            kind: .regularFile,
            permissions: self.options.fileMode,
            size: try await self.tree.size(of: key),
            uid: self.options.uid,
            gid: self.options.gid
        )
    }
}
