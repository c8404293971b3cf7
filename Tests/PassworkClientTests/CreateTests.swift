import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import TestSupport
import Testing

/// Vaults and items created here, with client-side encryption, read by the official connector.
@Suite(.serialized) struct CreateTests {
    /// The connector's venv (`make deps`), or SECRETFS_PYTHON.
    private var python: String {
        ProcessInfo.processInfo.environment["SECRETFS_PYTHON"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
    }

    @Test func itemsCreatedHereAreReadByTheConnector() async throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let client = try server.client()
        defer { Task { await client.shutdown() } }
        let reader = try await server.reader(client)
        let vaultId = try await reader.createVault(name: "Made by secretfs")
        let attachment: [UInt8] = Array("bytes \u{0} \u{ff} ✓".utf8) + [0x80, 0xFE]
        let itemId = try await reader.createItem(
            vaultId: vaultId,
            name: "Created ✓",
            login: "svc",
            tags: ["made"],
            password: SecureBytes(utf8: "p@ss ✓ \"quoted\""),
            customs: [
                .init(name: "API_KEY", value: SecureBytes(utf8: "k-1")),
                .init(name: "Note", value: SecureBytes(utf8: "text ✓"), type: "text"),
            ],
            attachments: [(name: "blob.bin", data: SecureBytes(attachment))]
        )

        // Our own reader agrees.
        let mine = try reader.decrypt(try await client.item(id: itemId))
        #expect(mine.password.unsafeString() == "p@ss ✓ \"quoted\"")

        // The connector, unmodified, decrypts the same item and attachment.
        let script = """
            import json, sys, tempfile, os
            from passwork_client import PassworkClient
            host, access, refresh, key, item_id = sys.argv[1:6]
            client = PassworkClient(host)
            client.set_tokens(access, refresh)
            client.set_master_key(key)
            item = client.get_item(item_id)
            out = tempfile.mkdtemp()
            client.download_item_attachment(item, out)
            blob = open(os.path.join(out, "blob.bin"), "rb").read().hex()
            print(json.dumps({"password": item["password"], "customs": item["customs"], "blob": blob}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: self.python)
        process.arguments = [
            "-c", script, server.credentials.host, server.credentials.accessToken, server.credentials.refreshToken,
            try #require(server.credentials.masterKey), itemId,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let read = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(read["password"] as? String == "p@ss ✓ \"quoted\"")
        let customs = try #require(read["customs"] as? [[String: String]])
        #expect(customs.map { $0["name"] ?? "" } == ["API_KEY", "Note"])
        #expect(customs.map { $0["value"] ?? "" } == ["k-1", "text ✓"])
        #expect(customs.map { $0["type"] ?? "" } == ["password", "text"])
        #expect(read["blob"] as? String == attachment.map { String(format: "%02x", $0) }.joined())

        // Deleted to the Bin, gone from reads.
        #expect(!(try await client.deleteItem(id: itemId)).isEmpty)
        await #expect(throws: ClientError.notFound("")) { try await client.item(id: itemId) }
    }
}
