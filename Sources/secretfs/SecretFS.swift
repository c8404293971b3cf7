import ArgumentParser
import SecretFSCLI

/// The `secretfs` executable: the command tree lives in SecretFSCLI, so tests can run it in-process.
@main
extension SecretFSCommand {}
