import ArgumentParser

/// `secretfs vault`: vault administration from the client side.
struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: "Administer vaults.",
        subcommands: [VaultShare.self]
    )
}
