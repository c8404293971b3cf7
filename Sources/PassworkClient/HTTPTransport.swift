import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP exchange as the API client sees it.
struct HTTPExchange: Sendable {
    var method: String
    var path: String
    var headers: [(String, String)]
    var body: Data?
}

struct HTTPAnswer: Sendable {
    var status: Int
    var body: Data
}

/// AsyncHTTPClient with the project's TLS rules: system CAs by default, a CA file, or an explicit
/// `insecure`. Shut it down with ``shutdown()``.
final class HTTPTransport: Sendable {
    private let client: HTTPClient
    private let host: String
    private let timeout: Duration
    private let maximumResponseBytes: Int

    init(configuration: ClientConfiguration) throws(ClientError) {
        self.host = try configuration.normalizedHost()
        self.timeout = configuration.timeout
        self.maximumResponseBytes = configuration.maximumResponseBytes
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw .invalidConfiguration("cannot read the CA file \(caFile)")
            }
            tls.trustRoots = .file(caFile)
        }
        if configuration.insecure { tls.certificateVerification = .none }
        var httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: HTTPClient.Configuration.Timeout(connect: .nanoseconds(configuration.connectTimeout.nanoseconds))
        )
        httpConfiguration.connectionPool.retryConnectionEstablishment = configuration.retryConnecting
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    }

    func shutdown() async {
        try? await self.client.shutdown()
    }

    func send(_ exchange: HTTPExchange) async throws(ClientError) -> HTTPAnswer {
        var request = HTTPClientRequest(url: self.host + exchange.path)
        request.method = HTTPMethod(rawValue: exchange.method)
        for (name, value) in exchange.headers { request.headers.add(name: name, value: value) }
        if let body = exchange.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await self.client.execute(
                request,
                timeout: .nanoseconds(Int64(self.timeout.nanoseconds))
            )
            let body = try await response.body.collect(upTo: self.maximumResponseBytes)
            return HTTPAnswer(status: Int(response.status.code), body: Data(body.readableBytesView))
        } catch let error as NIOTooManyBytesError {
            throw .malformedResponse("the answer is larger than \(self.maximumResponseBytes) bytes (\(error))")
        } catch {
            throw .serverUnreachable(self.host, String(describing: error))
        }
    }
}

extension Duration {
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
