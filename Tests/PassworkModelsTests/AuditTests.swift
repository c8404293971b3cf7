import Foundation
import PassworkModels
import Testing

@Suite struct AuditTests {
    private let caller = AuditCaller(uid: 1000, gid: 1000, pid: 4242, exe: "/usr/bin/cat")

    private func event(id: String = "0b5c8f7e-6f5e-4d8a-9b1e-1f2d3c4b5a69", time: String = "2025-01-02T03:04:05.678Z")
        -> AuditEvent
    {
        AuditEvent(
            id: id,
            time: time,
            action: AuditAction.read,
            itemId: "i",
            vaultId: "v",
            field: "password",
            bytes: 20,
            result: AuditResult.ok,
            caller: self.caller,
            host: "build-7",
            mount: "/run/secrets"
        )
    }

    @Test func eventEncodesTheDocumentedShape() throws {
        #expect(
            try FixtureSupport.encodedJSON(self.event())
                == .object([
                    "id": .string("0b5c8f7e-6f5e-4d8a-9b1e-1f2d3c4b5a69"),
                    "time": .string("2025-01-02T03:04:05.678Z"),
                    "action": .string("read"),
                    "itemId": .string("i"),
                    "vaultId": .string("v"),
                    "field": .string("password"),
                    "bytes": .integer(20),
                    "result": .string("ok"),
                    "caller": .object([
                        "uid": .integer(1000), "gid": .integer(1000), "pid": .integer(4242),
                        "exe": .string("/usr/bin/cat"),
                    ]),
                    "host": .string("build-7"),
                    "mount": .string("/run/secrets"),
                ])
        )
    }

    @Test func actionsAndResultsArePlainStringsAndUnknownOnesArePreserved() throws {
        // What an older client or another server sends must neither be refused nor rewritten.
        let json = Data(
            #"""
            {"id":"0b5c8f7e-6f5e-4d8a-9b1e-1f2d3c4b5a69","time":"2025-01-02T03:04:05.678Z","action":"vault.export",
            "itemId":"i","vaultId":"v","bytes":0,"result":"partial","caller":{"uid":0,"gid":0,"pid":1},"host":"h"}
            """#.utf8
        )
        let event = try JSONDecoder().decode(AuditEvent.self, from: json)
        #expect(event.action == AuditAction(rawValue: "vault.export"))
        #expect(event.result == AuditResult(rawValue: "partial"))
        #expect(event.validationErrors().isEmpty)
        let encoded = try FixtureSupport.encodedJSON(event)
        #expect(encoded["action"] == .string("vault.export"))
        #expect(encoded["result"] == .string("partial"))
        #expect(
            String(decoding: try JSONEncoder().encode(AuditAction.apiItemRead), as: UTF8.self) == #""api.item.read""#
        )
        #expect(try JSONDecoder().decode(AuditResult.self, from: Data(#""denied""#.utf8)) == .denied)
    }

    /// The stored and sent names: readers of `GET audit/events` filter on them, so they never change.
    @Test func wellKnownNamesAreStable() {
        let actions: [AuditAction] = [
            .open, .read, .exec, .apiItemRead, .apiItemSearch, .apiShortcutRead, .apiShortcutSearch, .apiSnapshotRead,
            .apiSnapshotAttachmentRead, .apiAttachmentRead, .apiInboxRead, .apiLinkCreate, .apiLinkOpen,
            .tokenRefresh, .authFailed,
        ]
        #expect(
            actions.map(\.rawValue) == [
                "open", "read", "exec", "api.item.read", "api.item.search", "api.shortcut.read", "api.shortcut.search",
                "api.snapshot.read", "api.snapshot.attachment.read", "api.attachment.read", "api.inbox.read",
                "api.link.create", "api.link.open", "token.refresh", "auth.failed",
            ]
        )
        #expect([AuditResult.ok, .denied, .error].map(\.rawValue) == ["ok", "denied", "error"])
    }

    @Test func optionalFieldsAreLeftOutAndRequiredOnesEnforced() throws {
        var event = self.event()
        event.field = nil
        event.mount = nil
        event.caller.exe = nil
        let json = try FixtureSupport.encodedJSON(event)
        #expect(json["field"] == nil)
        #expect(json["mount"] == nil)
        #expect(json["caller"]?["exe"] == nil)
        #expect(try JSONDecoder().decode(AuditEvent.self, from: JSONEncoder().encode(event)) == event)

        guard case .object(var members) = json else { return }
        members["caller"] = nil
        let withoutCaller = try JSONEncoder().encode(JSONValue.object(members))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AuditEvent.self, from: withoutCaller) }
    }

    @Test func timestampsAreUTCWithMilliseconds() throws {
        // .625 is exact in binary floating point, so no rounding question arises.
        let date = Date(timeIntervalSince1970: 1_735_787_045.625)
        let text = AuditTimestamp.string(from: date)
        #expect(text == "2025-01-02T03:04:05.625Z")
        let parsed = try #require(AuditTimestamp.date(from: text))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
        #expect(AuditTimestamp.date(from: "2025-01-02T03:04:05Z") == Date(timeIntervalSince1970: 1_735_787_045))
        #expect(AuditTimestamp.date(from: "yesterday") == nil)
    }

    @Test func convenienceInitMakesAUUIDAndATimestamp() throws {
        let event = AuditEvent(
            date: Date(timeIntervalSince1970: 0),
            action: AuditAction.open,
            itemId: "i",
            vaultId: "v",
            bytes: 0,
            result: AuditResult.denied,
            caller: self.caller,
            host: "h"
        )
        #expect(UUID(uuidString: event.id) != nil)
        #expect(event.time == "1970-01-01T00:00:00.000Z")
        #expect(event.validationErrors().isEmpty)
    }

    /// A generator that counts, so that the random bits are known.
    struct CountingGenerator: RandomNumberGenerator {
        var state: UInt64 = 0x0102_0304_0506_0708
        mutating func next() -> UInt64 {
            defer { self.state &+= 0x1111_1111_1111_1111 }
            return self.state
        }
    }

    @Test func eventIdsAreVersion7UUIDsThatGrowWithTime() throws {
        // 2026-12-01T00:00:00.125Z is 1796083200125 ms = 0x01a2_2ee6_b07d.
        var generator = CountingGenerator()
        let date = Date(timeIntervalSince1970: 1_796_083_200.125)
        let id = TimeOrderedUUID.make(at: date, using: &generator)
        // The time, version 7 over the first random word's low bytes, variant 10 over the second's.
        #expect(id == "01a22ee6-b07d-7201-9918-171615141312")
        #expect(UUID(uuidString: id) != nil)
        var previous = ""
        for millisecond in 0..<50 {
            let next = TimeOrderedUUID.make(at: Date(timeIntervalSince1970: 1_796_083_200 + Double(millisecond) / 1000))
            #expect(next > previous)
            previous = next
        }
    }

    @Test func validationNamesEveryBadField() {
        var bad = self.event(id: "not-a-uuid", time: "noon")
        bad.bytes = -1
        bad.action = AuditAction(rawValue: "")
        let request = AuditEventsRequest(events: [self.event(), bad])
        let errors = request.validationErrors()
        #expect(errors.map(\.field) == ["events[1].id", "events[1].time", "events[1].action", "events[1].bytes"])
        #expect(errors.allSatisfy { $0.code == .validation })
    }

    @Test func uploadLimitIs1000() throws {
        #expect(AuditEventsRequest.maxEvents == 1000)
        let full = AuditEventsRequest(events: Array(repeating: self.event(), count: 1000))
        try full.validate()
        #expect(full.validationErrors().isEmpty)
        let over = AuditEventsRequest(events: Array(repeating: self.event(), count: 1001))
        let error = #expect(throws: PassworkModelsError.self) { try over.validate() }
        #expect(error?.code == .tooManyAuditEvents)
        #expect(
            over.validationErrors() == [ErrorDetail(code: .tooLarge, message: "at most 1000 events", field: "events")]
        )
    }

    @Test func acceptedAndPageShapes() throws {
        #expect(
            String(decoding: try JSONEncoder().encode(AuditEventsAcceptedResponse(accepted: 3)), as: UTF8.self)
                == #"{"accepted":3}"#
        )
        let lastPage = AuditEventsPage(events: [self.event()])
        #expect(try FixtureSupport.encodedJSON(lastPage)["nextCursor"] == nil)
        let page = AuditEventsPage(events: [self.event()], nextCursor: "c2")
        #expect(try JSONDecoder().decode(AuditEventsPage.self, from: JSONEncoder().encode(page)) == page)
    }

    @Test func queryRoundTripsAndValidates() throws {
        let query = AuditEventsQuery(
            itemId: "i",
            action: .read,
            from: "2025-01-01T00:00:00.000Z",
            to: "2025-01-02T00:00:00+02:00",
            cursor: "abc=",
            limit: 50
        )
        #expect(
            query.queryString
                == "itemId=i&action=read&from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-02T00%3A00%3A00%2B02%3A00"
                + "&cursor=abc%3D&limit=50"
        )
        #expect(try AuditEventsQuery(queryParameters: QueryEncoding.decode(query.queryString)) == query)
        #expect(AuditEventsQuery().effectiveLimit == AuditEventsQuery.defaultLimit)
    }

    @Test(arguments: ["limit=0", "limit=1001", "limit=ten", "from=yesterday", "to=2025-13-01T00:00:00Z"])
    func badQueriesAreRejected(_ text: String) {
        let error = #expect(throws: PassworkModelsError.self) {
            try AuditEventsQuery(queryParameters: QueryEncoding.decode(text))
        }
        #expect(error?.code == .invalidQueryParameter)
    }
}
