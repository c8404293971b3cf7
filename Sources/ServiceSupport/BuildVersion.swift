/// What `--version` prints. scripts/release-build writes the `git describe` version of the tree it builds
/// into this line for the duration of its build, so a plain `swift build` says "dev".
enum BuildVersion {
    static let text = "0.1.0-dev"
}
