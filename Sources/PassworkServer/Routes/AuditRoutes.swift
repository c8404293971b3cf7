import Foundation
import PassworkModels

/// `POST /api/v1/audit/events` (at most 1,000, idempotent by id) and `GET /api/v1/audit/events` (filters and a
/// cursor). Administrators see every event; other users see the events they posted or caused.
enum AuditRoutes {
    static func routes(_ context: RouteContext) -> [APIRoute] {
        [
            APIRoute("POST", Endpoints.auditEvents, batchable: false) { request in
                let caller = try request.requireCaller()
                let body = try request.decode(AuditEventsRequest.self)
                if let first = body.validationErrors().first {
                    if first.code == .tooLarge {
                        throw ServerError(.tooLarge, first.message, field: first.field)
                    }
                    throw ServerError(.validation, first.message, field: first.field)
                }
                var seen = Set<String>()
                let records = body.events.filter { seen.insert($0.id.lowercased()).inserted }.map {
                    AuditRecord(event: $0, userId: caller.user.id)
                }
                let accepted = try await context.repository.insertAuditEvents(records, receivedAt: context.now)
                return try .json(AuditEventsAcceptedResponse(accepted: accepted))
            },
            APIRoute("GET", Endpoints.auditEvents) { request in
                let caller = try request.requireCaller()
                let query = try request.decodeQuery(AuditEventsQuery.self)
                let filter = AuditFilter(query: query, userId: caller.user.role == .admin ? nil : caller.user.id)
                // The server's own events are stored in the background; store the queued ones first, so
                // that a read made after a request sees that request's event.
                await context.audit.flush()
                return try .json(try await context.repository.auditEvents(filter))
            },
        ]
    }
}
