import Foundation
import Testing

@testable import SecretCrypto

/// Keys a hostile or broken server could hand us, made by the `openssl` tool: each is refused with a typed
/// error, and an encrypted PEM never makes OpenSSL prompt on the terminal.
@Suite struct RSAKeyTests {
    private func openssl(_ arguments: [String]) throws -> SecureBytes {
        SecureBytes(try runProcess("/usr/bin/openssl", arguments, input: nil))
    }

    @Test func encryptedPEMIsRefusedWithoutPrompting() throws {
        let pem = try self.openssl([
            "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-aes-256-cbc", "-pass", "pass:x",
        ])
        #expect(pem.unsafeString().contains("ENCRYPTED"))
        #expect(cryptoError { try RSAPrivateKey(pem: pem) } == .invalidPrivateKey)
    }

    @Test func nonRSAKeyIsRefused() throws {
        let pem = try self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect(cryptoError { try RSAPrivateKey(pem: pem) } == .invalidPrivateKey)
    }

    @Test func keySizesOutsideTheRangeAreRefused() throws {
        let small = try self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512"])
        #expect(cryptoError { try RSAPrivateKey(pem: small) } == .unsupportedKeySize(512))
        #expect(cryptoError { try RSAPrivateKey.generate(bits: 8192) } == .unsupportedKeySize(8192))
    }

    @Test(arguments: ["", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a key"])
    func garbageIsRefused(_ text: String) {
        #expect(cryptoError { try RSAPrivateKey(pem: secret(text)) } == .invalidPrivateKey)
        #expect(cryptoError { try RSAPublicKey(pem: text) } == .invalidPublicKey)
    }

    /// Both PEM forms load: PKCS#1 (`BEGIN RSA PRIVATE KEY`, as the real web client's) and PKCS#8.
    @Test func pkcs1AndPKCS8() throws {
        let pkcs8 = try self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        let pkcs1 = SecureBytes(
            try runProcess("/usr/bin/openssl", ["rsa", "-traditional"], input: Data(pkcs8.unsafeArray()))
        )
        #expect(pkcs1.unsafeString().hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        let fromPKCS1 = try RSAPrivateKey(pem: pkcs1)
        let fromPKCS8 = try RSAPrivateKey(pem: pkcs8)
        #expect(try fromPKCS1.publicKey().pem == (try fromPKCS8.publicKey().pem))
        // A value wrapped for the key decrypts with either form, with both paddings.
        let value = secret("vault key")
        let publicKey = try fromPKCS1.publicKey()
        #expect(try fromPKCS8.decrypt(base64: try publicKey.encrypt(value)).unsafeString() == "vault key")
        #expect(try fromPKCS1.decrypt(base64: try publicKey.encryptPKCS1v15(value)).unsafeString() == "vault key")
    }

    @Test func masterKeyOptionsAreValidated() {
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:300000:64") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "scrypt:sha256:300000:64:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha512:300000:64:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:0:64:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:99999999999:64:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:1000:8:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:1000:64:") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:x:64:salt") } != nil)
        #expect(cryptoError { try MasterKeyOptions(parsing: "pbkdf:sha256:1000:64:a:b") } != nil)
        #expect((try? MasterKeyOptions(parsing: "pbkdf:SHA256:1000:64:salt"))?.iterations == 1000)
    }
}
