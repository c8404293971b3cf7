public import ArgumentParser

/// `secretfs`: the root command. Each subcommand lives in its own file under `Commands/`.
public struct SecretFSCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "secretfs",
        abstract: "Mount Passwork vaults as a read-only filesystem, and inject secrets into processes.",
        version: "0.1.0",
        subcommands: [
            Mount.self, Unmount.self, Login.self, Logout.self, Exec.self, Get.self, Update.self, API.self,
            VaultCommand.self, SelfCheck.self,
        ]
    )

    public init() {}
}
