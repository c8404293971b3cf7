import FuseKit
import PassworkClient

/// The one place where failures become errno values at the FUSE boundary.
enum ErrnoMapping {
    static func errno(for error: ClientError) -> Errno {
        switch error.category {
        case .notFound: .noEntry
        case .noPermission: .accessDenied
        // Unreachable with nothing cached, malformed answers, decryption failures.
        case .unavailable, .temporaryFailure, .protocolError, .dataError, .configuration, .refused: .io
        }
    }
}
