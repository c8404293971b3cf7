/// HTTP header names and values of the Passwork API.
public enum PassworkHeaders {
    /// `Authorization: Bearer <accessToken>`, on every call except the single-token rotations.
    public static let authorization = "Authorization"
    /// `sha256hex(masterKey)`, sent on every call once a master key is set.
    public static let masterKeyHash = "X-Master-Key-Hash"
    /// Request header choosing the response format; ``ResponseFormat/raw`` asks for plain JSON.
    public static let responseFormat = "X-Response-Format"

    private static let bearerPrefix = "Bearer "

    /// The `Authorization` value for an access token: `Bearer <token>`.
    public static func bearer(_ accessToken: String) -> String {
        Self.bearerPrefix + accessToken
    }

    /// The token of an `Authorization: Bearer <token>` value (scheme matched case-insensitively), or `nil`.
    public static func bearerToken(fromAuthorization value: String) -> String? {
        guard value.count > Self.bearerPrefix.count,
            value.prefix(Self.bearerPrefix.count).lowercased() == Self.bearerPrefix.lowercased()
        else { return nil }
        let token = value.dropFirst(Self.bearerPrefix.count).drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }
}

/// Values of the `format` envelope field and of the `X-Response-Format` header.
public enum ResponseFormat {
    /// The default: the JSON is base64-encoded inside ``ResponseEnvelope``.
    public static let base64 = "base64"
    /// Plain JSON, requested with `X-Response-Format: raw`.
    public static let raw = "raw"
}
