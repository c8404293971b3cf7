/// Body of `POST /api/v1/audit/events`: at most ``maxEvents`` events.
public struct AuditEventsRequest: Codable, Sendable, Equatable {
    /// The events to record; ids already recorded are ignored.
    public var events: [AuditEvent]

    /// The most events one upload may carry.
    public static let maxEvents = 1_000

    /// Creates the body.
    public init(events: [AuditEvent]) {
        self.events = events
    }

    /// Throws ``PassworkModelsError/Code/tooManyAuditEvents`` when over the limit.
    public func validate() throws(PassworkModelsError) {
        guard self.events.count <= Self.maxEvents else {
            throw PassworkModelsError(
                .tooManyAuditEvents,
                "an upload carries at most \(Self.maxEvents) events, got \(self.events.count)"
            )
        }
    }

    /// Everything wrong with the upload, ready for an ``ErrorEnvelope``: `tooLarge` on `events` when over
    /// the limit, else one `validation` entry per bad field, named like `events[3].time`.
    public func validationErrors() -> [ErrorDetail] {
        guard self.events.count <= Self.maxEvents else {
            return [ErrorDetail(code: .tooLarge, message: "at most \(Self.maxEvents) events", field: "events")]
        }
        return self.events.enumerated().flatMap { index, event in
            event.validationErrors(fieldPrefix: "events[\(index)].")
        }
    }
}

/// Answer of `POST /api/v1/audit/events`.
public struct AuditEventsAcceptedResponse: Codable, Sendable, Equatable {
    /// How many of the events were new (not recorded before).
    public var accepted: Int

    /// Creates the response.
    public init(accepted: Int) {
        self.accepted = accepted
    }
}

/// Query of `GET /api/v1/audit/events`; every filter is optional.
public struct AuditEventsQuery: QueryParametersConvertible, Equatable {
    /// Only events for this item.
    public var itemId: String?
    /// Only events in this vault.
    public var vaultId: String?
    /// Only events with this action.
    public var action: AuditAction?
    /// Only events at or after this ISO-8601 time.
    public var from: String?
    /// Only events before this ISO-8601 time.
    public var to: String?
    /// The ``AuditEventsPage/nextCursor`` of the previous page.
    public var cursor: String?
    /// Page size, 1...``maxLimit``; the server uses ``defaultLimit`` when unset.
    public var limit: Int?

    /// The page size when `limit` is not given.
    public static let defaultLimit = 100
    /// The largest page size.
    public static let maxLimit = 1_000

    /// Creates the query.
    public init(
        itemId: String? = nil,
        vaultId: String? = nil,
        action: AuditAction? = nil,
        from: String? = nil,
        to: String? = nil,
        cursor: String? = nil,
        limit: Int? = nil
    ) {
        self.itemId = itemId
        self.vaultId = vaultId
        self.action = action
        self.from = from
        self.to = to
        self.cursor = cursor
        self.limit = limit
    }

    /// The set filters, in declaration order.
    public var queryParameters: [QueryParameter] {
        let pairs: [(String, String?)] = [
            ("itemId", self.itemId), ("vaultId", self.vaultId), ("action", self.action?.rawValue), ("from", self.from),
            ("to", self.to), ("cursor", self.cursor), ("limit", self.limit.map(String.init)),
        ]
        return pairs.compactMap { name, value in value.map { QueryParameter(name, $0) } }
    }

    /// Reads the query; `limit` must be an integer in 1...``maxLimit`` and `from`/`to` ISO-8601 times.
    public init(queryParameters: [String: [String]]) throws(PassworkModelsError) {
        let reader = QueryReader(queryParameters)
        self.itemId = reader.string("itemId")
        self.vaultId = reader.string("vaultId")
        self.action = reader.string("action").map(AuditAction.init(rawValue:))
        self.from = reader.string("from")
        self.to = reader.string("to")
        self.cursor = reader.string("cursor")
        self.limit = try reader.int("limit")
        if let limit = self.limit, !(1...Self.maxLimit).contains(limit) {
            throw PassworkModelsError(.invalidQueryParameter, "limit must be between 1 and \(Self.maxLimit)")
        }
        for (name, value) in [("from", self.from), ("to", self.to)] {
            if let value, AuditTimestamp.date(from: value) == nil {
                throw PassworkModelsError(.invalidQueryParameter, "\(name) must be an ISO-8601 date-time")
            }
        }
    }

    /// ``limit`` or ``defaultLimit``.
    public var effectiveLimit: Int {
        self.limit ?? Self.defaultLimit
    }
}

/// Answer of `GET /api/v1/audit/events`: one page, oldest first.
public struct AuditEventsPage: Codable, Sendable, Equatable {
    /// The events on this page.
    public var events: [AuditEvent]
    /// Pass as ``AuditEventsQuery/cursor`` to get the next page; absent on the last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(events: [AuditEvent], nextCursor: String? = nil) {
        self.events = events
        self.nextCursor = nextCursor
    }
}
