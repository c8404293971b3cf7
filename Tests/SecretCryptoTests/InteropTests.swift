import Foundation
import Synchronization
import Testing

@testable import SecretCrypto

/// Interop with independent implementations, both ways, on fresh random inputs every run:
/// the official connector (passwork-python 0.2.0, its own functions, unmodified; see Interop/connector_peer.py)
/// and the `openssl enc` command-line tool for the Salted__ format.
@Suite(.serialized) struct InteropTests {
    // MARK: - Connector encrypts, Swift decrypts

    @Test func connectorEncryptsSwiftDecrypts() throws {
        let seed = UInt32.random(in: 0...UInt32.max)
        let made = try Peer.run(["generate", String(seed)])
        let context = Comment(rawValue: "seed \(seed)")

        let texts = try made.objects("texts")
        #expect(texts.count >= 20)
        for vector in texts {
            let plaintext = try CSEString.decryptText(
                try vector.string("wire"),
                passphrase: secret(try vector.string("passphrase"))
            )
            #expect(plaintext.unsafeString() == (try vector.string("plaintext")), context)
        }
        let binaries = try made.objects("bytes")
        #expect(binaries.contains { ($0["hex"] as? String)?.count == 8192 })
        for vector in binaries {
            let plaintext = try CSEString.decryptBytes(
                try vector.string("wire"),
                passphrase: secret(try vector.string("passphrase"))
            )
            #expect(hex(plaintext.unsafeArray()) == (try vector.string("hex")), context)
        }

        let chain = try made.object("chain")
        let options = try MasterKeyOptions(parsing: try chain.string("masterKeyOptions"))
        let masterKey = try MasterKey.derive(password: secret(try chain.string("masterPassword")), options: options)
        #expect(masterKey.unsafeString() == (try chain.string("masterKey")), context)
        #expect(MasterKey.hash(masterKey) == (try chain.string("masterKeyHash")))
        let keyring = try UserKeyring.unlock(
            privateEncrypted: try chain.string("privateEncrypted"),
            masterKey: masterKey
        )
        let vaultKey = try keyring.vaultKey(masterKeyEncrypted: try chain.string("vaultMasterKeyEncrypted"))
        #expect(vaultKey.secret.unsafeString() == (try chain.string("vaultKey")))
        try vaultKey.verify(salt: try chain.string("vaultSalt"), masterKeyHash: try chain.string("vaultMasterKeyHash"))
        let itemKey = try vaultKey.itemKey(keyEncrypted: try chain.string("keyEncrypted"))
        #expect(itemKey.secret.unsafeString() == (try chain.string("itemKey")))
        #expect(
            try itemKey.decryptText(try chain.string("passwordEncrypted")).unsafeString()
                == (try chain.string("password"))
        )
        try expectCustomFields(
            try chain.objects("customs"),
            decryptTo: try chain.objects("customsPlain"),
            with: itemKey
        )
        let attachment = try chain.object("attachment")
        let data = try itemKey.attachmentKey(encryptedKey: try attachment.string("encryptedKey"))
            .decrypt(encryptedData: try attachment.string("encryptedData"), expectedHash: try attachment.string("hash"))
        #expect(hex(data.unsafeArray()) == (try chain.string("attachmentHex")))
    }

    // MARK: - Swift encrypts, connector decrypts

    @Test func swiftEncryptsConnectorDecrypts() throws {
        var generator = SystemRandomNumberGenerator()
        let lengths = [0, 1, 15, 16, 17, 255, 4095, 4096] + (0..<8).map { _ in Int.random(in: 0...4096) }
        let texts = try lengths.map { length -> (plaintext: String, passphrase: String, wire: String) in
            let plaintext = randomText(length: length, using: &generator)
            let passphrase = try RandomKey.make().unsafeString()
            return (plaintext, passphrase, try CSEString.encrypt(plaintext, passphrase: secret(passphrase)))
        }
        let binaries = try lengths.map { length -> (data: [UInt8], passphrase: String, wire: String) in
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let passphrase = try RandomKey.make().unsafeString()
            return (data, passphrase, try CSEString.encrypt(SecureBytes(data), passphrase: secret(passphrase)))
        }

        let masterKey = try MasterKey.derive(
            password: secret(randomText(length: 20, using: &generator)),
            options: try MasterKeyOptions(iterations: 1000, length: 64, salt: "AbCdEfGhIjKlMnOpQrSt")
        )
        let user = try UserKeyring.create(masterKey: masterKey)
        let vaultKey = try VaultKey.generate()
        let itemKey = try ItemKey.generate()
        let password = randomText(length: 40, using: &generator)
        let customs = [
            ("API_KEY", "k-\(UInt64.random(in: 0...UInt64.max))", "password"),
            ("Заметка ✓", randomText(length: 50, using: &generator), "text"),
        ]
        let attachment = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encryptedAttachment = try itemKey.encryptAttachment(SecureBytes(attachment))
        let request: [String: Any] = [
            "texts": texts.map { ["passphrase": $0.passphrase, "wire": $0.wire] },
            "bytes": binaries.map { ["passphrase": $0.passphrase, "wire": $0.wire] },
            "chain": [
                "masterKey": masterKey.unsafeString(),
                "privateEncrypted": user.privateEncrypted,
                "vaultMasterKeyEncrypted": try vaultKey.wrap(for: try RSAPublicKey(pem: user.publicKeyPEM)),
                "keyEncrypted": try vaultKey.wrap(itemKey),
                "passwordEncrypted": try itemKey.encryptText(secret(password)),
                "customs": try customs.map { name, value, type in
                    let encrypted = try itemKey.encryptCustomField(
                        DecryptedCustomField(name: secret(name), value: secret(value), type: secret(type))
                    )
                    return ["name": encrypted.name, "value": encrypted.value, "type": encrypted.type]
                },
                "attachment": [
                    "encryptedKey": encryptedAttachment.encryptedKey,
                    "encryptedData": encryptedAttachment.encryptedData,
                    "hash": encryptedAttachment.hash,
                ],
            ] as [String: Any],
        ]

        let answer = try Peer.run(["decrypt"], input: try JSONSerialization.data(withJSONObject: request))
        #expect(answer["texts"] as? [String] == texts.map(\.plaintext))
        #expect(answer["bytes"] as? [String] == binaries.map { hex($0.data) })
        let chain = try answer.object("chain")
        #expect(try chain.string("masterKeyHash") == MasterKey.hash(masterKey))
        #expect(try chain.string("vaultKey") == vaultKey.secret.unsafeString())
        #expect(try chain.string("itemKey") == itemKey.secret.unsafeString())
        #expect(try chain.string("password") == password)
        let decryptedCustoms = try chain.objects("customs")
        #expect(decryptedCustoms.count == customs.count)
        for (index, custom) in customs.enumerated() where index < decryptedCustoms.count {
            #expect(decryptedCustoms[index]["name"] as? String == custom.0)
            #expect(decryptedCustoms[index]["value"] as? String == custom.1)
            #expect(decryptedCustoms[index]["type"] as? String == custom.2)
        }
        #expect(try chain.string("attachmentHex") == hex(attachment))
        #expect(chain["attachmentHashMatches"] as? Bool == true)
    }

    // MARK: - openssl enc, the third peer

    @Test func opensslReadsAndWritesTheSaltedFormat() throws {
        let passphrase = try RandomKey.make().unsafeString()
        let plaintext = "OpenSSL interop ✓ " + String(repeating: "x", count: 100)
        let salt: [UInt8] = [9, 8, 7, 6, 5, 4, 3, 2]

        // openssl encrypts with the same salt: the same bytes as ours. (With an explicit -S, OpenSSL 3 leaves
        // out the Salted__ header and the salt, so those are put back before comparing.)
        let ours = try Base32C.decode(try CSEString.encrypt(plaintext, passphrase: secret(passphrase), salt: salt))
        let ciphertext = try OpenSSLTool.run(
            ["enc", "-aes-256-cbc", "-md", "md5", "-S", hex(salt), "-pass", "env:SECRETFS_TEST_PASS", "-base64", "-A"],
            input: Data(plaintext.utf8),
            passphrase: passphrase
        )
        let theirs = Array("Salted__".utf8) + salt + (try Base64.decode(String(decoding: ciphertext, as: UTF8.self)))
        #expect(Base64.encode(theirs) == String(decoding: ours, as: UTF8.self))

        // openssl decrypts what we encrypt with a random salt.
        let wire = try CSEString.encrypt(plaintext, passphrase: secret(passphrase))
        let decrypted = try OpenSSLTool.run(
            ["enc", "-d", "-aes-256-cbc", "-md", "md5", "-pass", "env:SECRETFS_TEST_PASS", "-base64", "-A"],
            input: Data(try Base32C.decode(wire)),
            passphrase: passphrase
        )
        #expect(String(decoding: decrypted, as: UTF8.self) == plaintext)
    }
}

// MARK: - Helpers

/// Characters from several scripts and planes, with combining marks, controls and emoji.
private let textAlphabet = Array(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n"
        + "пароль ключ ü é ß ø 秘密 鍵 パスワード 🔑🔐🧪 ✓ \u{301} \u{202E} \u{A0}"
)

private func randomText(length: Int, using generator: inout SystemRandomNumberGenerator) -> String {
    String((0..<length).map { _ in textAlphabet.randomElement(using: &generator)! })
}

/// Runs `Interop/connector_peer.py` with the connector's venv.
private enum Peer {
    static func run(_ arguments: [String], input: Data? = nil) throws -> [String: Any] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Interop/connector_peer.py"
        )
        let output = try runProcess(try python(), [script.path] + arguments, input: input)
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }

    /// `SECRETFS_PYTHON`, else the repository's `.venv`; `make deps` creates it.
    static func python() throws -> String {
        let fromEnvironment = ProcessInfo.processInfo.environment["SECRETFS_PYTHON"]
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = fromEnvironment ?? repository.appendingPathComponent(".venv/bin/python").path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "no Python with passwork-python at \(path): run `make deps` (or set SECRETFS_PYTHON)"
        )
        return path
    }
}

private enum OpenSSLTool {
    static func run(_ arguments: [String], input: Data, passphrase: String) throws -> Data {
        try runProcess("/usr/bin/openssl", arguments, input: input, environment: ["SECRETFS_TEST_PASS": passphrase])
    }
}
