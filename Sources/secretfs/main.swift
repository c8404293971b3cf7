import ArgumentParser
import SecretFSCLI

await SecretFSCommand.main()
