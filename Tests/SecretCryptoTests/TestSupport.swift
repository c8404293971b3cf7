import Foundation
import SecretCrypto
import Testing

/// Loads a JSON file from the copied vectors (see Vectors/README.md).
func loadVector(_ path: String) throws -> [String: Any] {
    let url = try #require(Bundle.module.url(forResource: "Vectors/" + path, withExtension: nil))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try #require(object as? [String: Any])
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) throws -> String { try #require(self[key] as? String, "missing string '\(key)'") }
    func object(_ key: String) throws -> [String: Any] {
        try #require(self[key] as? [String: Any], "missing object '\(key)'")
    }
    func objects(_ key: String) throws -> [[String: Any]] {
        try #require(self[key] as? [[String: Any]], "missing array '\(key)'")
    }
}

func bytes(hex: String) -> [UInt8] {
    var output: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        output.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return output
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

func secret(_ text: String) -> SecureBytes { SecureBytes(utf8: text) }

/// The `CryptoError` that `body` throws, or nil if it returns or throws something else.
///
/// Used instead of `#expect(throws:)`, whose expansion around typed-throws calls crashes the Swift 6.3.1
/// compiler (SIL pass MandatoryAllocBoxToStack, after minutes of work).
func cryptoError<R>(_ body: () throws -> R) -> CryptoError? {
    do {
        _ = try body()
        return nil
    } catch let error as CryptoError {
        return error
    } catch {
        return nil
    }
}
