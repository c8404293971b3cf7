import ArgumentParser
import Foundation
import PassworkServer

/// `secretfs-server token revoke`: every session of a user (`--login`), or the session of one refresh or
/// access token read from a file or standard input (`--token-file`).
struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a user's sessions, or the session of one token."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Revoke every session of this user.")
    var login: String?

    @Option(help: "File holding an access or refresh token (- for standard input) whose session to revoke.")
    var tokenFile: String?

    func validate() throws {
        guard (self.login == nil) != (self.tokenFile == nil) else {
            throw ValidationError("give exactly one of --login and --token-file")
        }
    }

    func run() async throws {
        let location = try self.database.location()
        let login = self.login
        let token = try self.tokenFile.map(Self.readToken)
        let revoked = try await AdminDatabase.withRepository(location) { repository in
            if let login {
                guard let user = try await repository.user(login: login) else {
                    throw CLIError(.noSuchUser, "no user named \(login)")
                }
                return try await repository.revokeSessions(userId: user.id)
            }
            let hash = TokenGenerator.hash(token ?? "")
            let session: SessionRecord?
            if let byAccess = try await repository.session(accessHash: hash) {
                session = byAccess
            } else {
                session = try await repository.session(refreshHash: hash)
            }
            guard let session else { throw CLIError(.noSession, "no session holds this token") }
            try await repository.revokeSession(id: session.id)
            return session.revoked ? 0 : 1
        }
        try JSONOutput.write(["revoked": revoked], to: nil)
    }

    private static func readToken(_ path: String) throws -> String {
        let data =
            path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw CLIError(.unreadableInput, "cannot read \(path)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CLIError(.unreadableInput, "the token file is empty") }
        return token
    }
}
