extension KeyedDecodingContainer {
    /// Decodes `key`, or returns `fallback` when the key is missing or holds JSON `null`.
    ///
    /// A value of the wrong type still throws, so malformed responses are not hidden.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key, default fallback: T) throws -> T {
        try self.decodeIfPresent(type, forKey: key) ?? fallback
    }
}
