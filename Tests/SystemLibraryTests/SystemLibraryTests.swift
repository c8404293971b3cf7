import CFuse3
import COpenSSL
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
}
