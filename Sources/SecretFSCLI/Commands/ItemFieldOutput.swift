import ArgumentParser
import PassworkClient
import SecretCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// What `link open` and `inbox get` print: the password, a custom field, a top-level key (as `get` does), or
/// an attachment's raw bytes.
enum ItemFieldOutput {
    /// The password when `field` is nil, else the custom field of that name, else the item's key of that name.
    /// - Throws: ``ClientError/notFound(_:)`` for an unknown field; exit 1 for an empty password.
    static func select(_ field: String?, of item: DecryptedItem) throws(ClientError) -> String {
        guard let field else {
            let password = item.password.unsafeString()
            guard !password.isEmpty else { throw ClientError.notFound("the item has no password") }
            return password
        }
        if let custom = item.customs.first(where: { $0.name == field }) { return custom.value.unsafeString() }
        do {
            if let value = try Get.topLevel(field, of: item) { return value }
        } catch {
            throw ClientError.malformedResponse("the item: \(error)")
        }
        throw ClientError.notFound("no field '\(field)' in the item")
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
