import ArgumentParser

/// `secretfs inbox`: items sent straight to one user (`send`, `get`).
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Send items to other users, and read the ones sent to you.",
        subcommands: [InboxSend.self, InboxGet.self]
    )
}
