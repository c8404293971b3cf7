public import Foundation

/// The process that read a secret, as the FUSE layer sees it.
public struct AuditCaller: Codable, Sendable, Equatable {
    /// The caller's user id.
    public var uid: UInt32
    /// The caller's group id.
    public var gid: UInt32
    /// The caller's process id.
    public var pid: Int32
    /// The caller's executable path, when it could be read.
    public var exe: String?

    /// Creates a caller.
    public init(uid: UInt32, gid: UInt32, pid: Int32, exe: String? = nil) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.exe = exe
    }
}

/// One read (or attempted read) of a secret: an element of `POST /api/v1/audit/events`. This endpoint is ours;
/// Passwork has none. Events never carry secret values.
public struct AuditEvent: Codable, Sendable, Equatable {
    /// A UUID chosen by the client, so a retried upload never counts twice.
    public var id: String
    /// When it happened: ISO-8601 in UTC with fractional seconds, see ``AuditTimestamp``.
    public var time: String
    /// What happened, e.g. ``AuditAction/read``.
    public var action: AuditAction
    /// The item read.
    public var itemId: String
    /// The item's vault.
    public var vaultId: String
    /// The field read (`password`, a custom field's name, an attachment), when the action concerns one.
    public var field: String?
    /// How many plaintext bytes were returned.
    public var bytes: Int
    /// The outcome, e.g. ``AuditResult/ok``.
    public var result: AuditResult
    /// The reading process.
    public var caller: AuditCaller
    /// The host the mount runs on.
    public var host: String
    /// The mount point, when the read came through a mount.
    public var mount: String?

    /// Creates an event.
    public init(
        id: String,
        time: String,
        action: AuditAction,
        itemId: String,
        vaultId: String,
        field: String? = nil,
        bytes: Int,
        result: AuditResult,
        caller: AuditCaller,
        host: String,
        mount: String? = nil
    ) {
        self.id = id
        self.time = time
        self.action = action
        self.itemId = itemId
        self.vaultId = vaultId
        self.field = field
        self.bytes = bytes
        self.result = result
        self.caller = caller
        self.host = host
        self.mount = mount
    }

    /// Creates an event with a fresh time-ordered UUID (``TimeOrderedUUID``) and `date` formatted by
    /// ``AuditTimestamp``.
    public init(
        date: Date,
        action: AuditAction,
        itemId: String,
        vaultId: String,
        field: String? = nil,
        bytes: Int,
        result: AuditResult,
        caller: AuditCaller,
        host: String,
        mount: String? = nil
    ) {
        self.init(
            id: TimeOrderedUUID.make(at: date),
            time: AuditTimestamp.string(from: date),
            action: action,
            itemId: itemId,
            vaultId: vaultId,
            field: field,
            bytes: bytes,
            result: result,
            caller: caller,
            host: host,
            mount: mount
        )
    }

    /// What is wrong with the event, as error entries whose `field` is prefixed with `fieldPrefix`
    /// (e.g. `events[3].`); empty when the event is valid.
    public func validationErrors(fieldPrefix: String = "") -> [ErrorDetail] {
        var errors: [ErrorDetail] = []
        func fail(_ field: String, _ message: String) {
            errors.append(ErrorDetail(code: .validation, message: message, field: fieldPrefix + field))
        }
        if UUID(uuidString: self.id) == nil { fail("id", "must be a UUID") }
        if AuditTimestamp.date(from: self.time) == nil { fail("time", "must be an ISO-8601 date-time") }
        if self.action.rawValue.isEmpty { fail("action", "must not be empty") }
        if self.itemId.isEmpty { fail("itemId", "must not be empty") }
        if self.vaultId.isEmpty { fail("vaultId", "must not be empty") }
        if self.bytes < 0 { fail("bytes", "must not be negative") }
        if self.result.rawValue.isEmpty { fail("result", "must not be empty") }
        return errors
    }
}

/// The audit time format: ISO-8601, UTC, milliseconds, e.g. `2025-01-02T03:04:05.678Z`.
public enum AuditTimestamp {
    /// Formats `date` in UTC with fractional seconds.
    public static func string(from date: Date) -> String {
        date.formatted(Self.withFraction)
    }

    /// Parses an ISO-8601 date-time with or without fractional seconds and with `Z` or an offset.
    public static func date(from string: String) -> Date? {
        if let date = try? Self.withFraction.parse(string) { return date }
        return try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(string)
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
