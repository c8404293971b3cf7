/// An attachment as uploaded inside an item create/update body.
///
/// With CSE: `encryptedKey = CSE(attachmentKey, itemKey)`, `encryptedData = CSE(base64(file), attachmentKey)`.
/// `hash` is `sha256hex` of the file's "binary string" (each byte as a code point, UTF-8 encoded).
/// Files over ``maxFileSize`` are rejected by the connector.
public struct NewAttachment: Codable, Sendable, Equatable {
    /// File name (plaintext).
    public var name: String
    /// The attachment key, encrypted; opaque here.
    public var encryptedKey: String
    /// The file, encrypted; opaque here.
    public var encryptedData: String
    /// Integrity hash of the plaintext file.
    public var hash: String

    /// The largest file the connector uploads: 5 MiB.
    public static let maxFileSize = 5 * 1024 * 1024

    /// Creates an attachment upload.
    public init(name: String, encryptedKey: String, encryptedData: String, hash: String) {
        self.name = name
        self.encryptedKey = encryptedKey
        self.encryptedData = encryptedData
        self.hash = hash
    }
}

/// Answer of `GET /api/v1/items/{id}/attachment/{attId}` and `GET /api/v1/snapshots/{id}/attachment/{attId}`.
public struct AttachmentResponse: Codable, Sendable, Equatable {
    /// The attachment's id; not always sent.
    public var id: String?
    /// File name (plaintext).
    public var name: String
    /// The attachment key, encrypted; opaque here.
    public var encryptedKey: String
    /// The file, encrypted; opaque here.
    public var encryptedData: String
    /// Integrity hash of the plaintext file; the connector checks it after decrypting.
    public var hash: String

    /// Creates the response.
    public init(id: String? = nil, name: String, encryptedKey: String, encryptedData: String, hash: String) {
        self.id = id
        self.name = name
        self.encryptedKey = encryptedKey
        self.encryptedData = encryptedData
        self.hash = hash
    }
}
