import Logging
import PostgresNIO
import Synchronization

/// The change stamp on PostgreSQL (``SQLDatabase/changeStamp()``): a generation that moves on every
/// notification of the triggers of ``Migrations`` (the writes of any replica or CLI command, at their
/// commit) and on each of this process's own writes, as soon as they commit, without waiting for their
/// notification to come back.
///
/// A notification from another replica takes about a millisecond on a local network, so a replica may
/// serve a token revoked elsewhere that long. While the listening connection is down there is no stamp,
/// so nothing is served from a cache; each change of state moves the generation, so nothing cached before
/// a gap is served after it.
final class PostgresChangeListener: Sendable {
    private struct State {
        var generation: Int64 = 0
        var isListening = false
    }

    private let state = Mutex(State())
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// The generation while listening, else `nil`.
    var stamp: Int64? {
        self.state.withLock { $0.isListening ? $0.generation : nil }
    }

    /// Waits (at most `timeout`) until the listener listens, so that a server starts with its caches on.
    func waitUntilListening(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while self.stamp == nil, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Moves the generation: a notification came, or this process committed a write.
    func noteChange() {
        self.state.withLock { $0.generation &+= 1 }
    }

    /// Listens on one connection of the pool until the task is cancelled; a lost connection is replaced
    /// after a pause.
    func run(client: PostgresClient) async {
        while !Task.isCancelled {
            var pause = Duration.seconds(1)
            do {
                try await client.withConnection { connection in
                    // Where this deployment's tables are: the connection's own search path resolves them.
                    guard let schema = try await Self.currentSchema(connection, logger: self.logger) else {
                        // The schema is not made yet (the migrations make it): look again soon.
                        pause = .milliseconds(50)
                        return
                    }
                    try await connection.listen(on: Migrations.changeChannel) { notifications in
                        self.setListening(true)
                        for try await notification in notifications where notification.payload == schema {
                            self.noteChange()
                        }
                    }
                }
            } catch {
                if !Task.isCancelled {
                    self.logger.warning(
                        "not listening for changes; the read caches are off",
                        metadata: ["error": "\(error)"]
                    )
                }
            }
            self.setListening(false)
            try? await Task.sleep(for: pause)
        }
    }

    private static func currentSchema(_ connection: PostgresConnection, logger: Logger) async throws -> String? {
        let rows = try await connection.query("SELECT current_schema() AS name", logger: logger)
        for try await name in rows.decode(String?.self) { return name }
        return nil
    }

    private func setListening(_ listening: Bool) {
        self.state.withLock { state in
            state.isListening = listening
            state.generation &+= 1
        }
    }
}
