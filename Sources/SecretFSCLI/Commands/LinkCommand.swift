import ArgumentParser

/// `secretfs link`: share links to items (`create`, `open`).
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Create and open share links to items.",
        subcommands: [LinkCreate.self, LinkOpen.self]
    )
}
