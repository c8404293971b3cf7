public import ArgumentParser

/// `secretfs-server`: the Passwork-compatible secrets server and its administration commands.
public struct ServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "secretfs-server",
        abstract: "A Passwork-7-compatible secrets server on SQLite or PostgreSQL, with an audit endpoint.",
        version: BuildVersion.text,
        subcommands: [Serve.self, Init.self, UserCommand.self, TokenCommand.self, Demo.self]
    )

    public init() {}

    /// Parses the process's arguments and runs the chosen command asynchronously, exiting with its status.
    /// (Called from `main.swift`, where the synchronous `main()` would otherwise win overload resolution.)
    public static func start(_ arguments: [String]? = nil) async {
        do {
            var command = try Self.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }
}

/// `secretfs-server user …`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users and service accounts.",
        subcommands: [UserAdd.self]
    )
}

/// `secretfs-server token …`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue and revoke token pairs.",
        subcommands: [TokenIssue.self, TokenRevoke.self]
    )
}
