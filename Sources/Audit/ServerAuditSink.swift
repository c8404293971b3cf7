import Foundation
public import PassworkClient
public import PassworkModels
import Synchronization

/// Sends events to the server's audit endpoint (`POST /api/v1/audit/events`) in batches.
///
/// Fail-open (the default): `record` queues in memory and returns; a background task sends every
/// `interval`. A batch the server does not take is appended to the spool file (fsynced, 0600), and the spool
/// is replayed first on every later round. Every event has a UUID, and the server stores a replayed id once,
/// so a batch that was delivered but whose answer was lost does no harm when it is sent again.
/// (Events still in memory when the process is killed are lost; at most one interval's worth.)
///
/// Fail-closed: `record` sends the event itself and returns only once the server accepted it.
public final class ServerAuditSink: AuditSink {
    public enum Mode: Sendable {
        case failOpen
        case failClosed
    }

    private let client: PassworkClient
    private let spool: JSONLinesFile
    private let mode: Mode
    private let queue = Mutex<[AuditEvent]>([])
    private let flusher = Mutex<Task<Void, Never>?>(nil)
    private let interval: Duration

    public init(
        client: PassworkClient,
        spoolPath: String,
        mode: Mode = .failOpen,
        interval: Duration = .milliseconds(500)
    ) {
        self.client = client
        self.spool = JSONLinesFile(path: spoolPath)
        self.mode = mode
        self.interval = interval
    }

    /// Starts the background sender (fail-open mode).
    public func start() {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: self?.interval ?? .seconds(1))
                await self?.flush()
            }
        }
        self.flusher.withLock { $0 = task }
    }

    public func record(_ event: AuditEvent) async throws(AuditError) {
        switch self.mode {
        case .failOpen:
            self.queue.withLock { $0.append(event) }
        case .failClosed:
            do {
                try await self.send([event])
            } catch {
                throw .notAccepted(error.message)
            }
        }
    }

    public func recordWithoutWaiting(_ event: AuditEvent) -> Bool {
        guard self.mode == .failOpen else { return false }
        self.queue.withLock { $0.append(event) }
        return true
    }

    public func pendingCount() async -> Int { self.queue.withLock { $0.count } + self.spool.count }

    /// One round: the spool first, then what is queued; whatever fails goes (back) to the spool.
    public func flush() async {
        let spooled = self.spool.readAll()
        if !spooled.isEmpty {
            guard (try? await self.send(spooled)) != nil else {
                self.spoolQueued()
                return
            }
            self.spool.clear()
        }
        let batch = self.queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        guard !batch.isEmpty else { return }
        if (try? await self.send(batch)) == nil { try? self.spool.append(batch) }
    }

    private func spoolQueued() {
        let batch = self.queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        try? self.spool.append(batch)
    }

    public func close() async {
        self.flusher.withLock { $0?.cancel() }
        await self.flush()
    }

    private func send(_ events: [AuditEvent]) async throws(ClientError) {
        for start in stride(from: 0, to: events.count, by: AuditEventsRequest.maxEvents) {
            let chunk = Array(events[start..<min(start + AuditEventsRequest.maxEvents, events.count)])
            _ = try await self.client.call(
                AuditEventsAcceptedResponse.self,
                method: "POST",
                endpoint: Endpoints.auditEvents.path(),
                body: AuditEventsRequest(events: chunk)
            )
        }
    }
}
