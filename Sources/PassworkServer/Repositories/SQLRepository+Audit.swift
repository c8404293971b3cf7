import Foundation
public import PassworkModels

extension SQLRepository {
    public func insertAuditEvents(_ records: [AuditRecord], receivedAt: Int64) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        var rows: [[SQLValue]] = []
        // A batch is mostly one caller (a mount's, or the server's own): its JSON is made once per run.
        var lastCaller: (caller: AuditCaller, json: String)?
        for record in records {
            let event = record.event
            let callerJSON: String
            if let lastCaller, lastCaller.caller == event.caller {
                callerJSON = lastCaller.json
            } else {
                callerJSON = try Self.encodeJSON(event.caller)
                lastCaller = (event.caller, callerJSON)
            }
            let time = AuditTimestamp.date(from: event.time).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
            rows.append([
                .text(event.id.lowercased()), .text(event.time), .integer(time ?? 0), .text(event.action.rawValue),
                .text(event.itemId), .text(event.vaultId), .optional(event.field), .int(event.bytes),
                .text(event.result.rawValue), .text(callerJSON), .text(event.host),
                .optional(event.mount), .optional(record.userId), .integer(receivedAt),
            ])
        }
        // Each chunk is one multi-row INSERT, atomic on its own; several chunks (an upload of up to 1,000
        // events, or a batch of the server's own) share one transaction. A single statement needs no BEGIN
        // and COMMIT: on SQLite those are two more turns of the connection lock, on PostgreSQL two more
        // round trips.
        var chunks: [[[SQLValue]]] = []
        var start = 0
        for size in Self.auditInsertSizes(rows.count) {
            chunks.append(Array(rows[start..<start + size]))
            start += size
        }
        if chunks.count == 1 {
            return try await self.database.query(Self.insertAuditEvents(rowCount: rows.count), rows.flatMap { $0 })
                .count
        }
        let statements = chunks
        return try await self.database.transaction { executor in
            var inserted = 0
            for chunk in statements {
                inserted += try await executor.query(
                    Self.insertAuditEvents(rowCount: chunk.count),
                    chunk.flatMap { $0 }
                ).count
            }
            return inserted
        }
    }

    /// The row counts of the INSERTs that store `count` events, largest first, each one of a few fixed
    /// sizes: a handful of distinct statements, which SQLite prepares once and reuses. The largest, 500
    /// rows of 14 binds, is far below both engines' limit on binds.
    static func auditInsertSizes(_ count: Int) -> [Int] {
        var sizes: [Int] = []
        var left = count
        for size in [500, 100, 20, 5, 1] {
            while left >= size {
                sizes.append(size)
                left -= size
            }
        }
        return sizes
    }

    /// Inserts `rowCount` events, skipping ids already stored; returns one `seq` per new event.
    private static func insertAuditEvents(rowCount: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rowCount)
        return """
            INSERT INTO audit_events (id, time, time_ms, action, item_id, vault_id, field, bytes, result,
                caller, host, mount, user_id, received_at) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (id) DO NOTHING RETURNING seq
            """
    }

    public func auditEvents(_ filter: AuditFilter) async throws -> AuditEventsPage {
        let query = filter.query
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func add(_ condition: String, _ value: SQLValue) {
            conditions.append(condition)
            binds.append(value)
        }
        if let cursor = query.cursor {
            guard let seq = Int64(cursor) else { throw ServerError.invalid("cursor", "not a cursor from this server") }
            add("seq > ?", .integer(seq))
        }
        if let itemId = query.itemId { add("item_id = ?", .text(itemId)) }
        if let vaultId = query.vaultId { add("vault_id = ?", .text(vaultId)) }
        if let action = query.action { add("action = ?", .text(action.rawValue)) }
        if let from = query.from.flatMap(AuditTimestamp.date(from:)) {
            add("time_ms >= ?", .integer(Int64((from.timeIntervalSince1970 * 1000).rounded())))
        }
        if let to = query.to.flatMap(AuditTimestamp.date(from:)) {
            add("time_ms < ?", .integer(Int64((to.timeIntervalSince1970 * 1000).rounded())))
        }
        if let userId = filter.userId { add("user_id = ?", .text(userId)) }
        let limit = query.effectiveLimit
        var sql = "SELECT * FROM audit_events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY seq LIMIT ?"
        binds.append(.int(limit + 1))
        let rows = try await self.database.query(sql, binds)
        var events: [AuditEvent] = []
        var lastSeq: Int64 = 0
        for row in rows.prefix(limit) {
            lastSeq = try row.int64("seq")
            events.append(
                AuditEvent(
                    id: try row.string("id"),
                    time: try row.string("time"),
                    action: AuditAction(rawValue: try row.string("action")),
                    itemId: try row.string("item_id"),
                    vaultId: try row.string("vault_id"),
                    field: row.optionalString("field"),
                    bytes: try row.int("bytes"),
                    result: AuditResult(rawValue: try row.string("result")),
                    caller: try Self.decodeJSON(AuditCaller.self, try row.string("caller")),
                    host: try row.string("host"),
                    mount: row.optionalString("mount")
                )
            )
        }
        return AuditEventsPage(events: events, nextCursor: rows.count > limit ? String(lastSeq) : nil)
    }
}
