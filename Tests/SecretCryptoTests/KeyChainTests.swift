import Foundation
import Testing

@testable import SecretCrypto

/// The whole chain, master password to attachment: connector-made (`chain` in vectors.json) and
/// real-web-client-made (`upstream-fixture/`).
@Suite struct KeyChainTests {
    @Test func connectorChain() throws {
        let chain = try loadVector("vectors.json").object("chain")
        let options = try MasterKeyOptions(parsing: try chain.string("masterKeyOptions"))
        let masterKey = try MasterKey.derive(password: secret(try chain.string("masterPassword")), options: options)
        #expect(masterKey.unsafeString() == (try chain.string("masterKey")))
        #expect(MasterKey.hash(masterKey) == (try chain.string("masterKeyHash")))

        let user = try chain.object("user")
        let keyring = try UserKeyring.unlock(
            privateEncrypted: try user.string("privateEncrypted"),
            masterKey: masterKey
        )
        #expect(keyring.privateKey.bits == 2048)
        #expect(try keyring.privateKey.publicKey().pem == (try user.string("public")))
        #expect(try keyring.privateKey.pkcs8PEM().unsafeString() == (try user.string("private_pkcs8")))

        let vault = try chain.object("vault")
        for padding in ["masterKeyEncrypted_oaep_sha256", "masterKeyEncrypted_pkcs1v15"] {
            let vaultKey = try keyring.vaultKey(masterKeyEncrypted: try vault.string(padding))
            #expect(vaultKey.secret.unsafeString() == (try vault.string("vaultKey")), "\(padding)")
        }
        let vaultKey = try keyring.vaultKey(masterKeyEncrypted: try vault.string("masterKeyEncrypted_oaep_sha256"))

        let item = try chain.object("item")
        let itemKey = try vaultKey.itemKey(keyEncrypted: try item.string("keyEncrypted"))
        #expect(itemKey.secret.unsafeString() == (try item.string("itemKey")))
        #expect(
            try itemKey.decryptText(try item.string("passwordEncrypted")).unsafeString()
                == (try item.string("password"))
        )
        // With the vector's pinned salt, our encryption is the connector's, byte for byte.
        let salt = bytes(hex: "0011223344556677")
        #expect(
            try itemKey.encryptText(secret(try item.string("password")), salt: salt)
                == (try item.string("passwordEncrypted"))
        )
        #expect(try vaultKey.wrap(itemKey, salt: salt) == (try item.string("keyEncrypted")))

        try expectCustomFields(try item.objects("customs"), decryptTo: try item.objects("customs_plain"), with: itemKey)

        let attachment = try item.object("attachment")
        let attachmentKey = try itemKey.attachmentKey(encryptedKey: try attachment.string("encryptedKey"))
        #expect(attachmentKey.secret.unsafeString() == (try item.string("attachmentKey")))
        let data = try attachmentKey.decrypt(
            encryptedData: try attachment.string("encryptedData"),
            expectedHash: try attachment.string("hash")
        )
        #expect(hex(data.unsafeArray()) == (try item.string("attachment_plain_hex")))
    }

    /// The connector's saved-session file: `base64(CSE(json, key))`.
    @Test func sessionFile() throws {
        let session = try loadVector("vectors.json").object("chain").object("session_file")
        let wire = String(decoding: try Base64.decode(try session.string("file_content")), as: UTF8.self)
        let json = try CSEString.decryptText(wire, passphrase: secret(try session.string("encryption_key")))
        #expect(json.unsafeString() == (try session.string("json")))
    }

    /// Ciphertexts made by a real Passwork 7 web client: a 1024-bit PKCS#1 key, a PKCS#1 v1.5-wrapped vault key,
    /// and a 32-character item key.
    @Test func realWebClientFixture() throws {
        let expected = try loadVector("upstream-fixture/expected.json")
        let keys = try loadVector("upstream-fixture/user_keys_response.json").object("keys")
        let item = try loadVector("upstream-fixture/item_response.json")
        let masterKey = secret(try expected.string("masterKey"))
        #expect(MasterKey.hash(masterKey) == (try expected.string("masterKeyHash")))

        let keyring = try UserKeyring.unlock(
            privateEncrypted: try keys.string("privateEncrypted"),
            masterKey: masterKey
        )
        #expect(keyring.privateKey.bits == 1024)
        #expect(
            try keyring.privateKey.publicKey().pem.trimmingCharacters(in: .whitespacesAndNewlines)
                == (try keys.string("public"))
        )
        let vaultKey = try keyring.vaultKey(masterKeyEncrypted: try item.string("vaultMasterKeyEncrypted"))
        #expect(vaultKey.secret.unsafeString() == (try expected.string("vaultKey")))
        let itemKey = try vaultKey.itemKey(keyEncrypted: try item.string("keyEncrypted"))
        #expect(itemKey.secret.unsafeString() == (try expected.string("itemKey")))
        #expect(
            try itemKey.decryptText(try item.string("passwordEncrypted")).unsafeString()
                == (try expected.string("password"))
        )

        try expectCustomFields(try item.objects("customs"), decryptTo: try expected.objects("customs"), with: itemKey)
        let attachment = try #require(try item.objects("attachments").first)
        let attachmentKey = try itemKey.attachmentKey(encryptedKey: try attachment.string("encryptedKey"))
        #expect(attachmentKey.secret.unsafeString() == (try expected.string("attachmentKey_test.txt")))
    }

    /// A new user and vault made here unwrap again through the same chain; the vault hash checks out.
    @Test func newUserAndVault() throws {
        let masterKey = try RandomKey.make(length: 88)
        let created = try UserKeyring.create(masterKey: masterKey)
        #expect(created.privateEncrypted.hasPrefix(CSEString.prefix))
        let keyring = try UserKeyring.unlock(privateEncrypted: created.privateEncrypted, masterKey: masterKey)
        let vaultKey = try VaultKey.generate()
        let salt = try RandomKey.make(length: RandomKey.saltLength).unsafeString()
        let wrapped = try vaultKey.wrap(for: try RSAPublicKey(pem: created.publicKeyPEM))
        let unwrapped = try keyring.vaultKey(masterKeyEncrypted: wrapped)
        #expect(unwrapped.secret.constantTimeEquals(vaultKey.secret))
        try unwrapped.verify(salt: salt, masterKeyHash: vaultKey.hash(salt: salt))
        #expect(vaultKey.hash(salt: salt) == PassworkHash.sha256Hex(vaultKey.secret.unsafeString() + salt))
    }

    @Test func randomKeysUseThePassworkAlphabet() throws {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@!".utf8)
        var seen = Set<UInt8>()
        for _ in 0..<50 {
            let key = try RandomKey.make().unsafeArray()
            #expect(key.count == 100)
            #expect(key.allSatisfy(allowed.contains))
            seen.formUnion(key)
        }
        // 5,000 draws from 64 characters: every character shows up unless the generator is broken.
        #expect(seen == allowed)
        #expect(try RandomKey.make().unsafeArray() != (try RandomKey.make().unsafeArray()))
    }
}
