import Foundation
import Testing

@testable import SecretCrypto

/// Answers made by passwork-python 0.2.0's own functions (Vectors/vectors.json): the wire format, frozen.
@Suite struct KnownAnswerTests {
    let primitives: [String: Any]

    init() throws { self.primitives = try loadVector("vectors.json").object("primitives") }

    @Test func base32c() throws {
        let vectors = try self.primitives.object("base32")
        #expect(Base32C.encode(Array("U2FsdGVkX1".utf8)) == (try vectors.string("encode('U2FsdGVkX1')")))
        #expect(Base32C.encode(Array("f".utf8)) == (try vectors.string("encode('f')")))
        #expect(Base32C.encode(Array("fo".utf8)) == (try vectors.string("encode('fo')")))
        #expect(Base32C.encode(Array("foobar".utf8)) == (try vectors.string("encode('foobar')")))
        #expect(try Base32C.decode("AMT4CWV48XB6PP1H") == Array("U2FsdGVkX1".utf8))
        #expect(try Base32C.decode("amt4cwv48xb6pp1h") == Array("U2FsdGVkX1".utf8))
        // The aliases o→0, i→1, l→1, s→5 decode like the characters they stand for.
        #expect(try Base32C.decode("oils") == (try Base32C.decode("0115")))
        #expect(Base32C.encode([]) == "")
    }

    @Test func masterKeyDerivation() throws {
        let kdf = try self.primitives.object("kdf")
        let options = try MasterKeyOptions(parsing: try kdf.string("masterKeyOptions"))
        let masterKey = try MasterKey.derive(password: secret(try kdf.string("masterPassword")), options: options)
        #expect(masterKey.unsafeString() == (try kdf.string("masterKey")))
        #expect(MasterKey.hash(masterKey) == (try kdf.string("masterKeyHash_sha256hex_of_b64_string")))
        #expect(options.description == (try kdf.string("masterKeyOptions")))

        let utf8 = try self.primitives.object("kdf_utf8")
        let utf8Options = try MasterKeyOptions(iterations: 1000, length: 64, salt: try utf8.string("salt"))
        let utf8Key = try MasterKey.derive(password: secret(try utf8.string("masterPassword")), options: utf8Options)
        #expect(utf8Key.unsafeString() == (try utf8.string("masterKey")))
    }

    @Test func saltedAESBothWays() throws {
        for vector in try self.primitives.objects("aes") {
            let passphrase = secret(try vector.string("passphrase"))
            let salt = bytes(hex: try vector.string("salt_hex"))
            let keyAndIV = try SaltedAES.deriveKeyAndIV(passphrase: passphrase, salt: salt).unsafeArray()
            #expect(hex(Array(keyAndIV[0..<32])) == (try vector.string("evp_key_hex")))
            #expect(hex(Array(keyAndIV[32..<48])) == (try vector.string("evp_iv_hex")))

            let plaintext = try vector.string("plaintext")
            let wire = try CSEString.encrypt(plaintext, passphrase: passphrase, salt: salt)
            #expect(wire == (try vector.string("wire_base32")))
            #expect(String(decoding: try Base32C.decode(wire), as: UTF8.self) == (try vector.string("openssl_b64")))
            #expect(wire.hasPrefix(CSEString.prefix))
            let decrypted = try CSEString.decryptText(try vector.string("wire_base32"), passphrase: passphrase)
            #expect(decrypted.unsafeString() == plaintext)
        }
    }

    @Test func attachment() throws {
        let vector = try self.primitives.object("attachment")
        let file = bytes(hex: try vector.string("file_hex"))
        let itemKey = ItemKey(secret: secret(try vector.string("itemKey")))
        let attachmentKey = try itemKey.attachmentKey(encryptedKey: try vector.string("encryptedKey"))
        #expect(attachmentKey.secret.unsafeString() == (try vector.string("attachmentKey")))
        let data = try attachmentKey.decrypt(
            encryptedData: try vector.string("encryptedData"),
            expectedHash: try vector.string("hash_sha256_of_latin1_to_utf8")
        )
        #expect(data.unsafeArray() == file)
        #expect(AttachmentKey.hash(of: SecureBytes(file)) == (try vector.string("hash_sha256_of_latin1_to_utf8")))

        // Encryption with the pinned salt gives the connector's bytes.
        let base64Data = Base64.encode(SecureBytes(file))
        let wire = try CSEString.encrypt(
            base64Data,
            passphrase: attachmentKey.secret,
            salt: bytes(hex: try vector.string("salt_hex"))
        )
        #expect(wire == (try vector.string("encryptedData")))
    }

    @Test func clientSideEncryptionOff() throws {
        let vector = try self.primitives.object("no_cse")
        let noKey = SecureBytes(count: 0)
        #expect(try CSEString.encrypt("hello", passphrase: noKey) == (try vector.string("encrypt_aes('hello','')")))
        #expect(try CSEString.decryptText("aGVsbG8=", passphrase: noKey).unsafeString() == "hello")

        let itemKey = ItemKey(secret: noKey)
        let file = bytes(hex: try self.primitives.object("attachment").string("file_hex"))
        let encrypted = try itemKey.encryptAttachment(SecureBytes(file))
        #expect(encrypted.encryptedData == (try vector.string("attachment_encryptedData")))
        #expect(encrypted.encryptedKey == (try vector.string("attachment_encryptedKey")))
        let attachmentKey = try itemKey.attachmentKey(encryptedKey: encrypted.encryptedKey)
        let data = try attachmentKey.decrypt(encryptedData: encrypted.encryptedData, expectedHash: encrypted.hash)
        #expect(data.unsafeArray() == file)
    }
}
