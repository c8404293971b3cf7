import ArgumentParser

/// `secretfs unmount`.
struct Unmount: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Unmount a SecretFS mount.")

    @Argument(help: "The mount point.")
    var mountpoint: String

    func run() throws {
        guard MountPoint.unmount(self.mountpoint) else {
            printError("secretfs: cannot unmount \(self.mountpoint)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}
