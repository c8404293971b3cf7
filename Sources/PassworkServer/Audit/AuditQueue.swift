import Foundation
import Logging
import Synchronization

/// The server's own audit events on their way to the database. A request appends and goes on: it never
/// waits for an INSERT, which used to be one of the slowest steps of an item read. ``AuditWriterService``
/// stores the events in batches, and ``flush()`` stores everything appended so far for a reader that must
/// see it (the audit endpoint).
///
/// The queue is bounded. When it is full (the database is down or slower than the requests), new events
/// are dropped and counted, and the next flush logs how many: a request is never blocked or failed for
/// its audit record. Events still queued when the process is killed are lost; a graceful shutdown
/// stores them (see ``AuditWriterService``).
final class AuditQueue: Sendable {
    /// Events stored per statement: one multi-row INSERT in one transaction.
    static let batchSize = 500

    private struct State {
        var events: [PendingAuditEvent] = []
        /// Dropped since the last flush reported them.
        var unreported = 0
        var dropped = 0
    }

    private let repository: any Repository
    private let capacity: Int
    private let host: String
    private let logger: Logger
    private let state = Mutex(State())
    /// One flush at a time, in order: a flush returns only after every flush before it has finished.
    private let flushLock = AsyncLock()
    private let wakeUpContinuation: AsyncStream<Void>.Continuation
    /// Signals to the writer: a batch is full, or its timer ticked.
    let wakeUps: AsyncStream<Void>

    init(repository: any Repository, logger: Logger, capacity: Int = 20_000) {
        self.repository = repository
        self.capacity = capacity
        self.host = ProcessInfo.processInfo.hostName
        self.logger = logger
        // Signals carry no data; one waiting is as good as many.
        (self.wakeUps, self.wakeUpContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Events dropped because the queue was full, since the start.
    var droppedCount: Int { self.state.withLock { $0.dropped } }

    /// Events waiting to be stored.
    var pendingCount: Int { self.state.withLock { $0.events.count } }

    /// Queues an event; wakes the writer when a batch is full.
    func append(_ event: PendingAuditEvent) {
        let batchIsFull = self.state.withLock { state -> Bool in
            guard state.events.count < self.capacity else {
                state.unreported += 1
                state.dropped += 1
                return false
            }
            state.events.append(event)
            return state.events.count % Self.batchSize == 0
        }
        if batchIsFull { self.wakeUp() }
    }

    /// Queues several events at once (a search's reads) under one lock; as many as fit, the rest are dropped
    /// and counted like single ones. Wakes the writer when a batch filled up.
    func append(contentsOf events: [PendingAuditEvent]) {
        let batchFilled = self.state.withLock { state -> Bool in
            let before = state.events.count
            let taken = min(events.count, max(0, self.capacity - before))
            state.events.append(contentsOf: events.prefix(taken))
            state.unreported += events.count - taken
            state.dropped += events.count - taken
            return state.events.count / Self.batchSize > before / Self.batchSize
        }
        if batchFilled { self.wakeUp() }
    }

    /// Wakes the writer (its timer).
    func wakeUp() {
        self.wakeUpContinuation.yield()
    }

    /// Ends ``wakeUps``: the writer stops after its current flush.
    func finishWakeUps() {
        self.wakeUpContinuation.finish()
    }

    /// Stores every event appended before the call, in batches of ``batchSize``. A batch the database
    /// refuses is logged and dropped, so that one bad batch cannot stall the queue.
    func flush() async {
        _ = try? await self.flushLock.withLock {
            let (events, unreported) = self.state.withLock { state in
                defer {
                    state.events = []
                    state.unreported = 0
                }
                return (state.events, state.unreported)
            }
            if unreported > 0 {
                self.logger.warning(
                    "the audit queue was full; events were dropped",
                    metadata: ["dropped": "\(unreported)", "capacity": "\(self.capacity)"]
                )
            }
            await self.store(events)
        }
    }

    private func store(_ events: [PendingAuditEvent]) async {
        var start = events.startIndex
        while start < events.endIndex {
            let end = min(start + Self.batchSize, events.endIndex)
            let batch = events[start..<end].map { $0.record(host: self.host) }
            do {
                _ = try await self.repository.insertAuditEvents(batch, receivedAt: Int64(Date().timeIntervalSince1970))
            } catch {
                self.state.withLock { $0.dropped += batch.count }
                self.logger.error(
                    "could not store audit events",
                    metadata: ["count": "\(batch.count)", "error": "\(String(reflecting: error))"]
                )
            }
            start = end
        }
    }
}
