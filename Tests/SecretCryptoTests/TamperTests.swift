import Foundation
import Testing

@testable import SecretCrypto

/// Wrong keys and damaged ciphertexts: detected wherever the format allows, always as a typed error, never
/// a crash or a partial plaintext. AES-CBC has no MAC, so some damage cannot be detected; the last tests pin
/// exactly which (the README's security section says the same).
@Suite struct TamperTests {
    let key = secret(
        "ItemKey-abcdefghij0123456789@!ItemKey-abcdefghij0123456789@!ItemKey-abcdefghij0123456789@!ItemKey-ab"
    )
    let salt: [UInt8] = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]
    /// 64 ASCII bytes: four full blocks, then a block of padding.
    let message = "0123456789abcdef" + "ghijklmnopqrstuv" + "wxyzABCDEFGHIJKL" + "MNOPQRSTUVWXYZ!?"

    private func blob(_ text: String) throws -> [UInt8] {
        try Base64.decode(
            String(
                decoding: try Base32C.decode(try CSEString.encrypt(text, passphrase: self.key, salt: self.salt)),
                as: UTF8.self
            )
        )
    }

    private func wire(_ blob: [UInt8]) -> String { Base32C.encode(Base64.encode(blob).utf8) }

    /// `blob` with bit `bit` (counted from the first byte's least significant bit) inverted.
    private func flipping(_ blob: [UInt8], bit: Int) -> [UInt8] {
        var damaged = blob
        let mask: UInt8 = 1 << UInt8(bit % 8)
        damaged[bit / 8] ^= mask
        return damaged
    }

    @Test func wrongMasterKey() throws {
        let chain = try loadVector("vectors.json").object("chain")
        let privateEncrypted = try chain.object("user").string("privateEncrypted")
        #expect(
            cryptoError {
                try UserKeyring.unlock(privateEncrypted: privateEncrypted, masterKey: secret("not the master key"))
            } == CryptoError.wrongMasterKey
        )
    }

    /// A wrong key fails the padding check on this vector (it would fail UTF-8 validation in the rare case
    /// that the padding happened to pass).
    @Test func wrongItemKey() throws {
        let wire = try CSEString.encrypt("s3cr3t!", passphrase: self.key, salt: self.salt)
        #expect(
            cryptoError { try CSEString.decryptText(wire, passphrase: secret("another key")) } == CryptoError.badPadding
        )
    }

    @Test func wrongPrivateKeyForVaultKey() throws {
        let vault = try loadVector("vectors.json").object("chain").object("vault")
        let stranger = UserKeyring(privateKey: try RSAPrivateKey.generate())
        #expect(
            cryptoError {
                try stranger.vaultKey(masterKeyEncrypted: try vault.string("masterKeyEncrypted_oaep_sha256"))
            } == CryptoError.rsaDecryptionFailed
        )
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let wire: String
        let expected: CryptoError
        var testDescription: String { "\(self.expected.code)" }
    }

    static let malformed: [Malformed] = [
        // base64 "U2FsdGVkX1": not a multiple of 4
        Malformed(wire: "amt4cwv48xb6pp1h", expected: .invalidBase64),
        // 17 characters (85 bits, 5 left over): no encoding has that length
        Malformed(wire: "amt4cwv48xb6pp1h7", expected: .invalidBase32),
        // '-' is not in the alphabet
        Malformed(wire: "amt4cwv48xb6pp1h-", expected: .invalidBase32),
        // the "hello" vector cut short
        Malformed(
            wire: "amt4cwv48xb6pp1h710m2ma98h142na788w6mkhkcdx3ac22edqmettgd1r38gvd9nx4a",
            expected: .invalidBase64
        ),
        Malformed(wire: "", expected: .invalidCiphertextLength),
        // valid base32c and base64, but no Salted__ header
        Malformed(
            wire: Base32C.encode(Array("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".utf8)),
            expected: .notSaltedFormat
        ),
    ]

    @Test(arguments: Self.malformed)
    func malformedWire(_ malformed: Malformed) {
        #expect(cryptoError { try CSEString.decryptText(malformed.wire, passphrase: self.key) } == malformed.expected)
    }

    @Test func truncatedByWholeBlocks() throws {
        let blob = try self.blob(self.message)
        #expect(
            cryptoError { try CSEString.decryptText(self.wire(Array(blob[0..<16])), passphrase: self.key) }
                == CryptoError.invalidCiphertextLength
        )
        #expect(
            cryptoError { try CSEString.decryptText(self.wire(Array(blob.dropLast(5))), passphrase: self.key) }
                == CryptoError.invalidCiphertextLength
        )
        // Dropping the padding block leaves a data block last, whose "padding" does not check out.
        #expect(
            cryptoError { try CSEString.decryptText(self.wire(Array(blob.dropLast(16))), passphrase: self.key) }
                == CryptoError.badPadding
        )
    }

    /// Any flipped bit in the last two blocks changes the padding block: detected, for all 256 bits here.
    @Test func flipsInTheLastTwoBlocksAreDetected() throws {
        let blob = try self.blob(self.message)
        for bit in (blob.count - 32) * 8..<blob.count * 8 {
            let damaged = self.flipping(blob, bit: bit)
            #expect(cryptoError { try CSEString.decryptText(self.wire(damaged), passphrase: self.key) } != nil)
        }
    }

    /// A different salt gives a different key: detected.
    @Test func damagedSaltIsDetected() throws {
        var blob = try self.blob(self.message)
        blob[8] ^= 0x01
        #expect(cryptoError { try CSEString.decryptText(self.wire(blob), passphrase: self.key) } != nil)
    }

    @Test func vaultKeyHashMismatch() throws {
        let vaultKey = VaultKey(secret: secret("VaultKey0123456789@!"))
        let hash = vaultKey.hash(salt: "salt-A")
        try vaultKey.verify(salt: "salt-A", masterKeyHash: hash)
        #expect(
            cryptoError { try vaultKey.verify(salt: "salt-B", masterKeyHash: hash) } == CryptoError.vaultKeyHashMismatch
        )
        #expect(
            cryptoError {
                try VaultKey(secret: secret("another key")).verify(salt: "salt-A", masterKeyHash: hash)
            } == CryptoError.vaultKeyHashMismatch
        )
    }

    /// Data swapped in from another attachment of the same item decrypts, but its hash gives it away.
    @Test func attachmentHashMismatch() throws {
        let itemKey = ItemKey(secret: self.key)
        let first = try itemKey.encryptAttachment(SecureBytes(Array("first file".utf8)))
        let second = try itemKey.encryptAttachment(SecureBytes(Array("second file".utf8)))
        let attachmentKey = try itemKey.attachmentKey(encryptedKey: first.encryptedKey)
        #expect(
            try attachmentKey.decrypt(encryptedData: first.encryptedData, expectedHash: first.hash).unsafeString()
                == "first file"
        )
        #expect(
            cryptoError {
                try attachmentKey.decrypt(encryptedData: first.encryptedData, expectedHash: second.hash)
            } == CryptoError.attachmentHashMismatch
        )
    }

    // MARK: - What CBC without a MAC cannot detect

    /// Bytes (`is_bytes`: private keys, attachments): a flipped bit in any block but the last two garbles that
    /// block and flips the same bit in the next one, and the padding still checks out. Undetectable by the
    /// cipher; the PEM parser and the attachment hash are what catch it.
    @Test func flipsInEarlierBlocksPassUnnoticedInBytes() throws {
        let blob = try self.blob(self.message)
        let ciphertextStart = SaltedAES.headerCount
        for bit in ciphertextStart * 8..<(blob.count - 32) * 8 {
            let damaged = self.flipping(blob, bit: bit)
            let plaintext = try CSEString.decryptBytes(self.wire(damaged), passphrase: self.key).unsafeArray()
            let original = Array(self.message.utf8)
            #expect(plaintext.count == original.count)
            #expect(plaintext != original)
            // The byte in the next block, at the same offset, differs from the original in exactly that bit.
            let offset: Int = bit / 8 - ciphertextStart + 16
            let mask: UInt8 = 1 << UInt8(bit % 8)
            #expect(plaintext[offset] == original[offset] ^ mask)
        }
    }

    /// Text: the same flips are caught only because the garbled block is not valid UTF-8, which random bytes
    /// almost never are. Pinned on this vector: all 384 flips in blocks 0–2 are caught, none slips through.
    @Test func flipsInEarlierBlocksOfTextAreMostlyCaughtByUTF8() throws {
        let blob = try self.blob(self.message)
        var undetected = 0
        var invalidUTF8 = 0
        for bit in SaltedAES.headerCount * 8..<(blob.count - 32) * 8 {
            let damaged = self.flipping(blob, bit: bit)
            let outcome = Result { () throws(CryptoError) in
                try CSEString.decryptText(self.wire(damaged), passphrase: self.key).unsafeString()
            }
            switch outcome {
            case .success(let plaintext):
                #expect(plaintext != self.message)
                undetected += 1
            case .failure(let error):
                #expect(error == .invalidUTF8)
                invalidUTF8 += 1
            }
        }
        #expect(undetected + invalidUTF8 == 384)
        #expect(undetected == Self.pinnedUndetectedTextFlips)
    }

    static let pinnedUndetectedTextFlips = 0

    /// A whole ciphertext moved from one field to another of the same item (same key) decrypts cleanly: the
    /// format binds no ciphertext to its field.
    @Test func swappedFieldsAreUndetectable() throws {
        let itemKey = ItemKey(secret: self.key)
        let password = try itemKey.encryptText(secret("the password"))
        let custom = try itemKey.encryptText(secret("a custom value"))
        #expect(try itemKey.decryptText(custom).unsafeString() == "a custom value")
        #expect(try itemKey.decryptText(password).unsafeString() == "the password")
    }
}
