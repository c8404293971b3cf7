internal import COpenSSL

/// Owns an `EVP_PKEY`, freed in `deinit`.
private final class PKey: @unchecked Sendable {
    // SAFETY: an EVP_PKEY is not mutated after it is read or generated; OpenSSL allows concurrent use
    // of one key by several EVP_PKEY_CTX.
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EVP_PKEY_free(self.pointer) }

    var bits: Int { Int(EVP_PKEY_get_bits(self.pointer)) }
    var isRSA: Bool { EVP_PKEY_get_base_id(self.pointer) == EVP_PKEY_RSA }
}

/// Owns an `EVP_PKEY_CTX`, freed in `deinit`.
private final class PKeyContext {
    let pointer: OpaquePointer
    init(_ key: PKey) throws(CryptoError) {
        guard let pointer = EVP_PKEY_CTX_new(key.pointer, nil) else { throw .openSSLFailure("EVP_PKEY_CTX_new") }
        self.pointer = pointer
    }
    deinit { EVP_PKEY_CTX_free(self.pointer) }
}

/// Owns a `BIO`, freed in `deinit` (OpenSSL 3 clears a memory BIO's buffer when freeing it).
private final class MemoryBIO {
    let pointer: OpaquePointer
    init() throws(CryptoError) {
        guard let pointer = BIO_new(BIO_s_mem()) else { throw .openSSLFailure("BIO_new") }
        self.pointer = pointer
    }
    /// A read-only BIO over `bytes`, which must outlive it.
    init(reading bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard let pointer = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else {
            throw .openSSLFailure("BIO_new_mem_buf")
        }
        self.pointer = pointer
    }
    deinit { BIO_free(self.pointer) }

    func contents() -> UnsafeRawBufferPointer {
        var data: UnsafeMutablePointer<CChar>?
        let length = COpenSSL_BIO_get_mem_data(self.pointer, &data)
        return UnsafeRawBufferPointer(start: data, count: Int(length))
    }
}

/// The PEM passphrase callback: none is ever given. Without it OpenSSL would prompt on the terminal for an
/// encrypted PEM, which a hostile server could send.
private func refusePassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int32,
    _ writing: Int32,
    _ context: UnsafeMutableRawPointer?
) -> Int32 { 0 }

/// RSA sizes accepted for reading: the real fixture has 1024 bits, new keys have 2048.
private let acceptedBits = 1024...4096

private enum Padding {
    case oaepSHA256
    case pkcs1v15

    func configure(_ context: PKeyContext) -> Bool {
        switch self {
        case .pkcs1v15:
            return EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PADDING) == 1
        case .oaepSHA256:
            return EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_OAEP_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_oaep_md(context.pointer, Algorithms.sha256) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(context.pointer, Algorithms.sha256) == 1
        }
    }
}

/// A user's RSA private key: PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`) PEM, 1024–4096 bits.
public final class RSAPrivateKey: Sendable, CustomStringConvertible {
    private let key: PKey

    /// Reads a PEM private key.
    /// - Throws: ``CryptoError/invalidPrivateKey`` or ``CryptoError/unsupportedKeySize(_:)``.
    public init(pem: SecureBytes) throws(CryptoError) {
        guard pem.count > 0 else { throw .invalidPrivateKey }
        let read: OpaquePointer? = try pem.withUnsafeBytes { (bytes) throws(CryptoError) -> OpaquePointer? in
            let bio = try MemoryBIO(reading: bytes)
            return PEM_read_bio_PrivateKey(bio.pointer, nil, refusePassphrase, nil)
        }
        guard let read else {
            clearOpenSSLErrors()
            throw .invalidPrivateKey
        }
        let key = PKey(read)
        guard key.isRSA else { throw .invalidPrivateKey }
        guard acceptedBits.contains(key.bits) else { throw .unsupportedKeySize(key.bits) }
        self.key = key
    }

    private init(key: PKey) { self.key = key }

    /// A new 2048-bit (or `bits`) key pair with e = 65537, as Passwork makes for new users.
    public static func generate(bits: Int = 2048) throws(CryptoError) -> RSAPrivateKey {
        guard acceptedBits.contains(bits) else { throw .unsupportedKeySize(bits) }
        guard let generated = COpenSSL_RSA_generate(UInt32(bits)) else {
            clearOpenSSLErrors()
            throw .keyGenerationFailed
        }
        return RSAPrivateKey(key: PKey(generated))
    }

    /// The key size in bits.
    public var bits: Int { self.key.bits }

    /// The PKCS#8 PEM (`BEGIN PRIVATE KEY`), as the connector writes it, in locked memory.
    public func pkcs8PEM() throws(CryptoError) -> SecureBytes {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PrivateKey(bio.pointer, self.key.pointer, nil, nil, 0, nil, nil) == 1 else {
            clearOpenSSLErrors()
            throw .openSSLFailure("PEM_write_bio_PrivateKey")
        }
        return SecureBytes(copying: bio.contents())
    }

    /// The matching public key.
    public func publicKey() throws(CryptoError) -> RSAPublicKey {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PUBKEY(bio.pointer, self.key.pointer) == 1 else {
            clearOpenSSLErrors()
            throw .openSSLFailure("PEM_write_bio_PUBKEY")
        }
        return try RSAPublicKey(pem: String(decoding: bio.contents(), as: UTF8.self))
    }

    /// Decrypts a base64 RSA ciphertext: OAEP-SHA256 (MGF1-SHA256) first, then PKCS#1 v1.5, as the connector
    /// does (real Passwork 7 data uses v1.5; connector 0.2.0 writes OAEP).
    /// - Throws: ``CryptoError/invalidBase64`` or ``CryptoError/rsaDecryptionFailed``.
    public func decrypt(base64 ciphertext: String) throws(CryptoError) -> SecureBytes {
        let bytes = try Base64.decode(ciphertext)
        for padding in [Padding.oaepSHA256, .pkcs1v15] {
            if let plaintext = try self.decrypt(bytes, padding: padding) { return plaintext }
        }
        throw .rsaDecryptionFailed
    }

    private func decrypt(_ ciphertext: [UInt8], padding: Padding) throws(CryptoError) -> SecureBytes? {
        let context = try PKeyContext(self.key)
        guard EVP_PKEY_decrypt_init(context.pointer) == 1, padding.configure(context) else {
            clearOpenSSLErrors()
            throw .openSSLFailure("EVP_PKEY_decrypt_init")
        }
        let plaintext = SecureBytes(count: max(self.bits / 8, 1))
        var length = plaintext.count
        let status = plaintext.withUnsafeMutableBytes { out in
            ciphertext.withUnsafeBufferPointer { input in
                EVP_PKEY_decrypt(
                    context.pointer,
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    &length,
                    input.baseAddress,
                    input.count
                )
            }
        }
        guard status == 1 else {
            plaintext.wipe()
            clearOpenSSLErrors()
            return nil
        }
        plaintext.truncate(to: length)
        return plaintext
    }

    public var description: String { "<RSA private key, \(self.bits) bits, redacted>" }
}

/// An RSA public key from SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`).
public final class RSAPublicKey: Sendable, CustomStringConvertible {
    private let key: PKey
    /// The PEM text, as it travels on the wire.
    public let pem: String

    /// Reads a SubjectPublicKeyInfo PEM.
    /// - Throws: ``CryptoError/invalidPublicKey`` or ``CryptoError/unsupportedKeySize(_:)``.
    public init(pem: String) throws(CryptoError) {
        guard !pem.isEmpty else { throw .invalidPublicKey }
        let read: OpaquePointer? = try SecureBytes(utf8: pem).withUnsafeBytes { (bytes) throws(CryptoError) in
            let bio = try MemoryBIO(reading: bytes)
            return PEM_read_bio_PUBKEY(bio.pointer, nil, refusePassphrase, nil)
        }
        guard let read else {
            clearOpenSSLErrors()
            throw .invalidPublicKey
        }
        let key = PKey(read)
        guard key.isRSA else { throw .invalidPublicKey }
        guard acceptedBits.contains(key.bits) else { throw .unsupportedKeySize(key.bits) }
        self.key = key
        self.pem = pem
    }

    /// The key size in bits.
    public var bits: Int { self.key.bits }

    /// Encrypts with OAEP-SHA256 (MGF1-SHA256, empty label), as connector 0.2.0 does; returns base64.
    public func encrypt(_ plaintext: SecureBytes) throws(CryptoError) -> String {
        try self.encrypt(plaintext, padding: .oaepSHA256)
    }

    /// Encrypts with PKCS#1 v1.5, the padding of real Passwork 7 data; for tests and interop only.
    public func encryptPKCS1v15(_ plaintext: SecureBytes) throws(CryptoError) -> String {
        try self.encrypt(plaintext, padding: .pkcs1v15)
    }

    private func encrypt(_ plaintext: SecureBytes, padding: Padding) throws(CryptoError) -> String {
        let context = try PKeyContext(self.key)
        guard EVP_PKEY_encrypt_init(context.pointer) == 1, padding.configure(context) else {
            clearOpenSSLErrors()
            throw .openSSLFailure("EVP_PKEY_encrypt_init")
        }
        var output = [UInt8](repeating: 0, count: self.bits / 8)
        var length = output.count
        let empty: [UInt8] = [0]  // OpenSSL wants a valid pointer even for an empty message
        let status = plaintext.withUnsafeBytes { input in
            empty.withUnsafeBufferPointer { fallback in
                EVP_PKEY_encrypt(
                    context.pointer,
                    &output,
                    &length,
                    input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? fallback.baseAddress,
                    input.count
                )
            }
        }
        guard status == 1 else {
            clearOpenSSLErrors()
            throw .rsaEncryptionFailed
        }
        return Base64.encode(Array(output[0..<length]))
    }

    public var description: String { "<RSA public key, \(self.bits) bits>" }
}
