import CFuse3
import Foundation
import PassworkClient
import SecretCrypto
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What users rely on beyond the tree: rotation without remount, a dead server, other users, a killed
/// daemon, and tokens that expire under load. Real mounts of the `secretfs` binary on live servers.
@Suite(.serialized) struct MountBehaviourTests {
    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func errnoOfOpen(_ path: String) -> Int32 {
        errno = 0
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            close(descriptor)
            return 0
        }
        return errno
    }

    private func secretfs(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.sibling("secretfs", environment: "SECRETFS_BIN"))
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func rotationShowsWithoutRemountAndADeadServerServesTheCache() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        // A second vault, never listed before the server dies: nothing of it is cached.
        let reader = try await server.reader(try server.client())
        let archive = try await reader.createVault(name: "Archive")
        _ = try await reader.createItem(vaultId: archive, name: "Old", password: SecureBytes(utf8: "archived-1"))
        await reader.client.shutdown()
        let mount = try MountProcess(environment: server.clientEnvironment, arguments: ["--cache-ttl", "1"])
        defer { mount.stop() }
        let password = mount.path("Demo", "Databases", "DB Prod", "password")
        let uncached = mount.path("Archive", "Old", "password")
        #expect(self.read(password) == "demo-db-password-1")

        // Rotated on the server (client-side encrypted by `secretfs update`): visible after the TTL.
        let itemId = try #require(
            self.read(mount.path("Demo", "Databases", "DB Prod", ".json")).flatMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
            }
        )
        #expect(
            try self.secretfs(
                ["update", "--password-id", itemId, "--password", "rotated-2"],
                environment: server.clientEnvironment
            ) == 0
        )
        try await Task.sleep(for: .milliseconds(1300))
        #expect(self.read(password) == "rotated-2")

        // The server dies: what was cached still reads (and .status says stale); what was not, EIO.
        server.pause()
        try await Task.sleep(for: .milliseconds(1300))
        #expect(self.read(password) == "rotated-2")
        // Listed with its vault before the server died: served stale, as the password above.
        #expect(self.read(mount.path("Demo", "Web", "Web Admin", "password")) == "demo-web-password-2")
        #expect(self.errnoOfOpen(uncached) == EIO)
        let status = try #require(self.read(mount.path(".status")))
        #expect(status.contains("\"stale\" : true"), "\(status)")
        var buffer = [CChar](repeating: 0, count: 8)
        #expect(
            getxattr(password, "user.secretfs.stale", &buffer, buffer.count) == 1
                && buffer[0] == CChar(UInt8(ascii: "1"))
        )

        // Back again: fresh, with no remount (after the few seconds the mount waits before asking again).
        try server.resume()
        let deadline = ContinuousClock.now + .seconds(20)
        while self.read(uncached) == nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(self.read(uncached) == "archived-1")
        #expect(self.read(mount.path(".status"))?.contains("\"stale\" : false") == true)
    }

    /// Smoke test, end to end through a kernel mount: a change made on the server shows once the TTL has run
    /// out, in names and in sizes the kernel had cached. That the kernel is told at once, rather than left to
    /// its own timeout, is proven on a manual clock in `SecretTreeTests` (AdapterTests).
    @Test func aChangeOnTheServerShowsThroughTheKernel() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        let mount = try MountProcess(environment: server.clientEnvironment, arguments: ["--cache-ttl", "1"])
        defer { mount.stop() }
        func size(_ path: String) -> Int? {
            var information = stat()
            return stat(path, &information) == 0 ? Int(information.st_size) : nil
        }
        let item = mount.path("Demo", "Databases", "DB Prod")
        let itemId = try #require(
            self.read(item + "/.json").flatMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
            }
        )
        let byID = mount.path(".by-id", itemId, "password")
        let renamed = mount.path("Demo", "Databases", "DB Renamed")
        #expect(size(byID) == 18)
        #expect(size(renamed) == nil)
        #expect(
            try self.secretfs(
                [
                    "update", "--password-id", itemId, "--password", "rotated-to-a-longer-value-35-bytes!", "--name",
                    "DB Renamed",
                ],
                environment: server.clientEnvironment
            ) == 0
        )
        try await Task.sleep(for: .milliseconds(1500))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: mount.path("Demo", "Databases")).contains("DB Renamed")
        )
        #expect(self.read(byID) == "rotated-to-a-longer-value-35-bytes!")
        #expect(size(byID) == 35)
        #expect(size(renamed + "/password") == 35)
    }

    @Test func otherUsersAreRefusedUnlessAllowed() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        func catAsNobody(_ path: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid", "65534", "--regid", "65534", "--clear-groups", "/bin/cat", path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        let closed = try MountProcess(environment: server.clientEnvironment)
        #expect(try catAsNobody(closed.path("Demo", "Databases", "DB Prod", "password")) != 0)
        #expect(closed.stop())

        // --allow-other with 0444 and 0555, from a mount profile as a sidecar would have it: it reads.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID()).yaml").path
        try "allow-other: true\nfile-mode: 0444  # octal, not YAML 1.1's 292\ndir-mode: 0555\n".write(
            toFile: profile,
            atomically: true,
            encoding: .utf8
        )
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let shared = try MountProcess(environment: server.clientEnvironment, arguments: ["--config", profile])
        #expect(try catAsNobody(shared.path("Demo", "Databases", "DB Prod", "password")) == 0)
        #expect(shared.stop())
        // --allow-other alone: the mode (0400, owner root) still refuses; a typed flag overrides the profile.
        let modes = try MountProcess(
            environment: server.clientEnvironment,
            arguments: ["--config", profile, "--file-mode", "0400"]
        )
        #expect(try catAsNobody(modes.path("Demo", "Databases", "DB Prod", "password")) != 0)
        #expect(modes.stop())
    }

    @Test func aKilledDaemonsMountPointIsRecovered() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        let first = try MountProcess(environment: server.clientEnvironment)
        let mountpoint = first.mountpoint
        first.kill9()
        let second = try MountProcess(environment: server.clientEnvironment, mountpoint: mountpoint)
        #expect(self.read(second.path("Demo", "Databases", "DB Prod", "password")) == "demo-db-password-1")
        #expect(second.stop())
    }

    /// Access tokens that live 2 seconds, 8 readers for 30 seconds: not one failed read.
    @Test func tokensExpiringUnderParallelReaders() async throws {
        let server = try ServerProcess(accessTTL: "2s")
        defer { server.stop() }
        try server.addDemoData()
        let mount = try MountProcess(environment: server.clientEnvironment, arguments: ["--cache-ttl", "0"])
        defer { mount.stop() }
        let paths = [
            mount.path("Demo", "Databases", "DB Prod", "password"), mount.path("Demo", "Web", "Web Admin", "password"),
            mount.path("Demo", "Web", "Staging", "Staging API key", "password"),
        ]
        let expected = ["demo-db-password-1", "demo-web-password-2", "demo-api-key-3"]
        // Real threads, not tasks: blocking reads on Swift's few cooperative threads would starve every other
        // test running meanwhile (the token refresh of a parallel suite among them).
        let results: [(reads: Int, failures: Int)] = await withCheckedContinuation { done in
            Thread {
                let deadline = ContinuousClock.now + .seconds(30)
                let tally = Mutex([(reads: Int, failures: Int)]())
                DispatchQueue.concurrentPerform(iterations: 8) { reader in
                    var reads = 0
                    var failures = 0
                    while ContinuousClock.now < deadline {
                        let index = (reader + reads) % paths.count
                        let content = FileManager.default.contents(atPath: paths[index]).map {
                            String(decoding: $0, as: UTF8.self)
                        }
                        if content != expected[index] { failures += 1 }
                        reads += 1
                    }
                    tally.withLock { $0.append((reads, failures)) }
                }
                done.resume(returning: tally.withLock { $0 })
            }.start()
        }
        let reads = results.map(\.reads).reduce(0, +)
        let failures = results.map(\.failures).reduce(0, +)
        #expect(failures == 0, "\(failures) of \(reads) reads failed")
        #expect(reads > 100)
        let status = try #require(self.read(mount.path(".status")))
        #expect(!status.contains("\"lastRefresh\" : null"), "no refresh happened: \(status)")
    }
}
