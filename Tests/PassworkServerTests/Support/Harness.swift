import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassworkModels
import Testing

@testable import PassworkServer

/// A user of the tests, with a live token pair.
struct Account: Sendable {
    let user: UserRecord
    let tokens: IssuedTokens
    /// A stand-in master key hash (the server stores what it is given).
    let masterKeyHash: String

    var accessToken: String { self.tokens.accessToken }
}

/// One answer, unwrapped from the base64 envelope.
struct Answer: Sendable {
    let status: Int
    let json: Data
    let wasEnveloped: Bool

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: self.json)
    }

    /// The first error code of an errors envelope.
    var errorCode: String? {
        (try? JSONDecoder().decode(ErrorEnvelope.self, from: self.json))?.errors.first?.code.rawValue
    }
}

/// Builds the application on a test database and runs `body` against it in process (router tests).
struct Harness: Sendable {
    let database: TestDatabase
    let client: any TestClientProtocol

    static func run(
        _ engine: Engine,
        tokens: TokenSettings = TokenSettings(),
        maxBodySize: Int = 1 << 20,
        setup: TestingSetup = .router,
        _ body: @Sendable (Harness) async throws -> Void
    ) async throws {
        try await TestDatabase.with(engine) { database in
            let configuration = ServerConfiguration(
                host: "127.0.0.1",
                port: 0,
                database: database.location,
                tokens: tokens,
                maxBodySize: maxBodySize
            )
            let app = try await buildApplication(configuration: configuration, logger: TestDatabase.logger)
            try await app.test(setup) { client in
                try await body(Harness(database: database, client: client))
            }
        }
    }

    /// A new account with a stand-in key pair and a token pair.
    func account(_ login: String, role: AccountRole = .user, tokens: TokenSettings = TokenSettings()) async throws
        -> Account
    {
        try await self.database.withRepository { repository in
            let masterKeyHash = TokenGenerator.hash("master key of \(login)")
            let user = UserRecord(
                id: TokenGenerator.id(),
                login: login,
                role: role,
                masterKeyHash: masterKeyHash,
                masterKeyOptions: "pbkdf:sha256:1000:64:SaltSaltSaltSaltSalt",
                publicKey: "-----BEGIN PUBLIC KEY-----\n\(login)\n-----END PUBLIC KEY-----\n",
                privateEncrypted: "amt4cwv48xb6pp1h-private-of-\(login)",
                createdAt: Int64(Date().timeIntervalSince1970)
            )
            try await repository.createUser(user)
            let issued = try await TokenService(repository: repository, settings: tokens).issue(userId: user.id)
            return Account(user: user, tokens: issued, masterKeyHash: masterKeyHash)
        }
    }

    /// Sends a request; `body` may be an `Encodable` value or raw `Data`.
    func send(
        _ method: HTTPRequest.Method,
        _ path: String,
        token: String? = nil,
        body: (any Encodable & Sendable)? = nil,
        rawBody: Data? = nil,
        headers extra: HTTPFields = [:],
        raw: Bool = false
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if raw { headers[HTTPField.Name("X-Response-Format")!] = "raw" }
        var buffer: ByteBuffer?
        if let rawBody {
            buffer = ByteBuffer(bytes: rawBody)
        } else if let body {
            buffer = ByteBuffer(bytes: try JSONEncoder().encode(body))
        }
        if buffer != nil { headers[.contentType] = "application/json" }
        let response = try await self.client.execute(uri: path, method: method, headers: headers, body: buffer)
        let data = Data(response.body.readableBytesView)
        let unwrapped = try ResponseEnvelope.unwrap(data)
        return Answer(status: Int(response.status.code), json: unwrapped, wasEnveloped: unwrapped != data)
    }

    /// Creates a vault owned by `account` and returns its id.
    func vault(_ account: Account, name: String = "Vault", key: String = "wrapped-for-owner") async throws -> String {
        let answer = try await self.send(
            .post,
            "/api/v1/vaults",
            token: account.accessToken,
            body: VaultCreateRequest(name: name, masterKeyEncrypted: key, masterKeyHash: "hash", salt: "salt")
        )
        #expect(answer.status == 200)
        return try answer.decode(IDResponse.self).id
    }

    /// Creates an item and returns its id.
    func item(
        _ account: Account,
        vaultId: String,
        name: String = "Item",
        password: String = "cipher-password",
        tags: [String] = [],
        folderId: String? = nil
    ) async throws -> String {
        let answer = try await self.send(
            .post,
            "/api/v1/items",
            token: account.accessToken,
            body: ItemCreateRequest(
                vaultId: vaultId,
                folderId: folderId,
                name: name,
                login: "login",
                tags: tags,
                customs: [CustomField(name: "n", value: "v", type: "t")],
                attachments: [NewAttachment(name: "a.txt", encryptedKey: "k", encryptedData: "d", hash: "h")],
                passwordEncrypted: password,
                keyEncrypted: "item-key"
            )
        )
        #expect(answer.status == 200)
        return try answer.decode(IDResponse.self).id
    }
}
