import Hummingbird

/// `GET /healthz`: a liveness probe for load balancers. It answers 200 with `ok` as plain text, without
/// authentication and without touching the database, so it says only that the process accepts requests.
/// `POST /api/v1/app/health-check` is the Passwork endpoint that also checks the database.
enum HealthRoute {
    /// The probe's path.
    static let path = "/healthz"
    /// The probe's body.
    static let body = "ok\n"

    /// Registers the probe; a literal path, so it wins over the API's catch-all routes.
    static func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.body))
            )
        }
    }
}
