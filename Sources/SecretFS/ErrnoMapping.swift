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

    /// Runs `work`, answering its failure with the errno it maps to.
    static func mapping<Value>(_ work: () async throws(ClientError) -> Value) async throws(Errno) -> Value {
        do throws(ClientError) {
            return try await work()
        } catch {
            throw Self.errno(for: error)
        }
    }
}
