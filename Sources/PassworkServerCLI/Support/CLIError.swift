/// The one error type of `PassworkServerCLI`: a stable ``Code`` and a one-line message without secrets, which
/// ``ServerCommand`` prints as `secretfs-server: <message>` before exiting with the code's ``ExitCodes`` status.
struct CLIError: Error, CustomStringConvertible {
    /// A stable reason.
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case alreadyInitialised, userExists, noSuchUser, wrongMasterPassword, noKeys, unreadableInput
            case invalidMasterPassword, noSession, writeFailed, databaseUnavailable
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// `init` on a server that already has users.
        static var alreadyInitialised: Self { .init(.alreadyInitialised) }
        /// The login is taken.
        static var userExists: Self { .init(.userExists) }
        /// No user has this login.
        static var noSuchUser: Self { .init(.noSuchUser) }
        /// The master password does not match the user's.
        static var wrongMasterPassword: Self { .init(.wrongMasterPassword) }
        /// The user has no client-side encryption keys.
        static var noKeys: Self { .init(.noKeys) }
        /// A password or token file could not be read or is empty.
        static var unreadableInput: Self { .init(.unreadableInput) }
        /// The master password breaks ``SecretCrypto/MasterPassword``'s rule (empty, a line break, not UTF-8).
        static var invalidMasterPassword: Self { .init(.invalidMasterPassword) }
        /// No session holds the token.
        static var noSession: Self { .init(.noSession) }
        /// An output file could not be written.
        static var writeFailed: Self { .init(.writeFailed) }
        /// The database could not be opened or migrated.
        static var databaseUnavailable: Self { .init(.databaseUnavailable) }

        var description: String { self.value.rawValue }

        /// The exit status for this reason: the one place a failure of `secretfs-server` gets its number.
        var exitStatus: Int32 {
            switch self.value {
            case .noSuchUser, .noSession: ExitCodes.notFound
            case .alreadyInitialised, .userExists: ExitCodes.cannotCreate
            case .wrongMasterPassword, .noKeys: ExitCodes.dataError
            case .unreadableInput, .invalidMasterPassword: ExitCodes.configuration
            case .writeFailed: ExitCodes.ioError
            case .databaseUnavailable: ExitCodes.unavailable
            }
        }
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { self.message }
}
