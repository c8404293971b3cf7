import Testing

@testable import SecretCrypto

/// The one rule both CLIs read a master password by.
@Suite struct MasterPasswordTests {
    /// `raw` accepted, as text.
    func accepted(_ raw: [UInt8]) throws -> String {
        try MasterPassword.accept(SecureBytes(raw)).unsafeString()
    }

    @Test func lineEndingsAtTheEndAreDroppedAllOfThem() throws {
        #expect(try self.accepted(Array("pw".utf8)) == "pw")
        #expect(try self.accepted(Array("pw\n".utf8)) == "pw")
        #expect(try self.accepted(Array("pw\r\n".utf8)) == "pw")
        // The case the two CLIs once read differently: the server kept "pw\n", the client "pw".
        #expect(try self.accepted(Array("pw\n\n".utf8)) == "pw")
        #expect(try self.accepted(Array("  spaced ✓ \n".utf8)) == "  spaced ✓ ")
    }

    @Test func emptyInnerLineBreaksAndNonUTF8AreRefused() {
        let refused: [[UInt8]] = [
            [], Array("\n".utf8), Array("\r\n\n".utf8), Array("a\nb".utf8), Array("a\rb\n".utf8), [0x70, 0xFF],
        ]
        for raw in refused {
            #expect(throws: CryptoError.invalidMasterPassword("")) { try MasterPassword.accept(SecureBytes(raw)) }
        }
    }

    @Test func theMessageNamesTheRuleNotThePassword() {
        do throws(CryptoError) {
            _ = try MasterPassword.accept(SecureBytes(Array("secret\nline".utf8)))
            Issue.record("accepted a line break")
        } catch {
            #expect(error.message.contains("line break") && !error.message.contains("secret"))
        }
    }
}
