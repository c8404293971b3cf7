import ArgumentParser

/// How the server's certificate is checked, for every command that connects (with or without a login).
struct TLSOptions: ParsableArguments {
    @Option(help: "PEM file of CA certificates to trust instead of the system's.")
    var caFile: String?

    @Flag(help: "Do not verify the server's TLS certificate.")
    var insecure = false
}
