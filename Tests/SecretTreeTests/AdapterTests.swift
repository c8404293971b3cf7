import Foundation
import FuseKit
import PassworkClient
import PassworkModels
import SecretTree
import Synchronization
import Testing

@testable import SecretCrypto
@testable import SecretFS

/// The FUSE adapter driven as the kernel drives it, through FuseKit's operations, with no kernel: inodes and
/// lookup counts, open files, errno values, audit and fail-closed, kernel invalidation.
@Suite struct AdapterTests {
    @Test func aLookupAnswersTheTrueSizeAndCountsTheReference() async throws {
        let fixture = try Fixture()
        let folder = try await fixture.lookup("Ops/DB/postgres")
        guard case .entry(let entry) = try await fixture.fileSystem.lookup(parent: folder, name: "password") else {
            Issue.record("no entry")
            return
        }
        #expect(entry.attributes.size == "s3cret-pw".utf8.count)
        #expect(entry.attributes.kind == .regularFile && entry.attributes.permissions == 0o400)
        #expect(entry.attributes.uid == 1000 && entry.entryTimeout == 30)
        #expect(fixture.fileSystem.inodes.lookupCount(entry.attributes.inode) == 1)
        fixture.fileSystem.forget(inode: entry.attributes.inode, lookups: 1)
        #expect(fixture.fileSystem.inodes.lookupCount(entry.attributes.inode) == 0)
    }

    @Test func aMissingNameIsANegativeEntryTheKernelMayKeep() async throws {
        let fixture = try Fixture()
        guard case .negative(let timeout) = try await fixture.fileSystem.lookup(parent: 1, name: ".git") else {
            Issue.record("not a negative entry")
            return
        }
        #expect(timeout == 30)
    }

    @Test func anInodeTheKernelDoesNotHoldIsNoEntry() async throws {
        let fixture = try Fixture()
        await #expect(throws: Errno.noEntry) { try await fixture.fileSystem.getattr(inode: 12345) }
        await #expect(throws: Errno.noEntry) { try await fixture.fileSystem.lookup(parent: 12345, name: "x") }
        await #expect(throws: Errno.notDirectory) { try await fixture.fileSystem.readdir(inode: 12345) }
    }

    @Test func aDirectoryListsDotsAndKinds() async throws {
        let fixture = try Fixture()
        let item = try await fixture.lookup("Ops/DB/postgres")
        let entries = try await fixture.fileSystem.readdir(inode: item)
        #expect(entries.prefix(2).map(\.name) == [".", ".."])
        #expect(entries.first { $0.name == "attachments" }?.kind == .directory)
        #expect(entries.first { $0.name == "API_KEY" }?.kind == .regularFile)
        let attributes = try await fixture.fileSystem.getattr(inode: item).attributes
        #expect(attributes.kind == .directory && attributes.permissions == 0o500)
    }

    @Test func openReadAndReleaseKeepPlaintextOnlyWhileOpen() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/DB/postgres/password")
        let reply = try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller)
        #expect(reply.directIO)
        #expect(fixture.fileSystem.openFiles.count == 1)
        var middle: [UInt8] = []
        try fixture.fileSystem.read(inode: inode, handle: reply.handle, offset: 3, size: 3) { middle = Array($0) }
        #expect(String(decoding: middle, as: UTF8.self) == "ret")
        var past: [UInt8]? = nil
        try fixture.fileSystem.read(inode: inode, handle: reply.handle, offset: 100, size: 10) { past = Array($0) }
        #expect(past == [])
        fixture.fileSystem.release(inode: inode, handle: reply.handle)
        #expect(fixture.fileSystem.openFiles.count == 0)
        #expect(throws: Errno.invalid) {
            try fixture.fileSystem.read(inode: inode, handle: reply.handle, offset: 0, size: 10) { _ in }
        }
    }

    /// The plaintext of an open file lives until its release and is wiped then. Small buffers live in arena
    /// slots that are never unmapped, so the bytes can be looked at after the release (another test may have
    /// taken the slot since: it then holds that test's bytes, never this one's random password).
    @Test func releaseWipesThePlaintext() async throws {
        let fixture = try Fixture()
        let secret = Array(UUID().uuidString.utf8)
        try fixture.source.addItem(
            "i7",
            vaultId: "v1",
            name: "wiped",
            password: String(decoding: secret, as: UTF8.self)
        )
        let inode = try await fixture.lookup("Ops/wiped/password")
        let reply = try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller)
        let base = try #require(fixture.fileSystem.openFiles.content(of: reply.handle)?.baseAddress)
        let bytes = { Array(UnsafeRawBufferPointer(start: base, count: secret.count)) }
        #expect(bytes() == secret)
        fixture.fileSystem.release(inode: inode, handle: reply.handle)
        #expect(bytes() != secret)
    }

    @Test func everySecretOpenIsOneEventThatNamesItsVault() async throws {
        let fixture = try Fixture()
        for path in ["password", "API_KEY", ".json", ".env", "attachments/ca.pem", "login", "url", "description"] {
            _ = try await fixture.cat("Ops/DB/postgres/" + path)
        }
        let events = fixture.audit.events.withLock { $0 }
        #expect(events.map(\.field) == ["password", "API_KEY", ".json", ".env", "attachments/ca.pem"])
        #expect(events.allSatisfy { $0.vaultId == "v1" && $0.itemId == "i1" && $0.result == AuditResult.ok })
        #expect(events.allSatisfy { $0.action == AuditAction.read && $0.caller.uid == 1000 })
        #expect(events[0].bytes == "s3cret-pw".utf8.count)
    }

    @Test func aWarmOpenIsAnsweredAtOnceAndAudited() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api/password")
        let calls = fixture.source.calls("item") + fixture.source.calls("items")
        let reply = try #require(fixture.fileSystem.openImmediately(inode: inode, caller: Fixture.caller))
        #expect(try fixture.readAll(inode: inode, handle: reply.handle) == "token-xyz")
        fixture.fileSystem.release(inode: inode, handle: reply.handle)
        #expect(fixture.source.calls("item") + fixture.source.calls("items") == calls)
        #expect(fixture.audit.events.withLock { $0.map(\.vaultId) } == ["v1"])
    }

    @Test func aColdOpenIsLeftToTheTask() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api/password")
        fixture.clock.advance(by: Fixture.ttl)
        #expect(fixture.fileSystem.openImmediately(inode: inode, caller: Fixture.caller) == nil)
        #expect(try await fixture.cat("Ops/api/password") == "token-xyz")
    }

    @Test func failClosedRefusesTheOpenWhenTheAuditIsRefused() async throws {
        let fixture = try Fixture(auditFailClosed: true)
        let inode = try await fixture.lookup("Ops/api/password")
        fixture.audit.accepting.withLock { $0 = false }
        #expect(fixture.fileSystem.openImmediately(inode: inode, caller: Fixture.caller) == nil)
        await #expect(throws: Errno.accessDenied) {
            try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller)
        }
        #expect(fixture.fileSystem.openFiles.count == 0)
        fixture.audit.accepting.withLock { $0 = true }
        #expect(try await fixture.cat("Ops/api/password") == "token-xyz")
        #expect(fixture.audit.events.withLock { $0.count } == 1)
    }

    @Test func failOpenServesWhenTheAuditIsRefused() async throws {
        let fixture = try Fixture()
        fixture.audit.accepting.withLock { $0 = false }
        _ = try await fixture.lookup("Ops/api/password")
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.cat("Ops/api/password") == "token-xyz")
        #expect(fixture.audit.events.withLock { $0.isEmpty })
    }

    @Test func aFailedOpenIsAuditedAsAnErrorWithItsVault() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api/password")
        fixture.source.removeItem("i2")
        fixture.clock.advance(by: Fixture.ttl)
        await #expect(throws: Errno.noEntry) { try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller) }
        let events = fixture.audit.events.withLock { $0 }
        #expect(events.count == 1)
        #expect(events.first?.result == AuditResult.error && events.first?.vaultId == "v1")
        #expect(events.first?.bytes == 0)
    }

    @Test func openingADirectoryIsEISDIR() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api")
        await #expect(throws: Errno.isDirectory) {
            try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller)
        }
    }

    @Test(arguments: [
        (ClientError.notFound("x"), Errno.noEntry),
        (ClientError.forbidden("x"), Errno.accessDenied),
        (ClientError.unauthorized("x"), Errno.accessDenied),
        (ClientError.sessionExpired("x"), Errno.accessDenied),
        (ClientError.serverUnreachable("h", "x"), Errno.io),
        (ClientError.serverError("x", status: 503), Errno.io),
        (ClientError.decryptionFailed("x"), Errno.io),
        (ClientError.malformedResponse("x"), Errno.io),
    ])
    func failuresBecomeOneErrnoEach(error: ClientError, errno: Errno) {
        #expect(ErrnoMapping.errno(for: error) == errno)
    }

    @Test func extendedAttributesFollowTheSizeProtocolsInputs() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/DB/postgres/attachments/ca.pem")
        #expect(try fixture.fileSystem.getxattr(inode: inode, name: "user.secretfs.item_id") == Array("i1".utf8))
        #expect(try fixture.fileSystem.getxattr(inode: inode, name: "user.secretfs.vault_id") == Array("v1".utf8))
        #expect(try fixture.fileSystem.getxattr(inode: inode, name: "user.secretfs.folder_id") == Array("f1".utf8))
        #expect(try fixture.fileSystem.getxattr(inode: inode, name: "user.secretfs.attachment_id") == Array("a1".utf8))
        #expect(try fixture.fileSystem.listxattr(inode: inode).contains("user.secretfs.stale"))
        #expect(throws: Errno.noAttribute) { try fixture.fileSystem.getxattr(inode: inode, name: "user.other") }
    }

    @Test func theKernelForgetsRenamedNamesInDirectoriesItHolds() async throws {
        let fixture = try Fixture()
        let folder = try await fixture.lookup("Ops/DB")
        _ = try await fixture.fileSystem.readdir(inode: folder)
        try fixture.source.changeItem("i1") { item, _ in item.name = "pg" }
        fixture.clock.advance(by: Fixture.ttl)
        _ = try await fixture.fileSystem.readdir(inode: folder)
        fixture.fileSystem.kernel.drain()
        let told = fixture.kernel.names.withLock { $0 }
        #expect(Set(told.map(\.name)) == ["pg", "postgres"])
        #expect(told.allSatisfy { $0.parent == folder })
    }

    @Test func theKernelForgetsTheAttributesOfARotatedItem() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api/password")
        try fixture.source.changeItem("i2") { item, key in
            item.passwordEncrypted = try key.encryptText(SecureBytes(utf8: "a-much-longer-password"))
        }
        fixture.clock.advance(by: Fixture.ttl)
        #expect(try await fixture.fileSystem.getattr(inode: inode).attributes.size == 22)
        fixture.fileSystem.kernel.drain()
        #expect(fixture.kernel.inodes.withLock { $0 }.contains(inode))
    }

    @Test func nodesTheKernelDoesNotHoldAreNotInvalidated() async throws {
        let fixture = try Fixture()
        _ = try await fixture.fileSystem.tree.entries(of: .folder(vaultId: "v1", folderId: "f1"))
        try fixture.source.changeItem("i1") { item, _ in item.name = "pg" }
        fixture.clock.advance(by: Fixture.ttl)
        _ = try await fixture.fileSystem.tree.entries(of: .folder(vaultId: "v1", folderId: "f1"))
        fixture.fileSystem.kernel.drain()
        #expect(fixture.kernel.names.withLock { $0.isEmpty })
        #expect(fixture.kernel.inodes.withLock { $0.isEmpty })
    }

    @Test func statusReportsTheDaemonsOwnCounts() async throws {
        let fixture = try Fixture()
        let inode = try await fixture.lookup("Ops/api/password")
        let held = try await fixture.fileSystem.open(inode: inode, caller: Fixture.caller)
        defer { fixture.fileSystem.release(inode: inode, handle: held.handle) }
        let text = try await fixture.cat(".status")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // The open of `.status` itself is counted once its content is built: one open file, four inodes
        // (Ops, api, password, .status).
        #expect(status["openFiles"] as? Int == 1)
        #expect(status["inodesReferenced"] as? Int == 4)
        #expect(status["auditPending"] as? Int == 0)
        #expect(status["stale"] as? Bool == false)
    }
}
