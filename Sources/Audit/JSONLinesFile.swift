import Foundation
public import PassworkModels

#if canImport(Glibc)
    import Glibc
#endif

/// An append-only file of JSON lines, mode 0600, each append fsynced: the `file:` audit log and the spool.
struct JSONLinesFile: Sendable {
    let path: String

    /// Appends `events`, one JSON object per line, and fsyncs.
    func append(_ events: [AuditEvent]) throws(AuditError) {
        guard !events.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for event in events {
            guard let line = try? encoder.encode(event) else { continue }
            data.append(line)
            data.append(0x0A)
        }
        let directory = (self.path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        }
        let descriptor = open(self.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .spoolUnwritable(self.path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            throw .spoolUnwritable(self.path, String(cString: strerror(errno)))
        }
    }

    /// Every event in the file (lines that do not parse are skipped: a torn last line after a crash).
    func readAll() -> [AuditEvent] {
        guard let data = FileManager.default.contents(atPath: self.path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(AuditEvent.self, from: Data($0)) }
    }

    /// Empties the file (after its events were delivered).
    func clear() {
        let descriptor = open(self.path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    var count: Int { self.readAll().count }
}

/// `--audit file:PATH`: every event appended to a JSON-lines file (fsynced), never sent anywhere.
public struct FileAuditSink: AuditSink {
    private let file: JSONLinesFile

    public init(path: String) { self.file = JSONLinesFile(path: path) }

    public func record(_ event: AuditEvent) async throws(AuditError) {
        do { try self.file.append([event]) } catch { throw .logUnwritable(self.file.path, error.message) }
    }

    /// The append is synchronous anyway; a failure goes to ``record(_:)``, which reports it.
    public func recordWithoutWaiting(_ event: AuditEvent) -> Bool { (try? self.file.append([event])) != nil }

    public func pendingCount() async -> Int { 0 }
    public func close() async {}
}
