internal import COpenSSL

/// OpenSSL's `enc` format, which CryptoJS and Passwork use: `"Salted__" || salt(8) || AES-256-CBC(PKCS#7)`,
/// with key and IV from `EVP_BytesToKey(MD5, count 1)` over the passphrase's bytes and the salt.
/// `openssl enc -aes-256-cbc -md md5` reads and writes the same bytes.
enum SaltedAES {
    static let magic: [UInt8] = Array("Salted__".utf8)
    static let saltCount = 8
    static let headerCount = 16
    static let blockCount = 16

    /// Encrypts `plaintext` under `passphrase`; `salt` is random unless given (tests pin it).
    static func encrypt(
        _ plaintext: UnsafeRawBufferPointer,
        passphrase: SecureBytes,
        salt fixedSalt: [UInt8]? = nil
    ) throws(CryptoError) -> [UInt8] {
        var salt = fixedSalt ?? [UInt8](repeating: 0, count: Self.saltCount)
        precondition(salt.count == Self.saltCount, "the salt is 8 bytes")
        if fixedSalt == nil {
            // Array's `with…` methods are `rethrows`, which erases the error type: carry it in a `Result`.
            try salt.withUnsafeMutableBytes { buffer in Result { () throws(CryptoError) in try fillRandom(buffer) } }
                .get()
        }
        let paddedCount = (plaintext.count / Self.blockCount + 1) * Self.blockCount
        var output = Self.magic + salt + [UInt8](repeating: 0, count: paddedCount)
        let written = try output.withUnsafeMutableBytes { buffer in
            Result { () throws(CryptoError) in
                try Self.run(
                    encrypt: true,
                    passphrase: passphrase,
                    salt: salt,
                    input: plaintext,
                    output: UnsafeMutableRawBufferPointer(rebasing: buffer[Self.headerCount...])
                )
            }
        }.get()
        precondition(written == paddedCount, "AES-CBC wrote an unexpected length")
        return output
    }

    /// Decrypts a `Salted__` blob into locked memory.
    static func decrypt(_ blob: [UInt8], passphrase: SecureBytes) throws(CryptoError) -> SecureBytes {
        guard blob.count >= Self.headerCount, blob[0..<Self.saltCount].elementsEqual(Self.magic) else {
            throw blob.count < Self.headerCount ? .invalidCiphertextLength : .notSaltedFormat
        }
        let ciphertextCount = blob.count - Self.headerCount
        guard ciphertextCount > 0, ciphertextCount % Self.blockCount == 0 else { throw .invalidCiphertextLength }
        let salt = Array(blob[Self.saltCount..<Self.headerCount])
        return try blob.withUnsafeBytes { input in
            Result { () throws(CryptoError) in
                try SecureBytes.build(capacity: ciphertextCount + Self.blockCount) { (output) throws(CryptoError) in
                    try Self.run(
                        encrypt: false,
                        passphrase: passphrase,
                        salt: salt,
                        input: UnsafeRawBufferPointer(rebasing: input[Self.headerCount...]),
                        output: output
                    )
                }
            }
        }.get()
    }

    /// `EVP_BytesToKey(AES-256-CBC, MD5, salt, passphrase, count 1)`: 32 key bytes then 16 IV bytes.
    static func deriveKeyAndIV(passphrase: SecureBytes, salt: [UInt8]) throws(CryptoError) -> SecureBytes {
        let keyAndIV = SecureBytes(count: 48)
        try keyAndIV.withUnsafeMutableBytes { (out) throws(CryptoError) in
            try Self.deriveKeyAndIV(passphrase: passphrase, salt: salt, into: out)
        }
        return keyAndIV
    }

    /// Derives key and IV into `out` (48 bytes).
    private static func deriveKeyAndIV(
        passphrase: SecureBytes,
        salt: [UInt8],
        into out: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        let status = passphrase.withUnsafeBytes { pass in
            salt.withUnsafeBufferPointer { saltBytes in
                EVP_BytesToKey(
                    Algorithms.aes256CBC,
                    Algorithms.md5,
                    saltBytes.baseAddress,
                    pass.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? saltBytes.baseAddress,
                    Int32(pass.count),
                    1,
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self) + 32
                )
            }
        }
        guard status == 32 else { throw .openSSLFailure("EVP_BytesToKey") }
    }

    /// One AES-256-CBC pass with PKCS#7 padding; returns the bytes written.
    ///
    /// Key and IV live on the stack only until the context is initialised, and are cleansed right after:
    /// from then on the expanded key is in the cipher context, which OpenSSL cleanses when it is freed.
    private static func run(
        encrypt: Bool,
        passphrase: SecureBytes,
        salt: [UInt8],
        input: UnsafeRawBufferPointer,
        output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) -> Int {
        let context = try CipherContext()
        let initialised = withUnsafeTemporaryAllocation(byteCount: 48, alignment: 16) { material in
            defer { OPENSSL_cleanse(material.baseAddress, 48) }
            return Result { () throws(CryptoError) in
                try Self.deriveKeyAndIV(passphrase: passphrase, salt: salt, into: material)
                let key = material.baseAddress!.assumingMemoryBound(to: UInt8.self)
                guard
                    EVP_CipherInit_ex2(context.pointer, Algorithms.aes256CBC, key, key + 32, encrypt ? 1 : 0, nil) == 1
                else { throw .openSSLFailure("EVP_CipherInit_ex2") }
            }
        }
        try initialised.get()
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var updated: Int32 = 0
        let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(out)
        guard EVP_CipherUpdate(context.pointer, out, &updated, source, Int32(input.count)) == 1 else {
            throw .openSSLFailure("EVP_CipherUpdate")
        }
        var finished: Int32 = 0
        guard EVP_CipherFinal_ex(context.pointer, out + Int(updated), &finished) == 1 else {
            clearOpenSSLErrors()
            throw .badPadding
        }
        return Int(updated + finished)
    }
}

/// An `EVP_CIPHER_CTX`, freed (and so cleansed: OpenSSL clears the key schedule) in `deinit`.
final class CipherContext {
    let pointer: OpaquePointer

    init() throws(CryptoError) {
        guard let pointer = EVP_CIPHER_CTX_new() else { throw .openSSLFailure("EVP_CIPHER_CTX_new") }
        self.pointer = pointer
    }

    deinit { EVP_CIPHER_CTX_free(self.pointer) }
}
