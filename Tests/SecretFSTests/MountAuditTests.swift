import Foundation
import PassworkClient
import PassworkModels
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every read of a secret through a real mount becomes exactly one event on the server, with the reader's
/// identity; while the server is away, events are spooled and replayed.
@Suite(.serialized) struct MountAuditTests {
    private func readEvents(_ server: ServerProcess, mountpoint: String) async throws -> [AuditEvent] {
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        let page = try await client.call(
            AuditEventsPage.self,
            endpoint: Endpoints.auditEvents.path(),
            query: AuditEventsQuery(action: AuditAction.read, limit: 1000).queryParameters
        )
        return page.events.filter { $0.mount == mountpoint }
    }

    private func spoolCount(_ path: String) -> Int {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).split(separator: "\n")
            .count
    }

    /// Polls `condition` for up to 20 seconds (the audit sender works in the background).
    private func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    private func readFile(_ path: String) -> Bool { FileManager.default.contents(atPath: path) != nil }

    @Test func everyReadIsOneEventAlsoAcrossAServerRestart() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        let spool = server.directory.appendingPathComponent("spool.jsonl").path
        let mount = try MountProcess(
            environment: server.clientEnvironment,
            arguments: ["--audit-spool", spool, "--cache-ttl", "600"]
        )
        var stopped = false
        defer { if !stopped { mount.stop() } }
        let password = mount.path("Demo", "Databases", "DB Prod", "password")
        let custom = mount.path("Demo", "Databases", "DB Prod", "DB_HOST")

        // Listing and stat are not reads.
        _ = try FileManager.default.contentsOfDirectory(atPath: mount.path("Demo", "Databases", "DB Prod"))
        var information = stat()
        _ = stat(password, &information)

        for _ in 0..<5 { #expect(self.readFile(password)) }
        #expect(self.readFile(custom))
        // The server goes away: reads still work from the cache, events go to the spool.
        server.pause()
        for _ in 0..<4 { #expect(self.readFile(password)) }
        #expect(try await self.eventually { self.spoolCount(spool) == 10 }, "the spool holds \(self.spoolCount(spool))")
        try server.resume()
        // Replayed once the server is back, without remounting.
        #expect(try await self.eventually { self.spoolCount(spool) == 0 }, "the spool was not replayed")
        stopped = true
        #expect(mount.stop())

        let events = try await self.readEvents(server, mountpoint: mount.mountpoint)
        #expect(events.count == 10, "\(events.count) events")
        #expect(events.filter { $0.field == "password" }.count == 9)
        #expect(events.filter { $0.field == "DB_HOST" }.count == 1)
        #expect(Set(events.map(\.id)).count == events.count)
        for event in events {
            #expect(event.caller.pid == getpid())
            #expect(event.caller.uid == getuid())
            #expect(event.caller.exe == (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")))
            #expect(event.result == AuditResult.ok)
            #expect(event.bytes == (event.field == "password" ? 18 : 19))
            #expect(!event.vaultId.isEmpty)
        }
    }

    @Test func fileSinkAndFailClosed() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.addDemoData()
        let log = server.directory.appendingPathComponent("audit.jsonl").path
        let fileMount = try MountProcess(environment: server.clientEnvironment, arguments: ["--audit", "file:" + log])
        for _ in 0..<3 { #expect(self.readFile(fileMount.path("Demo", "Web", "Web Admin", "password"))) }
        #expect(fileMount.stop())
        let lines = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self).split(
            separator: "\n"
        )
        #expect(lines.count == 3)
        #expect(!lines.joined().contains("demo-web-password-2"), "a secret value reached the audit log")

        // Fail-closed: with the endpoint down, a cached secret is refused rather than read unaudited.
        let closed = try MountProcess(
            environment: server.clientEnvironment,
            arguments: ["--audit-fail", "closed", "--cache-ttl", "600"]
        )
        let path = closed.path("Demo", "Web", "Web Admin", "password")
        #expect(self.readFile(path))
        server.pause()
        errno = 0
        #expect(open(path, O_RDONLY) < 0 && errno == EACCES)
        #expect(closed.stop())
    }
}
