import CFuse3
import COpenSSL
import CSQLite3
import Testing

/// The C modules link against the libraries the project is pinned to.
@Suite struct SystemLibraryTests {
    @Test func libfuseIsAtLeastThePinnedAPI() {
        // The shim pins FUSE_USE_VERSION to 3.14; an older runtime library would lack symbols we bind.
        #expect(FUSE_USE_VERSION == 314)
        #expect(fuse_version() >= 314)
    }

    @Test func openSSLIsVersion3() {
        #expect(OpenSSL_version_num() >= 0x3000_0000)
    }

    @Test func sqliteHasReturning() {
        // The server's repositories use RETURNING (3.35); Debian 12 ships 3.40.
        #expect(sqlite3_libversion_number() >= 3_035_000)
        #expect(sqlite3_threadsafe() != 0)  // the handles open connections with SQLITE_OPEN_FULLMUTEX
    }
}
