public import ArgumentParser
import ServiceSupport

/// `secretfs`: the root command. Each subcommand lives in its own file under `Commands/`.
public struct SecretFSCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "secretfs",
        abstract: "Mount Passwork vaults as a read-only filesystem, and inject secrets into processes.",
        version: BuildVersion.text,
        subcommands: [
            Mount.self, Unmount.self, Login.self, Logout.self, Exec.self, Get.self, Update.self, API.self,
            VaultCommand.self, LinkCommand.self, InboxCommand.self, SelfCheck.self,
        ]
    )

    public init() {}

    /// Runs the command line, with a `mount --config` profile expanded first (flags typed after it win).
    public static func main() async {
        let arguments: [String]
        do {
            arguments = try MountProfile.expand(Array(CommandLine.arguments.dropFirst()))
        } catch {
            printError("secretfs: \(error.message)")
            Self.exit(withError: ExitCode(ExitCodes.configuration))
        }
        await Self.main(arguments)
    }
}
