import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto

/// `secretfs update`: changes an item's fields, encrypting on this machine (passwork-cli update compatible).
struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change an item's fields; secrets are encrypted here before they are sent.",
        discussion: """
            "" clears a field (an empty name is refused). --custom-NAME VALUE (or --custom-NAME=VALUE) sets a \
            custom field: an existing one keeps its type, a new one is a password field. Unlike passwork-cli, \
            which silently ignores existing custom fields that are not passwords, every type can be changed.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The item's id.")
    var passwordId: String

    @Option(help: "New name.")
    var name: String?

    @Option(help: "New password.")
    var password: String?

    @Option(help: "New login.")
    var login: String?

    @Option(help: "New URL.")
    var url: String?

    @Option(help: "New description.")
    var description: String?

    @Option(help: "New tags, comma-separated.")
    var tags: String?

    @Argument(parsing: .allUnrecognized, help: "--custom-NAME VALUE pairs.")
    var customArguments: [String] = []

    /// The custom fields asked for, in order.
    func customs() throws -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var index = 0
        while index < self.customArguments.count {
            let argument = self.customArguments[index]
            guard argument.hasPrefix("--custom-"), argument.count > "--custom-".count else {
                throw ValidationError("unknown argument '\(argument)'")
            }
            let body = argument.dropFirst("--custom-".count)
            if let equals = body.firstIndex(of: "=") {
                result.append((String(body[..<equals]), String(body[body.index(after: equals)...])))
                index += 1
            } else {
                guard index + 1 < self.customArguments.count else { throw ValidationError("\(argument) needs a value") }
                result.append((String(body), self.customArguments[index + 1]))
                index += 2
            }
        }
        return result
    }

    func validate() throws {
        if self.name == "" { throw ValidationError("the name cannot be empty") }
        let changes: [String?] = [self.name, self.password, self.login, self.url, self.description, self.tags]
        let customs = try self.customs()
        guard changes.contains(where: { $0 != nil }) || !customs.isEmpty else {
            throw ValidationError("nothing to update: give at least one field")
        }
    }

    func run() async throws {
        let requested = try self.customs()
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let item = try await reader.client.item(id: self.passwordId)
            let key = try reader.itemKey(for: item)
            var request = ItemUpdateRequest(vaultId: item.vaultId)
            request.name = self.name
            request.login = self.login
            request.url = self.url
            request.description = self.description
            request.tags = self.tags.map { Exec.list($0) ?? [] }
            request.keyEncrypted = item.keyEncrypted
            do {
                if let password = self.password {
                    request.passwordEncrypted = try key.encryptText(SecureBytes(utf8: password))
                }
                if !requested.isEmpty {
                    var fields = try reader.decrypt(item).customs.map {
                        SecretReader.NewCustomField(name: $0.name, value: $0.value, type: $0.type)
                    }
                    for (name, value) in requested {
                        if let index = fields.firstIndex(where: { $0.name == name }) {
                            let existing = fields[index]
                            fields[index] = .init(name: name, value: SecureBytes(utf8: value), type: existing.type)
                        } else {
                            fields.append(.init(name: name, value: SecureBytes(utf8: value)))
                        }
                    }
                    request.customs = try fields.map { (field) throws(CryptoError) in try field.encrypted(with: key) }
                }
            } catch {
                throw ClientError.decryptionFailed("item \(item.id) for the update")
            }
            let body = try JSONEncoder().encodeForRequest(request)
            _ = try await reader.client.call(method: "PATCH", endpoint: Endpoints.item.path(item.id), body: body)
            print("updated item \(item.name) (\(item.id))")
        } catch {
            throw fail(error)
        }
    }
}

extension JSONEncoder {
    fileprivate func encodeForRequest(_ value: some Encodable) throws(ClientError) -> Data {
        do { return try self.encode(value) } catch {
            throw .invalidConfiguration("cannot encode the request: \(error)")
        }
    }
}
