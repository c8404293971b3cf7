import ArgumentParser
import Foundation
import SecretCrypto

/// `secretfs self-check`: runs the crypto core's known-answer tests on this machine's OpenSSL and reports
/// whether secret memory can be locked. A quick way to tell a broken install from a broken server.
struct SelfCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-check",
        abstract: "Run the crypto core's known-answer tests against this machine's OpenSSL."
    )

    /// Answers made by passwork-python 0.2.0's own functions (Tests/SecretCryptoTests/Vectors); they must never change.
    private static let checks: [(name: String, run: @Sendable () throws -> Bool)] = [
        (
            "base32c encode/decode",
            {
                try Base32C.encode(Array("foobar".utf8)) == "ctqpyrk1e8"
                    && (try Base32C.decode("AMT4CWV48XB6PP1H")) == Array("U2FsdGVkX1".utf8)
            }
        ),
        (
            "CSE string, pinned salt",
            {
                let key = SecureBytes(utf8: "Q8%3DayLjM5C!#o29!r61GK3oXwwzlQ7")
                let wire = try CSEString.encrypt("hello", passphrase: key, salt: [0, 1, 2, 3, 4, 5, 6, 7])
                return try wire == "amt4cwv48xb6pp1h710m2ma98h142na788w6mkhkcdx3ac22edqmettgd1r38gvd9nx4af8"
                    && (try CSEString.decryptText(wire, passphrase: key)).unsafeString() == "hello"
            }
        ),
        (
            "PBKDF2 master key (UTF-8 password)",
            {
                let options = try MasterKeyOptions(iterations: 1000, length: 64, salt: "AbCdEfGhIjKlMnOpQrSt")
                let key = try MasterKey.derive(password: SecureBytes(utf8: "пароль-ü"), options: options)
                return key.unsafeString()
                    == "BUGPmM6a4UNgieFC9QT7o8LuH3Nl1OQIaQPCIrZdxxYJojzV5xw/V9xH7/NlASyIFu+CVsKcVJo0weay0U9/fw=="
            }
        ),
        (
            "RSA-2048 generate, OAEP-SHA256 round trip",
            {
                let key = try RSAPrivateKey.generate()
                let vaultKey = try VaultKey.generate()
                let unwrapped = try key.decrypt(base64: try vaultKey.wrap(for: try key.publicKey()))
                return unwrapped.constantTimeEquals(vaultKey.secret)
            }
        ),
        (
            "wrong key is refused",
            {
                let wire = try CSEString.encrypt("secret", passphrase: SecureBytes(utf8: "right"))
                do {
                    _ = try CSEString.decryptText(wire, passphrase: SecureBytes(utf8: "wrong"))
                    return false
                } catch { return true }
            }
        ),
    ]

    func run() async throws {
        var failed = 0
        for check in Self.checks {
            let start = ContinuousClock.now
            let passed = (try? check.run()) ?? false
            let elapsed = ContinuousClock.now - start
            if !passed { failed += 1 }
            print("\(passed ? "ok  " : "FAIL") \(check.name) (\(elapsed.formatted(.units(allowed: [.milliseconds]))))")
        }
        let probe = SecureBytes(count: 1)
        print("info secret memory locked in RAM: \(probe.isLocked ? "yes" : "no (RLIMIT_MEMLOCK too low)")")
        guard failed == 0 else {
            print("\(failed) of \(Self.checks.count) checks failed")
            throw ExitCode(ExitCodes.selfCheckFailed)
        }
        print("all \(Self.checks.count) checks passed")
    }
}
