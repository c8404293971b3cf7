/// What `--version` of both executables prints. scripts/release-build writes the `git describe` version of the tree it builds
/// into this line for the duration of its build, so a plain `swift build` says "dev".
public enum BuildVersion {
    public static let text = "0.1.0-dev"
}
