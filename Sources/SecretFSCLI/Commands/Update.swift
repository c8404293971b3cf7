import ArgumentParser
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
        let changes = ItemChanges(
            name: self.name,
            password: self.password.map { SecureBytes(utf8: $0) },
            login: self.login,
            url: self.url,
            description: self.description,
            tags: self.tags.map { CommaList.split($0) ?? [] },
            customs: try self.customs().map { ($0.name, SecureBytes(utf8: $0.value)) }
        )
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            let item = try await reader.updateItem(id: self.passwordId, changes)
            print("updated item \(item.name) (\(item.id))")
        } catch {
            throw fail(error)
        }
    }
}
