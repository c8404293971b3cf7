public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Builds the Passwork-compatible server: opens the database (migrations run before the server starts),
/// wires the routes and, with ``ServerConfiguration/tls``, serves HTTPS.
///
/// - Parameters:
///   - configuration: listen address, database, token lifetimes, TLS, limits.
///   - logger: the server's logger.
/// - Returns: the application; run it with `runService()` (graceful shutdown on SIGTERM/SIGINT).
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger = Logger(label: "secretfs-server")
) async throws -> some ApplicationProtocol {
    let database = try await Database.open(configuration.database, logger: logger)
    do {
        return try makeApplication(database: database, configuration: configuration, logger: logger)
    } catch {
        try? await database.close()
        throw error
    }
}

/// The application over an open database.
private func makeApplication(
    database: Database,
    configuration: ServerConfiguration,
    logger: Logger
) throws -> some ApplicationProtocol {
    let auditQueue = AuditQueue(repository: database.repository, logger: logger)
    let apiRouter = makeAPIRouter(
        repository: database.repository,
        audit: AuditRecorder(queue: auditQueue),
        configuration: configuration,
        logger: logger
    )
    let router = Router(context: BasicRequestContext.self)
    HummingbirdAdapter(router: apiRouter, maxBodySize: configuration.maxBodySize).register(on: router)
    HealthRoute.register(on: router)
    let server: HTTPServerBuilder
    if let tls = configuration.tls {
        server = try .tls(.http1(), tlsConfiguration: try makeTLSConfiguration(tls))
    } else {
        server = .http1()
    }
    let onListening = configuration.onListening
    var app = Application(
        router: router,
        server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "secretfs-server"
        ),
        onServerRunning: { channel in
            await onListening?(channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
    // Shut down in reverse order: the server finishes its requests, the audit writer stores what they
    // queued, and then the database closes.
    app.addServices(DatabaseService(database: database), AuditWriterService(queue: auditQueue))
    app.beforeServerStarts {
        try await database.prepareToServe()
    }
    return app
}

/// The API's routes over a repository.
func makeAPIRouter(
    repository: any Repository,
    audit: AuditRecorder,
    configuration: ServerConfiguration,
    logger: Logger
) -> APIRouter {
    let tokens = TokenService(
        repository: repository,
        settings: configuration.tokens,
        cacheEntries: configuration.readCacheEntries
    )
    let context = RouteContext(
        repository: repository,
        tokens: tokens,
        audit: audit,
        logger: logger,
        healthCheckToken: configuration.healthCheckToken,
        itemReads: ReadCache(capacity: configuration.readCacheEntries)
    )
    var routes: [APIRoute] = []
    routes += SessionRoutes.routes(context)
    routes += AppRoutes.routes(context)
    routes += UserRoutes.routes(context)
    routes += VaultRoutes.routes(context)
    routes += FolderRoutes.routes(context)
    routes += ItemRoutes.routes(context)
    routes += AttachmentRoutes.routes(context)
    routes += ShortcutRoutes.routes(context)
    routes += AuditRoutes.routes(context)
    routes += LinkRoutes.routes(context, baseURL: linkBaseURL(configuration))
    routes += InboxRoutes.routes(context)
    let inner = APIRouter(routes: routes, tokens: tokens, audit: audit)
    return APIRouter(routes: routes + [BatchRoutes.route(dispatcher: inner)], tokens: tokens, audit: audit)
}

/// Where share links point: the configured public URL, else the address each request came to.
private func linkBaseURL(_ configuration: ServerConfiguration) -> LinkRoutes.BaseURL {
    LinkRoutes.BaseURL(
        publicURL: configuration.publicURL,
        scheme: configuration.tls == nil ? "http" : "https",
        fallbackAuthority: "\(configuration.host):\(configuration.port)"
    )
}

private func makeTLSConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
    let key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
    return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
}

/// Builds the application and runs it until SIGTERM or SIGINT; in-flight requests finish first.
public func runServer(configuration: ServerConfiguration, logger: Logger) async throws {
    let app = try await buildApplication(configuration: configuration, logger: logger)
    try await app.runService()
}
