import Foundation
import SecretCrypto
import Testing

/// RFC 6238 appendix B, and the forms a Passwork TOTP field takes.
@Suite struct TOTPTests {
    private func base32(_ text: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = ""
        var bits: UInt32 = 0
        var count = 0
        for byte in text.utf8 {
            bits = (bits << 8) | UInt32(byte)
            count += 8
            while count >= 5 {
                count -= 5
                output.append(alphabet[Int((bits >> UInt32(count)) & 31)])
            }
        }
        if count > 0 { output.append(alphabet[Int((bits << UInt32(5 - count)) & 31)]) }
        return output
    }

    @Test(arguments: [
        (Int64(59), "94287082", "46119246", "90693936"),
        (Int64(1_111_111_109), "07081804", "68084774", "25091201"),
        (Int64(1_234_567_890), "89005924", "91819424", "93441116"),
        (Int64(20_000_000_000), "65353130", "77737706", "47863826"),
    ])
    func rfc6238(time: Int64, sha1: String, sha256: String, sha512: String) throws {
        let secrets = [
            ("SHA1", "12345678901234567890", sha1),
            ("SHA256", "12345678901234567890123456789012", sha256),
            ("SHA512", "1234567890123456789012345678901234567890123456789012345678901234", sha512),
        ]
        for (algorithm, secret, expected) in secrets {
            let uri =
                "otpauth://totp/Example:alice?secret=\(self.base32(secret))&algorithm=\(algorithm)&digits=8&period=30"
            let totp = try TOTP(field: SecureBytes(utf8: uri))
            #expect(totp.code(at: time) == expected, "\(algorithm) at \(time)")
        }
    }

    @Test func rawSecretDefaultsToSixDigitsSHA1() throws {
        let raw = try TOTP(field: SecureBytes(utf8: " jbsw y3dp ehpk 3pxp "))
        let uri = try TOTP(field: SecureBytes(utf8: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"))
        #expect(raw.digits == 6 && raw.period == 30 && raw.algorithm == .sha1)
        #expect(raw.code(at: 1_700_000_000) == uri.code(at: 1_700_000_000))
        #expect(raw.code(at: 1_700_000_000).count == 6)
        #expect(raw.secondsRemaining(at: 1_700_000_020) == 20)
    }

    @Test(arguments: [
        "", "not base32!", "otpauth://hotp/x?secret=JBSWY3DP", "otpauth://totp/x?algorithm=MD5&secret=JBSWY3DP",
    ])
    func invalidFields(_ text: String) {
        #expect(throws: CryptoError.self) { _ = try TOTP(field: SecureBytes(utf8: text)) }
    }
}
