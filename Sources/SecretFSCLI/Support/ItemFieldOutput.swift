import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// What `get`, `link open` and `inbox get` print of an item: the password, a custom field, a top-level key, or
/// an attachment's raw bytes. One place, so the three agree on what is found and what is missing.
enum ItemFieldOutput {
    /// The password when `field` is nil, else the custom field of that name, else the item's key of that name.
    /// - Returns: nil when the password is asked for and is empty; answer that with ``emptyPassword(_:)``.
    /// - Throws: ``ClientError/notFound(_:)`` for a field the item does not have.
    static func select(_ field: String?, of item: DecryptedItem, naming what: String) throws(ClientError) -> String? {
        guard let field else {
            let password = item.password.unsafeString()
            return password.isEmpty ? nil : password
        }
        if let custom = item.customs.first(where: { $0.name == field }) { return custom.value.unsafeString() }
        if let value = try Self.topLevel(field, of: item) { return value }
        throw ClientError.notFound("no field '\(field)' in \(what)")
    }

    /// The failure for an empty password: exit 1, not 66 (not found). The item and its password field exist,
    /// the value is empty; passwork-cli's `get` exits 1 for it too.
    static func emptyPassword(_ what: String) -> ExitCode {
        printError("secretfs: \(what) has no password")
        return ExitCode(ExitCodes.failure)
    }

    /// A top-level key of the item's JSON, as text (what passwork-cli's `--field` falls back to).
    static func topLevel(_ key: String, of item: DecryptedItem) throws(ClientError) -> String? {
        do {
            let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(item.item)) as? [String: Any]
            guard let value = json?[key], !(value is NSNull) else { return nil }
            if let text = value as? String { return text }
            let data = try JSONSerialization.data(
                withJSONObject: value,
                options: [.fragmentsAllowed, .withoutEscapingSlashes]
            )
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .malformedResponse("item \(item.item.id) as JSON: \(error)")
        }
    }

    /// Writes bytes to standard output as they are (an attachment may be binary).
    static func writeRaw(_ data: SecureBytes) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
