import ArgumentParser
import Foundation
import PassworkClient
import PassworkModels
import SecretCrypto
import SecretTree

#if canImport(Glibc)
    import Glibc
#endif

/// `secretfs exec`: runs a command with secrets in its environment, named as `passwork-cli exec` names them.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a command with secrets in its environment (passwork-cli exec compatible).",
        discussion: """
            Selectors are comma lists; --vault-id, --folder-id and --tags are AND-combined into one search. \
            Each item gives its password as NAME (non-alphanumerics become _, P_ in front unless it starts with \
            a letter) and each text or password custom field as its own name. The command runs directly, \
            replacing secretfs, so its exit code and signals are its own; --shell runs it through /bin/sh -c.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Item ids, comma-separated.")
    var passwordId: String?

    @Option(help: "Shortcut ids, comma-separated.")
    var shortcutId: String?

    @Option(help: "Vault ids to search, comma-separated.")
    var vaultId: String?

    @Option(help: "Folder ids to search, comma-separated.")
    var folderId: String?

    @Option(help: "Tags to search, comma-separated.")
    var tags: String?

    @Option(name: .customLong("env"), help: "NAME=pw://VAULT/FOLDER/ITEM/FIELD: one file of the mount tree as NAME.")
    var references: [String] = []

    @Option(help: "A file of NAME=pw://… lines (# comments and blank lines allowed).")
    var envFile: String?

    @Flag(help: "Start the command with only the secrets (and PATH), not this process's environment.")
    var noInheritEnv = false

    @Flag(help: "Run the command through /bin/sh -c.")
    var shell = false

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
    var command: [String] = []

    func validate() throws {
        guard !self.command.isEmpty else { throw ValidationError("give the command to run after --") }
        guard self.selectsItems || !self.references.isEmpty || self.envFile != nil else {
            throw ValidationError("No password ID or search criteria provided")
        }
        for reference in self.references { _ = try Self.parseReference(reference) }
    }

    private var selectsItems: Bool {
        self.passwordId != nil || self.shortcutId != nil || self.vaultId != nil || self.folderId != nil
            || self.tags != nil
    }

    func run() async throws {
        var variables: [(name: String, value: String)] = []
        var references = try self.references.map(Self.parseReference)
        if let envFile = self.envFile { references += try Self.readReferences(envFile) }
        do throws(ClientError) {
            let reader = try await self.connection.connect()
            defer { Task { await reader.client.shutdown() } }
            if self.selectsItems {
                let items = try await self.fetch(reader.client)
                guard !items.isEmpty else { throw ClientError.notFound("no items matched") }
                variables = ExecEnvironment.variables(
                    for: try items.map { item throws(ClientError) in try reader.decrypt(item) }
                )
            }
            if !references.isEmpty {
                // Names resolve exactly as the mount names them, with no mount.
                let tree = SecretTree(source: RemoteSource(reader: reader), options: TreeOptions(host: ""))
                for (name, path) in references {
                    variables.append((name, try await tree.read(path: path).unsafeString()))
                }
            }
        } catch {
            throw fail(error)
        }
        var environment = self.noInheritEnv ? [:] : ProcessInfo.processInfo.environment
        if self.noInheritEnv, let path = ProcessInfo.processInfo.environment["PATH"] { environment["PATH"] = path }
        for (name, value) in variables { environment[name] = value }
        let arguments = self.shell ? ["/bin/sh", "-c", self.command.joined(separator: " ")] : self.command
        throw ExitCode(ProcessReplacement.exec(arguments, environment: environment))
    }

    /// The items the selectors name: ids through batch (one id through `items/{id}`), else one search.
    private func fetch(_ client: PassworkClient) async throws(ClientError) -> [Item] {
        if let ids = CommaList.split(self.passwordId) {
            if ids.count == 1 { return [try await client.item(id: ids[0])] }
            return try await client.items(ids: ids)
        }
        if let ids = CommaList.split(self.shortcutId) {
            if ids.count == 1 { return [try await client.shortcutItem(id: ids[0])] }
            return try await client.shortcutItems(ids: ids)
        }
        let query = ItemSearchQuery(
            tags: CommaList.split(self.tags),
            vaultIds: CommaList.split(self.vaultId),
            folderIds: CommaList.split(self.folderId)
        )
        let found = try await client.searchItems(query)
        return found.isEmpty ? [] : try await client.items(ids: found.map(\.id))
    }

    /// `NAME=pw://VAULT/…/FIELD` → the name and the path's file names.
    static func parseReference(_ text: String) throws -> (name: String, path: [String]) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ValidationError("--env wants NAME=pw://…, not '\(text)'")
        }
        let name = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let target = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, target.hasPrefix("pw://") else {
            throw ValidationError("--env wants NAME=pw://…, not '\(text)'")
        }
        let path = target.dropFirst("pw://".count).split(separator: "/", omittingEmptySubsequences: true).map(
            String.init
        )
        guard path.count >= 2 else { throw ValidationError("'\(target)' names no file: pw://VAULT/…/ITEM/FIELD") }
        return (name, path)
    }

    static func readReferences(_ path: String) throws -> [(name: String, path: [String])] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the env file \(path)")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return try Self.parseReference(trimmed.hasPrefix("export ") ? String(trimmed.dropFirst(7)) : trimmed)
        }
    }
}

/// Replaces this process with another program (`execve`), looking it up on PATH as a shell would.
enum ProcessReplacement {
    /// Returns only on failure: 127 when the program is not found, 126 when it cannot be run.
    static func exec(_ arguments: [String], environment: [String: String]) -> Int32 {
        guard let program = arguments.first, let path = self.resolve(program, path: environment["PATH"]) else {
            printError("secretfs: \(arguments.first ?? ""): command not found")
            return ExitCodes.commandNotFound
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve(path, argv, envp)
        let reason = String(cString: strerror(errno))
        printError("secretfs: \(program): \(reason)")
        return errno == ENOENT ? ExitCodes.commandNotFound : ExitCodes.cannotExecute
    }

    static func resolve(_ program: String, path: String?) -> String? {
        if program.contains("/") { return program }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
