public import Foundation
public import PassworkModels
import SecretCrypto
import Synchronization

/// A client of the Passwork 7 API (and of `secretfs-server`): every call the official connector makes, plus
/// a universal ``call(method:endpoint:query:body:)``. Tokens are kept alive by its ``tokens`` manager.
public final class PassworkClient: Sendable {
    public let tokens: TokenManager
    /// Internal so that the calls made without a token (opening a share link) reach it too.
    let transport: HTTPTransport
    private let host: String
    /// `X-Master-Key-Hash`, sent once a master key is known.
    private let masterKeyHash: String?

    /// - Parameters:
    ///   - credentials: host, token pair and (for client-side encryption) the master key.
    ///   - credentialsFile: where a refreshed pair is persisted before use; nil keeps it in memory only.
    public init(
        configuration: ClientConfiguration,
        credentials: Credentials,
        credentialsFile: CredentialsFile? = nil
    ) throws(ClientError) {
        let transport = try HTTPTransport(configuration: configuration)
        let host = try configuration.normalizedHost()
        let masterKeyHash = credentials.masterKey.map { MasterKey.hash(SecureBytes(utf8: $0)) }
        let singleToken = Atomic<Bool>(true)
        self.transport = transport
        self.host = host
        self.masterKeyHash = masterKeyHash
        self.tokens = TokenManager(
            credentials: credentials,
            refreshAtShare: configuration.refreshAtShare,
            refresher: { (current) throws(ClientError) -> TokenPairResponse in
                // Renew only the access token while the refresh token has life left and the server offers it
                // (Passwork 7.6+): the refresh token then never travels. Else, rotate the pair.
                if singleToken.load(ordering: .relaxed), !Self.refreshTokenNearExpiry(current),
                    let renewed = try await Self.refreshAccessToken(current, transport: transport)
                {
                    return renewed
                }
                singleToken.store(false, ordering: .relaxed)
                return try await Self.refreshPair(current, transport: transport, masterKeyHash: masterKeyHash)
            },
            persister: { (renewed) throws(ClientError) in try credentialsFile?.save(renewed) }
        )
    }

    /// Closes the connections.
    public func shutdown() async { await self.transport.shutdown() }

    // MARK: - The universal call

    /// Calls any endpoint: GET sends `query` (lists as `key[]`), other methods send `body` as JSON (`{}` when
    /// absent), as the connector does. Returns the answer's JSON, unwrapped from the base64 envelope.
    public func call(
        method: String,
        endpoint: String,
        query: [QueryParameter] = [],
        body: Data? = nil
    ) async throws(ClientError) -> Data {
        let path = QueryEncoding.appending(query, to: endpoint.hasPrefix("/") ? endpoint : "/" + endpoint)
        let payload = method.uppercased() == "GET" ? nil : (body ?? Data("{}".utf8))
        var token = try await self.tokens.accessToken()
        var answer = try await self.send(method: method.uppercased(), path: path, body: payload, token: token)
        // Expired: refresh and retry once, as the connector does. Invalid (a revoked session, say): the refresh
        // then tells whether the session is over, which is the error the user needs to see.
        let errors = answer.status == 401 ? Self.errors(in: answer) : ErrorEnvelope(errors: [])
        if errors.contains(.accessTokenExpired) || errors.contains(.accessTokenInvalid) {
            token = try await self.tokens.refresh(replacing: token)
            answer = try await self.send(method: method.uppercased(), path: path, body: payload, token: token)
        }
        return try Self.check(answer, endpoint: endpoint)
    }

    /// Calls an endpoint and decodes the answer.
    public func call<Answer: Decodable>(
        _ type: Answer.Type,
        method: String = "GET",
        endpoint: String,
        query: [QueryParameter] = [],
        body: (any Encodable)? = nil
    ) async throws(ClientError) -> Answer {
        let encoded: Data?
        do { encoded = try body.map { try JSONEncoder().encode($0) } } catch {
            throw .invalidConfiguration("cannot encode the request: \(error)")
        }
        let data = try await self.call(method: method, endpoint: endpoint, query: query, body: encoded)
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw .malformedResponse("\(endpoint): \(Self.describe(error))")
        }
    }

    private func send(method: String, path: String, body: Data?, token: String) async throws(ClientError) -> HTTPAnswer
    {
        // Plain JSON instead of the default base64 envelope: a third less to receive and one decoding less, which
        // counts for a vault's item list (Passwork documents the header; unwrap still accepts an envelope).
        var headers = [
            ("Authorization", PassworkHeaders.bearer(token)), ("Accept", "application/json"),
            (PassworkHeaders.responseFormat, ResponseFormat.raw),
        ]
        if let masterKeyHash = self.masterKeyHash { headers.append((PassworkHeaders.masterKeyHash, masterKeyHash)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await self.transport.send(HTTPExchange(method: method, path: path, headers: headers, body: body))
    }

    // MARK: - Answers

    /// The decoded errors envelope of a failed answer (empty if it has none).
    static func errors(in answer: HTTPAnswer) -> ErrorEnvelope {
        guard let unwrapped = try? ResponseEnvelope.unwrap(answer.body),
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: unwrapped)
        else { return ErrorEnvelope(errors: []) }
        return envelope
    }

    /// The unwrapped JSON of a successful answer, or the matching ``ClientError``.
    static func check(_ answer: HTTPAnswer, endpoint: String) throws(ClientError) -> Data {
        if answer.status >= 400 {
            let envelope = Self.errors(in: answer)
            let message = envelope.errors.map(\.message).joined(separator: "; ")
            let detail = message.isEmpty ? "\(endpoint) answered \(answer.status)" : message
            switch answer.status {
            case 401:
                if envelope.contains(.refreshTokenInvalid) || envelope.contains(.refreshTokenExpired) {
                    throw .sessionExpired(detail)
                }
                throw .unauthorized(detail)
            case 403:
                // The server checks X-Master-Key-Hash against the user's: a wrong master key.
                if envelope.contains(.masterKeyHashInvalid) { throw .wrongMasterKey }
                throw .forbidden(detail)
            case 404: throw .notFound(detail)
            case 400..<500: throw .badRequest(detail, status: answer.status)
            default: throw .serverError(detail, status: answer.status)
            }
        }
        guard (200..<300).contains(answer.status) else {
            throw .malformedResponse("\(endpoint) answered status \(answer.status)", status: answer.status)
        }
        // Whoever uses the answer parses it (and reports it malformed then); here only what is plainly not JSON
        // (an HTML page from a proxy, say) is caught, without a parse of its own: for a vault of 10,000 items
        // that parse alone needed 150 MB.
        guard let unwrapped = try? ResponseEnvelope.unwrap(answer.body), Self.looksLikeJSON(unwrapped) else {
            throw .malformedResponse("\(endpoint): the body is not JSON", status: answer.status)
        }
        return unwrapped
    }

    /// Whether the text starts, after whitespace, as a JSON value does.
    static func looksLikeJSON(_ data: Data) -> Bool {
        guard let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return Array("{[\"-0123456789tfn".utf8).contains(first)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    // MARK: - Token refresh

    /// Whether the refresh token expires within a day (or is already past): time to rotate the pair.
    static func refreshTokenNearExpiry(_ current: Credentials, now: Date = Date()) -> Bool {
        guard let expiresAt = current.refreshTokenExpiredAt else { return false }
        return Double(expiresAt) - now.timeIntervalSince1970 < 24 * 3600
    }

    /// `POST /api/v1/sessions/refresh-access-token` (no Authorization header, as the connector sends it).
    /// Returns nil when the server does not offer it (404), so the caller falls back to the pair refresh.
    static func refreshAccessToken(
        _ current: Credentials,
        transport: HTTPTransport
    ) async throws(ClientError) -> TokenPairResponse? {
        let body: Data
        do { body = try JSONEncoder().encode(RefreshAccessTokenRequest(accessToken: current.accessToken)) } catch {
            throw .invalidConfiguration("cannot encode the refresh request")
        }
        let path = Endpoints.sessionRefreshAccessToken.path()
        let answer = try await transport.send(
            HTTPExchange(method: "POST", path: path, headers: [("Content-Type", "application/json")], body: body)
        )
        if answer.status == 404 || answer.status == 405 { return nil }
        if answer.status == 400 || answer.status == 401 || answer.status == 403 {
            throw .sessionExpired(Self.errors(in: answer).errors.map(\.message).joined(separator: "; "))
        }
        let data = try Self.check(answer, endpoint: path)
        do {
            let renewed = try JSONDecoder().decode(RefreshAccessTokenResponse.self, from: data)
            return TokenPairResponse(
                accessToken: renewed.accessToken,
                refreshToken: current.refreshToken,
                accessTokenExpiredAt: renewed.accessTokenExpiredAt,
                refreshTokenExpiredAt: current.refreshTokenExpiredAt
            )
        } catch {
            throw .malformedResponse("sessions/refresh-access-token: \(Self.describe(error))")
        }
    }

    /// `POST /api/v1/sessions/refresh` with the current (possibly expired) access token and the refresh token.
    static func refreshPair(
        _ current: Credentials,
        transport: HTTPTransport,
        masterKeyHash: String?
    ) async throws(ClientError) -> TokenPairResponse {
        var headers = [
            ("Authorization", PassworkHeaders.bearer(current.accessToken)), ("Content-Type", "application/json"),
        ]
        if let masterKeyHash { headers.append((PassworkHeaders.masterKeyHash, masterKeyHash)) }
        let body: Data
        do { body = try JSONEncoder().encode(SessionRefreshRequest(refreshToken: current.refreshToken)) } catch {
            throw .invalidConfiguration("cannot encode the refresh request")
        }
        let answer = try await transport.send(
            HTTPExchange(method: "POST", path: Endpoints.sessionRefresh.path(), headers: headers, body: body)
        )
        if answer.status == 400 || answer.status == 401 || answer.status == 403 {
            throw .sessionExpired(Self.errors(in: answer).errors.map(\.message).joined(separator: "; "))
        }
        let data = try Self.check(answer, endpoint: Endpoints.sessionRefresh.path())
        do {
            return try JSONDecoder().decode(TokenPairResponse.self, from: data)
        } catch {
            throw .malformedResponse("sessions/refresh: \(Self.describe(error))")
        }
    }
}
