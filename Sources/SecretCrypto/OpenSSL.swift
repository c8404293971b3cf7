internal import COpenSSL

/// Algorithms fetched once from OpenSSL's default provider. OpenSSL 3 otherwise does an implicit fetch
/// (a locked table look-up) on every `EVP_*Init` with `EVP_aes_256_cbc()` and friends.
enum Algorithms {
    // SAFETY: fetched algorithm objects are immutable and documented as safe to share between threads.
    nonisolated(unsafe) static let aes256CBC: OpaquePointer = fetchCipher("AES-256-CBC")
    nonisolated(unsafe) static let md5: OpaquePointer = fetchDigest("MD5")
    nonisolated(unsafe) static let sha256: OpaquePointer = fetchDigest("SHA256")
    nonisolated(unsafe) static let sha1: OpaquePointer = fetchDigest("SHA1")
    nonisolated(unsafe) static let sha512: OpaquePointer = fetchDigest("SHA512")

    private static func fetchCipher(_ name: String) -> OpaquePointer {
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else {
            fatalError("OpenSSL has no \(name): the default provider is not available")
        }
        return cipher
    }

    private static func fetchDigest(_ name: String) -> OpaquePointer {
        guard let digest = EVP_MD_fetch(nil, name, nil) else {
            fatalError("OpenSSL has no \(name): the default provider is not available")
        }
        return digest
    }
}

/// Empties OpenSSL's thread-local error queue, so that one failed attempt (OAEP before the PKCS#1 v1.5
/// fallback, say) does not leak into the diagnosis of the next call.
func clearOpenSSLErrors() { ERR_clear_error() }

/// Fills `buffer` from OpenSSL's CSPRNG.
func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    guard buffer.count > 0 else { return }
    guard RAND_bytes(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
        clearOpenSSLErrors()
        throw .randomUnavailable
    }
}

/// A one-shot digest context with its C state freed in `deinit`.
final class DigestContext {
    private let context: OpaquePointer

    init(_ algorithm: OpaquePointer) throws(CryptoError) {
        guard let context = EVP_MD_CTX_new() else { throw .openSSLFailure("EVP_MD_CTX_new") }
        self.context = context
        guard EVP_DigestInit_ex2(context, algorithm, nil) == 1 else { throw .openSSLFailure("EVP_DigestInit_ex2") }
    }

    deinit { EVP_MD_CTX_free(self.context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        // Cannot fail for an initialised software digest.
        _ = EVP_DigestUpdate(self.context, bytes.baseAddress, bytes.count)
    }

    func finish() -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(self.context, &output, &length)
        output.removeLast(output.count - Int(length))
        return output
    }
}

/// SHA-256 of the UTF-8 bytes fed to it, as lowercase hex: the form Passwork uses for every hash it sends.
enum SHA256Hex {
    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let digest = try! DigestContext(Algorithms.sha256)  // cannot fail once the algorithm is fetched
        digest.update(bytes)
        return hex(digest.finish())
    }

    static func of(_ secret: SecureBytes) -> String { secret.withUnsafeBytes { Self.of($0) } }

    static func of(_ text: String) -> String {
        var text = text
        return text.withUTF8 { Self.of(UnsafeRawBufferPointer($0)) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 15)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
