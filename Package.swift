// swift-tools-version:6.2
import PackageDescription

/// Upcoming features that keep module boundaries honest (as Hummingbird 2 does). `make` sets
/// SECRETFS_WARNINGS_AS_ERRORS=1, so every build and test run of ours fails on a warning in our code (never in
/// a dependency's); a plain `swift build` by a packager with a newer compiler still succeeds.
let strictSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + (Context.environment["SECRETFS_WARNINGS_AS_ERRORS"] == "1" ? [.treatAllWarnings(as: .error)] : [])

let package = Package(
    name: "SecretFS",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "secretfs", targets: ["secretfs"]),
        .library(name: "SecretCrypto", targets: ["SecretCrypto"]),
        .library(name: "PassworkModels", targets: ["PassworkModels"]),
        .library(name: "PassworkServer", targets: ["PassworkServer"]),
        .executable(name: "secretfs-server", targets: ["secretfs-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - C system libraries (shims only; no C code of ours)
        .systemLibrary(
            name: "CFuse3",
            pkgConfig: "fuse3",
            providers: [.apt(["libfuse3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite3",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // MARK: - Libraries
        .target(
            name: "FuseKit",
            dependencies: ["CFuse3"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SecretCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PassworkModels",
            swiftSettings: strictSettings
        ),
        // What both daemons need of their service manager: sd_notify, and the version they report.
        .target(
            name: "ServiceSupport",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SecretFSCLI",
            dependencies: [
                "Audit",
                "SecretFS",
                "SecretTree",
                "FuseKit",
                "SecretCrypto",
                "PassworkClient",
                "PassworkModels",
                "ServiceSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PassworkServer",
            dependencies: [
                "CSQLite3",
                "PassworkModels",
                "SecretCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Audit",
            dependencies: ["PassworkClient", "PassworkModels"],
            swiftSettings: strictSettings
        ),
        // The mount tree, computed: caches, listings, naming, opening. No kernel in sight.
        .target(
            name: "SecretTree",
            dependencies: ["PassworkClient", "PassworkModels", "SecretCrypto"],
            swiftSettings: strictSettings
        ),
        // The FUSE adapter: serves a SecretTree through FuseKit, with audit.
        .target(
            name: "SecretFS",
            dependencies: ["Audit", "FuseKit", "PassworkClient", "PassworkModels", "SecretCrypto", "SecretTree"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PassworkClient",
            dependencies: [
                "PassworkModels",
                "SecretCrypto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PassworkServerCLI",
            dependencies: [
                "PassworkServer",
                "PassworkModels",
                "SecretCrypto",
                "ServiceSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - Executables (thin @main shims)
        .executableTarget(
            name: "secretfs",
            dependencies: [
                "SecretFSCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "secretfs-server",
            dependencies: [
                "PassworkServerCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "secretfs-crypto-bench",
            dependencies: ["SecretCrypto"],
            path: "Benchmarks/crypto/Sources",
            swiftSettings: strictSettings
        ),

        // MARK: - Tests
        .testTarget(
            name: "SecretCryptoTests",
            dependencies: ["SecretCrypto"],
            exclude: ["Interop"],
            resources: [.copy("Vectors")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PassworkModelsTests",
            dependencies: ["PassworkModels"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PassworkServerTests",
            dependencies: [
                "PassworkServer",
                "PassworkModels",
                "SecretCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FuseKitTests",
            dependencies: ["FuseKit", "CFuse3"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["PassworkClient", "SecretCrypto"],
            path: "Tests/Support",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PassworkClientTests",
            dependencies: ["PassworkClient", "PassworkModels", "SecretCrypto", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SecretFSTests",
            dependencies: ["SecretFS", "SecretTree", "TestSupport", "PassworkClient", "SecretCrypto", "CFuse3"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SecretTreeTests",
            dependencies: [
                "SecretTree", "SecretFS", "Audit", "FuseKit", "PassworkClient", "PassworkModels", "SecretCrypto",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SecretFSCLITests",
            dependencies: ["SecretFSCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SystemLibraryTests",
            dependencies: ["CFuse3", "COpenSSL", "CSQLite3"],
            swiftSettings: strictSettings
        ),
    ]
)
