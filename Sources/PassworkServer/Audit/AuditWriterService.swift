import ServiceLifecycle

/// Stores the ``AuditQueue``'s events in the background: every `interval`, and as soon as a batch is full.
///
/// It is added to the application after the database service and before the HTTP server, and a service
/// group shuts its services down in reverse order. So on SIGTERM the server first finishes its in-flight
/// requests, then this service stores what they queued, and only then is the database closed.
struct AuditWriterService: Service {
    let queue: AuditQueue
    var interval: Duration = .milliseconds(100)

    func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                let queue = self.queue
                let interval = self.interval
                group.addTask {
                    while (try? await Task.sleep(for: interval)) != nil {
                        queue.wakeUp()
                    }
                }
                for await _ in queue.wakeUps {
                    await queue.flush()
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.queue.finishWakeUps()
        }
        // The requests are over (or the service was cancelled): store what is left.
        await self.queue.flush()
    }
}
