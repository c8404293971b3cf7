internal import COpenSSL

/// Time-based one-time passwords (RFC 6238), as `passwork-cli get --totp-code` and the mount's `totp` files
/// compute them. The field holds a raw base32 secret or an `otpauth://totp/...` URI (algorithm SHA1, SHA256
/// or SHA512, digits, period).
public struct TOTP: Sendable {
    public enum Algorithm: String, Sendable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    public let algorithm: Algorithm
    public let digits: Int
    public let period: Int
    private let secret: SecureBytes

    /// Parses a field value: a base32 secret (RFC 4648 alphabet, case and spaces ignored, padding optional)
    /// or an `otpauth://totp/LABEL?secret=…&algorithm=…&digits=…&period=…` URI.
    /// - Throws: ``CryptoError/invalidTOTP(_:)``.
    public init(field: SecureBytes) throws(CryptoError) {
        let text = field.unsafeString().trimmingWhitespace()
        var algorithm = Algorithm.sha1
        var digits = 6
        var period = 30
        var secretText = text
        if text.lowercased().hasPrefix("otpauth://") {
            guard text.lowercased().hasPrefix("otpauth://totp/") || text.lowercased().hasPrefix("otpauth://totp?")
            else {
                throw .invalidTOTP("only otpauth://totp URIs are supported")
            }
            guard let query = text.split(separator: "?", maxSplits: 1).dropFirst().first else {
                throw .invalidTOTP("the URI has no secret")
            }
            secretText = ""
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0].lowercased() {
                case "secret": secretText = parts[1]
                case "algorithm":
                    guard let parsed = Algorithm(rawValue: parts[1].uppercased()) else {
                        throw .invalidTOTP("algorithm must be SHA1, SHA256 or SHA512")
                    }
                    algorithm = parsed
                case "digits":
                    guard let parsed = Int(parts[1]), (6...10).contains(parsed) else {
                        throw .invalidTOTP("digits must be 6 to 10")
                    }
                    digits = parsed
                case "period":
                    guard let parsed = Int(parts[1]), (1...3600).contains(parsed) else {
                        throw .invalidTOTP("period must be 1 to 3600 seconds")
                    }
                    period = parsed
                default: continue
                }
            }
        }
        self.secret = try Self.decodeBase32(secretText)
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    /// The code for `unixTime` (seconds), zero-padded to ``digits``.
    public func code(at unixTime: Int64) -> String {
        var counter = UInt64(max(unixTime, 0) / Int64(self.period)).bigEndian
        let digest: OpaquePointer =
            switch self.algorithm {
            case .sha1: Algorithms.sha1
            case .sha256: Algorithms.sha256
            case .sha512: Algorithms.sha512
            }
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        self.secret.withUnsafeBytes { key in
            withUnsafeBytes(of: &counter) { message in
                _ = HMAC(
                    digest,
                    key.baseAddress,
                    Int32(key.count),
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    message.count,
                    &mac,
                    &length
                )
            }
        }
        let offset = Int(mac[Int(length) - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt64 = 1
        for _ in 0..<self.digits { modulus *= 10 }
        let value = String(UInt64(binary) % modulus)
        return String(repeating: "0", count: self.digits - value.count) + value
    }

    /// Seconds until the code at `unixTime` changes.
    public func secondsRemaining(at unixTime: Int64) -> Int { self.period - Int(unixTime % Int64(self.period)) }

    /// RFC 4648 base32 (A–Z, 2–7), case-insensitive, spaces and `=` padding ignored.
    private static func decodeBase32(_ text: String) throws(CryptoError) -> SecureBytes {
        var bits: UInt32 = 0
        var count = 0
        var output: [UInt8] = []
        for character in text.utf8 where character != UInt8(ascii: " ") && character != UInt8(ascii: "=") {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default: throw .invalidTOTP("the secret is not base32")
            }
            bits = (bits << 5) | UInt32(value)
            count += 5
            if count >= 8 {
                count -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        guard !output.isEmpty else { throw .invalidTOTP("the secret is empty") }
        defer { output.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        return SecureBytes(output)
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
