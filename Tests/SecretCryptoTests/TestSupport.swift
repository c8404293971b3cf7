import Foundation
import SecretCrypto
import Synchronization
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

/// Decrypts each encrypted custom field (`name`, `value`, `type`) with `itemKey` and expects the plaintext
/// field at the same position.
func expectCustomFields(
    _ encrypted: [[String: Any]],
    decryptTo plain: [[String: Any]],
    with itemKey: ItemKey,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(encrypted.count == plain.count, sourceLocation: sourceLocation)
    for (custom, expected) in zip(encrypted, plain) {
        let field = try itemKey.decryptCustomField(
            name: try custom.string("name"),
            value: try custom.string("value"),
            type: try custom.string("type")
        )
        #expect(field.name.unsafeString() == (try expected.string("name")), sourceLocation: sourceLocation)
        #expect(field.value.unsafeString() == (try expected.string("value")), sourceLocation: sourceLocation)
        #expect(field.type.unsafeString() == (try expected.string("type")), sourceLocation: sourceLocation)
    }
}

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

/// Runs a program, feeds `input`, and returns its standard output; a non-zero exit fails the test with stderr.
func runProcess(_ executable: String, _ arguments: [String], input: Data?, environment: [String: String] = [:])
    throws -> Data
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Write and read on separate threads, so neither side blocks on a full pipe.
    let writer = Thread {
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let errors = Mutex<Data>(Data())
    let errorReader = Thread { errors.withLock { $0 = stderr.fileHandleForReading.readDataToEndOfFile() } }
    errorReader.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errorReader.isExecuting || !errorReader.isFinished { usleep(1000) }
    let message = errors.withLock { String(decoding: $0, as: UTF8.self) }
    try #require(process.terminationStatus == 0, "\(executable) \(arguments.first ?? "") failed: \(message)")
    return output
}
