import FuseKit
import PassworkClient

/// The one place where failures become errno values at the FUSE boundary.
enum ErrnoMapping {
    static func errno(for error: ClientError) -> Errno {
        switch error.code {
        case ClientError.notFound("").code: .noEntry
        case ClientError.forbidden("").code, ClientError.unauthorized("").code, ClientError.sessionExpired("").code:
            .accessDenied
        default: .io  // unreachable with nothing cached, malformed answers, decryption failures
        }
    }
}
