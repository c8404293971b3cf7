/// One GET parameter as the connector builds it: a scalar becomes `name=value`, a list becomes one
/// `name[]=value` per element (PHP style); an empty list sends nothing.
public struct QueryParameter: Sendable, Equatable {
    /// A parameter's value.
    public enum Value: Sendable, Equatable {
        /// Sent once as `name=value`.
        case scalar(String)
        /// Sent as repeated `name[]=value`.
        case list([String])
    }

    /// The name, without `[]`.
    public var name: String
    /// The value.
    public var value: Value

    /// Creates a parameter.
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// Creates a scalar parameter.
    public init(_ name: String, _ value: String) {
        self.init(name: name, value: .scalar(value))
    }

    /// Creates a list parameter.
    public init(_ name: String, _ values: [String]) {
        self.init(name: name, value: .list(values))
    }
}

/// A GET query that both the client (to send) and the server (to read) use.
public protocol QueryParametersConvertible: Sendable {
    /// The parameters to send, in the connector's order; unset fields are left out.
    var queryParameters: [QueryParameter] { get }

    /// Reads the query from ``QueryEncoding/decode(_:)`` output (which already merged `key[]` into `key`).
    init(queryParameters: [String: [String]]) throws(PassworkModelsError)
}

extension QueryParametersConvertible {
    /// The encoded query string, without the leading `?`.
    public var queryString: String {
        QueryEncoding.encode(self.queryParameters)
    }
}

/// Typed access to decoded query parameters, with errors that name the parameter.
struct QueryReader {
    private let parameters: [String: [String]]

    init(_ parameters: [String: [String]]) {
        self.parameters = parameters
    }

    /// The last value given for `name` (PHP semantics for repeated scalars).
    func string(_ name: String) -> String? {
        self.parameters[name]?.last
    }

    /// Every value given for `name`, or `nil` when it was not given at all.
    func list(_ name: String) -> [String]? {
        self.parameters[name]
    }

    func int(_ name: String) throws(PassworkModelsError) -> Int? {
        guard let text = self.string(name) else { return nil }
        guard let value = Int(text) else {
            throw PassworkModelsError(.invalidQueryParameter, "\(name) must be an integer")
        }
        return value
    }

    func intList(_ name: String) throws(PassworkModelsError) -> [Int]? {
        guard let texts = self.list(name) else { return nil }
        var values: [Int] = []
        for text in texts {
            guard let value = Int(text) else {
                throw PassworkModelsError(.invalidQueryParameter, "\(name) must be a list of integers")
            }
            values.append(value)
        }
        return values
    }

    func bool(_ name: String) throws(PassworkModelsError) -> Bool? {
        guard let text = self.string(name) else { return nil }
        switch text.lowercased() {
        case "1", "true": return true
        case "0", "false", "": return false
        default: throw PassworkModelsError(.invalidQueryParameter, "\(name) must be 1 or 0")
        }
    }
}
