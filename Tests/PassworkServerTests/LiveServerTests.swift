import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassworkModels
import Testing

@testable import PassworkServer

@Suite("Live server")
struct LiveServerTests {
    @Test("the server listens on port 0, reports its port, and answers over a socket", arguments: Engine.all)
    func live(engine: Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let reported = ReportedPort()
            let configuration = ServerConfiguration(
                host: "127.0.0.1",
                port: 0,
                database: database.location,
                onListening: { await reported.set($0) }
            )
            let app = try await buildApplication(configuration: configuration, logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/api/v1/vaults", method: .get)
                #expect(response.status == .unauthorized)
                let body = try ResponseEnvelope.unwrap(Data(response.body.readableBytesView))
                #expect(try JSONDecoder().decode(ErrorEnvelope.self, from: body).errors.first?.code == "unauthorized")
                #expect(client.port != nil)
                #expect(await reported.port == client.port)
            }
        }
    }
}

/// The port the server reported.
actor ReportedPort {
    private(set) var port: Int?

    func set(_ port: Int) {
        self.port = port
    }
}
