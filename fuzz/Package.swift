// swift-tools-version:6.0
// The libFuzzer targets of Workbench (docs/reliability.md, "Fuzzing"). A package of its own so that the
// root package's `swift build` / `swift test` never see fuzzer flags. Build and run with `scripts/fuzz`.
import Foundation
import PackageDescription

// `.package(path: "..")` takes its identity from the checkout's folder name, whatever it is.
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

/// A fuzz executable: one file defining `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: dependencies + ["FuzzSupport"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let engine = Target.Dependency.product(name: "Engine", package: rootIdentity)
let store = Target.Dependency.product(name: "Store", package: rootIdentity)

let package = Package(
    name: "WorkbenchFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Turns fuzz bytes into values deterministically (integers, choices, strings, byte runs).
        .target(name: "FuzzSupport"),
        // Direct SQLite access for the store target: it writes arbitrary bytes into stored columns.
        .systemLibrary(name: "FuzzSQLite", pkgConfig: "sqlite3"),
        fuzzTarget("FuzzCollection", [engine]),
        fuzzTarget("FuzzTemplate", [engine]),
        fuzzTarget("FuzzJSONPath", [engine]),
        fuzzTarget("FuzzProfileGate", [engine]),
        fuzzTarget("FuzzStore", [engine, store, "FuzzSQLite"]),
    ]
)
