import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels

/// `secretfs api`: calls any endpoint and prints the JSON answer (passwork-cli api compatible).
struct API: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Call any API endpoint and print the JSON answer.",
        discussion: """
            --endpoint is relative to /api/ (e.g. v1/vaults). --params is JSON: the query for GET (lists become \
            key[]), the body otherwise. --field extracts a key, a.b or arr[0]; on a list, from each element.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "GET, POST, PUT, PATCH or DELETE.")
    var method: String = "GET"

    @Option(help: "The endpoint, e.g. v1/vaults.")
    var endpoint: String

    @Option(help: "JSON parameters: the query for GET, the body otherwise.")
    var params: String?

    @Option(help: "Print only this field (key, a.b or arr[0]).")
    var field: String?

    func validate() throws {
        guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(self.method.uppercased()) else {
            throw ValidationError("--method must be GET, POST, PUT, PATCH or DELETE")
        }
        if let params, (try? JSONSerialization.jsonObject(with: Data(params.utf8))) as? [String: Any] == nil {
            throw ValidationError("--params must be a JSON object")
        }
    }

    func run() async throws {
        let answer: Data
        do {
            let (credentials, file) = try self.connection.resolve()
            let client = try PassworkClient(
                configuration: self.connection.configuration(host: credentials.host),
                credentials: credentials,
                credentialsFile: file
            )
            defer { Task { await client.shutdown() } }
            let parameters =
                self.params.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
            let path =
                "/api/"
                + self.endpoint.drop { $0 == "/" }.replacingOccurrences(of: "api/", with: "", options: .anchored)
            if self.method.uppercased() == "GET" {
                answer = try await client.call(method: "GET", endpoint: path, query: Self.query(parameters))
            } else {
                let body = try? JSONSerialization.data(withJSONObject: parameters)
                answer = try await client.call(method: self.method.uppercased(), endpoint: path, body: body)
            }
        } catch {
            throw fail(error)
        }
        var value: Any
        do {
            value = try JSONSerialization.jsonObject(with: answer, options: [.fragmentsAllowed])
        } catch {
            throw fail(.malformedResponse("\(self.endpoint): the body is not JSON"))
        }
        if let field = self.field { value = Self.extract(field, from: value) ?? NSNull() }
        let printed = try JSONSerialization.data(
            withJSONObject: value,
            options: [.prettyPrinted, .fragmentsAllowed, .withoutEscapingSlashes]
        )
        print(String(decoding: printed, as: UTF8.self))
    }

    static func query(_ parameters: [String: Any]) -> [QueryParameter] {
        parameters.keys.sorted().map { key in
            if let list = parameters[key] as? [Any] { return QueryParameter(key, list.map { "\($0)" }) }
            return QueryParameter(key, "\(parameters[key]!)")
        }
    }

    /// `key`, `a.b`, `arr[0]`; applied to each element of a list.
    static func extract(_ path: String, from value: Any) -> Any? {
        if let list = value as? [Any] { return list.map { Self.extract(path, from: $0) ?? NSNull() } }
        var current: Any? = value
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            if let index {
                guard let list = current as? [Any], list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }
}
