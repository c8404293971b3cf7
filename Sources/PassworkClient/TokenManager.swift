public import Foundation
public import PassworkModels

/// Keeps the access token alive.
///
/// - It refreshes in the background once ``ClientConfiguration/refreshAtShare`` of the access token's life
///   has passed (with jitter, so replicas of a sidecar do not all refresh at once).
/// - A request that meets `accessTokenExpired` asks for a refresh and retries once.
/// - Refresh is single-flight: however many requests wait, one refresh call goes out.
/// - The new pair is persisted (credentials file: temporary file, fsync, rename) *before* it is used: from
///   the server's answer on, the old pair is dead.
/// - Failures back off with jitter; an expired, revoked or reused refresh token is terminal
///   (``ClientError/sessionExpired(_:)``), never a retry loop.
public actor TokenManager {
    /// Sends the refresh call; returns the new pair.
    public typealias Refresher = @Sendable (_ current: Credentials) async throws(ClientError) -> TokenPairResponse
    /// Persists the credentials; called before a new pair is used.
    public typealias Persister = @Sendable (_ credentials: Credentials) throws(ClientError) -> Void

    private var credentials: Credentials
    private var inFlight: Task<Credentials, any Error>?
    private var terminal: ClientError?
    private let refresher: Refresher
    private let persister: Persister
    private let refreshAtShare: Double
    /// When the current access token was obtained (for the share of its life that has passed).
    private var obtainedAt: Date
    /// When the last successful refresh happened.
    public private(set) var lastRefresh: Date?
    /// How many refresh calls went out (for `.status` and tests).
    public private(set) var refreshCount = 0

    public init(
        credentials: Credentials,
        refreshAtShare: Double = 0.8,
        refresher: @escaping Refresher,
        persister: @escaping Persister
    ) {
        self.credentials = credentials
        self.refreshAtShare = refreshAtShare
        self.refresher = refresher
        self.persister = persister
        self.obtainedAt = Date()
    }

    /// The credentials in force.
    public var current: Credentials { self.credentials }

    /// The access token to send now.
    public func accessToken() throws(ClientError) -> String {
        if let terminal = self.terminal { throw terminal }
        return self.credentials.accessToken
    }

    /// Refreshes because `rejected` was refused as expired. If another caller already replaced that token,
    /// returns the new one without a second refresh call.
    public func refresh(replacing rejected: String) async throws(ClientError) -> String {
        if let terminal = self.terminal { throw terminal }
        if self.credentials.accessToken != rejected { return self.credentials.accessToken }
        return try await self.refreshNow().accessToken
    }

    /// One refresh, shared by every caller that asks while it is in flight.
    @discardableResult
    public func refreshNow() async throws(ClientError) -> Credentials {
        if let terminal = self.terminal { throw terminal }
        if let inFlight = self.inFlight { return try await Self.value(of: inFlight) }
        let current = self.credentials
        let refresher = self.refresher
        let persister = self.persister
        let task = Task<Credentials, any Error> {
            let pair = try await refresher(current)
            var renewed = current
            renewed.accessToken = pair.accessToken
            renewed.refreshToken = pair.refreshToken
            renewed.accessTokenExpiredAt = pair.accessTokenExpiredAt
            renewed.refreshTokenExpiredAt = pair.refreshTokenExpiredAt ?? current.refreshTokenExpiredAt
            // The old pair is dead now: keep the new one on disk before anything uses it.
            try persister(renewed)
            return renewed
        }
        self.inFlight = task
        self.refreshCount += 1
        defer { self.inFlight = nil }
        do {
            let renewed = try await Self.value(of: task)
            self.credentials = renewed
            self.obtainedAt = Date()
            self.lastRefresh = self.obtainedAt
            return renewed
        } catch {
            if error.code == .sessionExpired { self.terminal = error }
            throw error
        }
    }

    private static func value(of task: Task<Credentials, any Error>) async throws(ClientError) -> Credentials {
        do {
            return try await task.value
        } catch let error as ClientError {
            throw error
        } catch {
            throw .malformedResponse("refresh failed: \(error)")
        }
    }

    /// How long to wait before the next proactive refresh, or nil if the server gave no expiry.
    func delayUntilRefresh(now: Date = Date(), jitter: Double = Double.random(in: -0.05...0.05)) -> Duration? {
        guard let expiresAt = self.credentials.accessTokenExpiredAt else { return nil }
        let lifetime = Double(expiresAt) - self.obtainedAt.timeIntervalSince1970
        guard lifetime > 0 else { return .zero }
        let target =
            self.obtainedAt.timeIntervalSince1970 + lifetime * min(max(self.refreshAtShare + jitter, 0.1), 0.95)
        return .milliseconds(Int64(max(target - now.timeIntervalSince1970, 0) * 1000))
    }

    /// Refreshes in the background before the access token expires, until cancelled or the session ends.
    /// Tokens given without their expiry (from `PASSWORK_TOKEN`) are refreshed on demand the first time; from
    /// then on the expiry is known, which this loop looks for every `unknownExpiryRecheck`.
    public func runBackgroundRefresh(unknownExpiryRecheck: Duration = .seconds(30)) async {
        var failures = 0
        while !Task.isCancelled, self.terminal == nil {
            let delay: Duration
            if failures > 0 {
                // Exponential backoff with full jitter, capped at a minute.
                let cap = min(60.0, 0.5 * pow(2.0, Double(failures)))
                delay = .milliseconds(Int64(Double.random(in: cap / 2...cap) * 1000))
            } else if let next = self.delayUntilRefresh() {
                delay = next
            } else {
                do { try await Task.sleep(for: unknownExpiryRecheck) } catch { return }
                continue
            }
            do { try await Task.sleep(for: delay) } catch { return }
            do {
                try await self.refreshNow()
                failures = 0
            } catch {
                if self.terminal != nil { return }
                failures += 1
            }
        }
    }
}
