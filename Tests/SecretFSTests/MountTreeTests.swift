import CFuse3
import Foundation
import PassworkClient
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `secretfs` binary mounted for real on a live `secretfs-server` holding the demo vault (written with
/// client-side encryption), read with ordinary system calls.
@Suite(.serialized) struct MountTreeTests {
    private func read(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: path), "cannot read \(path)"), as: UTF8.self)
    }

    private func errnoOf(_ call: () -> Int32) -> Int32 {
        errno = 0
        return call() < 0 ? errno : 0
    }

    @Test func treeContentsAndReadOnly() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        let mount = try MountProcess(environment: server.clientEnvironment)
        var cleanlyStopped = false
        defer { if !cleanlyStopped { mount.stop() } }

        let files = FileManager.default
        #expect(try files.contentsOfDirectory(atPath: mount.mountpoint).sorted() == [".status", "Demo"])
        #expect(try files.contentsOfDirectory(atPath: mount.path("Demo")).sorted() == ["Databases", "Web"])
        #expect(try files.contentsOfDirectory(atPath: mount.path("Demo", "Web")).sorted() == ["Staging", "Web Admin"])
        let item = mount.path("Demo", "Databases", "DB Prod")
        #expect(
            try files.contentsOfDirectory(atPath: item).sorted()
                == [
                    ".env", ".json", "DB_HOST", "DB_REPLICA_PASSWORD", "attachments", "description", "login",
                    "password", "url",
                ]
        )
        #expect(try self.read(item + "/password") == "demo-db-password-1")
        #expect(try self.read(item + "/DB_REPLICA_PASSWORD") == "demo-replica-password")
        #expect(try self.read(item + "/login") == "app")
        #expect(
            try self.read(item + "/attachments/ca.pem")
                == "-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----\n"
        )
        #expect(
            try self.read(item + "/.env")
                == "DB_Prod=demo-db-password-1\nDB_HOST=db.example.internal\nDB_REPLICA_PASSWORD=demo-replica-password\n"
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(self.read(item + "/.json").utf8)) as? [String: Any]
        )
        #expect(json["password"] as? String == "demo-db-password-1")

        // Sizes from stat are the bytes read; modes and owner as documented.
        for name in ["password", "DB_HOST", ".env", ".json", "url"] {
            var information = stat()
            #expect(stat(item + "/" + name, &information) == 0)
            #expect(Int(information.st_size) == (try self.read(item + "/" + name)).utf8.count, "\(name)")
            #expect(information.st_mode & 0o7777 == 0o400)
            #expect(information.st_uid == getuid())
        }
        var directory = stat()
        #expect(stat(item, &directory) == 0 && directory.st_mode & 0o7777 == 0o500)

        // A TOTP field reads as a 6-digit code.
        let code = try self.read(mount.path("Demo", "Web", "Web Admin", "2FA"))
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))

        // The same item by id, and its id in an extended attribute.
        var buffer = [CChar](repeating: 0, count: 64)
        let length = getxattr(item + "/password", "user.secretfs.item_id", &buffer, buffer.count)
        #expect(length > 0)
        let itemId = String(decoding: buffer[0..<max(length, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(try self.read(mount.path(".by-id", itemId, "password")) == "demo-db-password-1")
        #expect(!(try files.contentsOfDirectory(atPath: mount.mountpoint)).contains(".by-id"))

        // Read-only, and names that do not exist.
        #expect(self.errnoOf { open(item + "/password", O_WRONLY) } == EROFS)
        #expect(self.errnoOf { open(item + "/new", O_CREAT | O_WRONLY, 0o600) } == EROFS)
        #expect(self.errnoOf { mkdir(mount.path("Demo", "x"), 0o700) } == EROFS)
        #expect(self.errnoOf { unlink(item + "/password") } == EROFS)
        #expect(self.errnoOf { rename(item + "/password", item + "/moved") } == EROFS)
        var missing = stat()
        #expect(self.errnoOf { stat(mount.path("Demo", ".git"), &missing) } == ENOENT)

        let status = try #require(
            try JSONSerialization.jsonObject(with: Data(self.read(mount.path(".status")).utf8)) as? [String: Any]
        )
        #expect(status["server"] as? String == server.credentials.host)
        #expect(status["stale"] as? Bool == false)

        cleanlyStopped = true
        #expect(mount.stop(), "SIGTERM did not unmount cleanly")
    }
}
