// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Workbench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "workbench", targets: ["Workbench"]),
        // For the fuzz targets in fuzz/ (a separate package), which link the modules they fuzz.
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Store", targets: ["Store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C bridges: module maps over the system libraries, plus typed shims for the variadic calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The collection model, templating, assertions, profiles, the libcurl transport, the runner.
        .target(
            name: "Engine",
            dependencies: [
                "CCurl",
                "CCrypto",
            ]
        ),
        // SQLite: schema, migrations, writing runs, history queries.
        .target(
            name: "Store",
            dependencies: ["Engine", "CSQLite"]
        ),
        // Views of stored runs that are more than a table: diffs between runs, export formats.
        .target(
            name: "Reports",
            dependencies: ["Engine", "Store"]
        ),
        // The built-in httpbin-like fixture server (SwiftNIO stays inside this target).
        .target(
            name: "FixtureServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Imports from other tools (Postman, .http files, HAR, curl) into collection JSON.
        .target(
            name: "Importers",
            dependencies: ["Engine"]
        ),
        // The command line: argument parsing and terminal output only.
        .executableTarget(
            name: "Workbench",
            dependencies: [
                "Engine",
                "Store",
                "Reports",
                "FixtureServer",
                "Importers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's store workloads (scripts/bench): replays a real run's results through Store's public API.
        .executableTarget(name: "WorkbenchStoreBench", dependencies: ["Engine", "Store"], path: "bench/StoreGenerator"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "FixtureServer", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Engine", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Fixtures"]),
        .testTarget(name: "FixtureServerTests", dependencies: ["FixtureServer"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "Engine"], exclude: ["Golden"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["FixtureServer"]),
        .testTarget(name: "ImportersTests", dependencies: ["Importers", "Engine", "FixtureServer"], exclude: ["Samples"]),
    ]
)
