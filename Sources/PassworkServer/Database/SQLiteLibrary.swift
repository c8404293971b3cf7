import CSQLite3

/// The SQLite library the server is linked against: the system's (`libsqlite3`), not a vendored copy, so
/// its version is whatever the distribution ships and is checked once, when a database is opened.
enum SQLiteLibrary {
    /// 3.35 is the first with `RETURNING`, which the repositories use on inserts and updates. Debian 12
    /// ships 3.40.
    static let minimumVersionNumber: Int32 = 3_035_000

    /// The version of the library loaded at run time, e.g. "3.40.1".
    static var version: String { String(cString: sqlite3_libversion()) }

    /// Refuses a library older than ``minimumVersionNumber``: without this, the first insert would fail
    /// with a syntax error that names no cause.
    static func checkVersion() throws(ServerError) {
        guard sqlite3_libversion_number() >= Self.minimumVersionNumber else {
            throw ServerError(
                .configuration,
                "SQLite \(Self.version) is too old: secretfs-server needs 3.35 or later (for RETURNING)"
            )
        }
    }
}
