import PassworkServerCLI

/// Runs `secretfs-server`; every command lives in PassworkServerCLI.
await ServerCommand.start()
