// swift-tools-version:6.0
import PackageDescription

/// Upcoming features that keep module boundaries honest (as Hummingbird 2 does).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SecretFS",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "secretfs", targets: ["secretfs"]),
        .library(name: "SecretCrypto", targets: ["SecretCrypto"]),
        .library(name: "PassworkModels", targets: ["PassworkModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
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
        .target(
            name: "SecretFSCLI",
            dependencies: [
                "SecretCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "FuseKitTests",
            dependencies: ["FuseKit", "CFuse3"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SystemLibraryTests",
            dependencies: ["CFuse3", "COpenSSL"],
            swiftSettings: strictSettings
        ),
    ]
)
