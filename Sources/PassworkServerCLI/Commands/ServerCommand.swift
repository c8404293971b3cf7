public import ArgumentParser
import Foundation
import PassworkServer
import ServiceSupport

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
        } catch let error as CLIError {
            Self.fail(error.message, status: ExitCodes.code(for: error))
        } catch let error as ServerError {
            Self.fail(error.message, status: ExitCodes.code(for: error))
        } catch {
            // argument-parser's own (usage 64, help 0) and anything unforeseen (1), printed its way.
            Self.exit(withError: error)
        }
    }

    /// One line on standard error, then the status from ``ExitCodes``.
    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("secretfs-server: \(message)\n".utf8))
        Self.exit(withError: ExitCode(status))
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
