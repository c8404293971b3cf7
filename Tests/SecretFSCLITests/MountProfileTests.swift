import ArgumentParser
import Foundation
import Testing

@testable import SecretFSCLI

@Suite struct MountProfileTests {
    /// The repository's `Mounts/` folder.
    static let profilesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Mounts")

    static let shippedProfiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: profilesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    private func parseMount(_ arguments: [String]) throws -> Mount {
        let command = try SecretFSCommand.parseAsRoot(arguments)
        return try #require(command as? Mount)
    }

    private func expandingProfile(_ yaml: String, then typed: [String]) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID()).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try MountProfile.expand(["mount", "--config", path] + typed)
    }

    private func failure(_ yaml: String) -> String? {
        do {
            _ = try MountProfile(yaml: yaml, source: "p.yaml")
            return nil
        } catch {
            return error.message
        }
    }

    // A do/catch, not #expect(throws:): Swift 6.3.1 crashes compiling that macro around typed throws.
    private func expansionFailure(_ arguments: [String]) -> String? {
        do {
            _ = try MountProfile.expand(arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func theFourShippedProfilesExist() {
        #expect(
            Self.shippedProfiles == [
                "ci-job.yaml", "kubernetes-sidecar.yaml", "local-demo.yaml", "systemd-host.yaml",
            ]
        )
    }

    @Test(arguments: shippedProfiles)
    func everyShippedProfileParsesAsAMountCommand(name: String) throws {
        let path = Self.profilesFolder.appendingPathComponent(name).path
        let mount = try self.parseMount(try MountProfile.expand(["mount", "--config", path]))
        #expect(mount.mountpoint == nil)
        #expect(mount.profileMountpoint?.isEmpty == false)
        #expect(mount.connection.token == nil && mount.connection.masterKey == nil)
    }

    @Test func typedFlagsOverrideTheProfile() throws {
        let yaml = """
            # a comment, as people write them
            mountpoint: /from/profile
            cache-ttl: 5
            file-mode: 0440
            dir-mode: "0550"
            allow-other: yes
            audit: file:/var/log/secretfs.jsonl
            """
        let fromFile = try self.parseMount(try self.expandingProfile(yaml, then: []))
        #expect(fromFile.profileMountpoint == "/from/profile")
        #expect(fromFile.cacheTTL == 5)
        #expect(fromFile.fileMode == "0440")
        #expect(fromFile.dirMode == "0550")
        #expect(fromFile.allowOther)
        #expect(fromFile.audit == "file:/var/log/secretfs.jsonl")

        let typed = try self.parseMount(
            try self.expandingProfile(yaml, then: ["/typed", "--cache-ttl", "9", "--audit=off"])
        )
        #expect(typed.mountpoint == "/typed")
        #expect(typed.cacheTTL == 9)
        #expect(typed.audit == "off")
        #expect(typed.fileMode == "0440")
    }

    @Test func theConfigOptionMayBeWrittenWithAnEqualsSign() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID()).yaml").path
        try "mountpoint: /m\nforeground: true\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expanded = try MountProfile.expand(["mount", "--config=\(path)"])
        #expect(expanded == ["mount", "--profile-mountpoint", "/m", "--foreground"])
    }

    @Test func otherCommandsAndMountsWithoutAProfilePassThrough() throws {
        #expect(
            try MountProfile.expand(["exec", "--config", "x", "--", "env"]) == ["exec", "--config", "x", "--", "env"]
        )
        #expect(try MountProfile.expand(["mount", "/m", "--foreground"]) == ["mount", "/m", "--foreground"])
        #expect(try MountProfile.expand([]) == [])
    }

    @Test func falseFlagsAndEmptyValuesAddNothing() throws {
        #expect(try MountProfile(yaml: "foreground: false\naudit-spool:\n", source: "p").arguments == [])
        #expect(try MountProfile(yaml: "", source: "p").arguments == [])
        #expect(try MountProfile(yaml: "audit: \"true\"", source: "p").arguments == ["--audit", "true"])
    }

    @Test func secretsAndMalformedProfilesAreRefusedWithTheirReason() {
        #expect(self.failure("token: abc")?.contains("secret") == true)
        #expect(self.failure("master-key: abc")?.contains("secret") == true)
        #expect(self.failure("refresh-token: abc")?.contains("secret") == true)
        #expect(self.failure("config: other.yaml")?.contains("another profile") == true)
        #expect(self.failure("- mount\n- /m")?.contains("mapping") == true)
        #expect(self.failure("uid: [1, 2]")?.contains("single value") == true)
        #expect(self.failure("uid: 1\nuid: 2")?.contains("uid") == true)  // Yams names the duplicated key
        #expect(self.failure("--uid: 1")?.contains("not an option name") == true)
        #expect(self.failure("a: [unclosed")?.contains("not valid YAML") == true)
        #expect(
            self.expansionFailure(["mount", "--config", "/nonexistent/profile.yaml"])?.contains("cannot read") == true
        )
        #expect(self.expansionFailure(["mount", "--config"])?.contains("needs a file") == true)
    }

    @Test func anUnknownKeyIsAnUnknownOption() throws {
        let arguments = try self.expandingProfile("cache-tll: 5\nmountpoint: /m", then: [])
        #expect(throws: (any Error).self) { try SecretFSCommand.parseAsRoot(arguments) }
    }

    @Test func aMountWithoutAMountpointIsAUsageError() {
        #expect(throws: (any Error).self) { try SecretFSCommand.parseAsRoot(["mount", "--cache-ttl", "5"]) }
    }
}
