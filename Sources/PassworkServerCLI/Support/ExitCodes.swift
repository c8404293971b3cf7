import PassworkServer

/// Every exit status `secretfs-server` uses: the sysexits.h numbers `secretfs` uses for the same kinds of
/// failure, so a script reads either CLI's status the same way. The README lists them.
enum ExitCodes {
    /// Anything not listed below.
    static let failure: Int32 = 1
    /// Wrong usage (argument-parser's own code for validation errors).
    static let usage: Int32 = 64
    /// The master password is wrong, or the user has no keys it could unlock.
    static let dataError: Int32 = 65
    /// No such user, or no session holds the token.
    static let notFound: Int32 = 66
    /// The database cannot be opened or reached.
    static let unavailable: Int32 = 69
    /// What the command would create exists already: `init` on a database with users, a login taken.
    static let cannotCreate: Int32 = 73
    /// An output file cannot be written.
    static let ioError: Int32 = 74
    /// The master password or token file cannot be read or is refused; the server's configuration is unusable.
    static let configuration: Int32 = 78

    /// The status for a failure that is not argument-parser's own (those keep its codes: 64, or 0 for help).
    static func code(for error: any Error) -> Int32 {
        if let error = error as? CLIError { return error.code.exitStatus }
        if let error = error as? ServerError {
            if error.code == .configuration { return Self.configuration }
            if error.code == .database { return Self.unavailable }
        }
        return Self.failure
    }
}
