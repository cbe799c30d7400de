import Engine
import Foundation
import Testing
@testable import Store

/// Databases written by earlier schema versions, kept in `Fixtures/` (see docs/storage.md): every one
/// must open, migrate to the current version in place, and read back what it held.
@Suite("Migrating databases from earlier schema versions")
struct MigrationFixtureTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Copies a fixture into a fresh directory (tests never migrate the kept file itself), opens it, and checks
    /// what every fixture holds: a sound file at the current version with three runs (demo native, demo
    /// browser-main, chaining), the demo's ten results, the browser run's CORS effect.
    private func openMigrated(_ name: String, in directory: TemporaryDirectory) throws -> RunStore {
        let source = Self.fixtures.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: source, toPath: directory.database)
        let store = try RunStore.open(path: directory.database)
        let report = try store.checkIntegrity()
        #expect(report.isSound, "\(report)")
        #expect(report.schemaVersion == Schema.currentVersion)

        let runs = try store.listRuns(RunFilter())
        #expect(runs.map(\.id) == [3, 2, 1])
        #expect(runs.map(\.profile) == ["native", "browser-main", "native"])
        #expect(runs.map(\.collectionName) == ["Chaining", "Demo", "Demo"])
        #expect(runs.allSatisfy { $0.status == .completed })
        #expect(try store.results(runID: 1).count == 10)
        #expect(try store.results(runID: 2).contains { result in result.effects.contains { $0.code == "cors-blocked" } })
        #expect(try store.results(runID: 3).count == 2)
        return store
    }

    @Test("schema v1: three runs (demo native, demo browser-main, chaining) migrate and read back")
    func schemaVersion1() throws {
        let directory = TemporaryDirectory()
        let store = try openMigrated("schema-v1.db", in: directory)
        let demoNative = try store.results(runID: 1)
        #expect(demoNative.allSatisfy { $0.outcome == .passed })
        #expect(try store.results(runID: 2).count == 10)

        // The migrated file takes new runs, and opening it again changes nothing.
        _ = try store.beginRun(Sample.info(), plannedRequests: 1)
        let again = try RunStore.open(path: directory.database)
        #expect(try again.listRuns(RunFilter()).count == 4)
        #expect(try again.checkIntegrity().isSound)
    }

    @Test("schema v2: three runs with their uids open, read back and merge once into a new database")
    func schemaVersion2() throws {
        let directory = TemporaryDirectory()
        _ = try openMigrated("schema-v2.db", in: directory)

        // The uids written by v2 survive the migration: merging the file twice copies its runs once.
        let target = try RunStore.open(path: directory.path + "/merged.db")
        let first = try target.merge(from: directory.database)
        let second = try target.merge(from: directory.database)
        #expect(first.copiedRunIDs.count == 3)
        #expect(second.copiedRunIDs.isEmpty)
        #expect(second.alreadyPresent == 3)
    }

    @Test("schema v3: three runs open and read back; no body-hash index is left after migrating v1 or v2")
    func schemaVersion3() throws {
        let directory = TemporaryDirectory()
        _ = try openMigrated("schema-v3.db", in: directory)
        for name in ["schema-v1.db", "schema-v2.db"] {
            let older = TemporaryDirectory()
            let store = try openMigrated(name, in: older)
            #expect(try store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('results_by_body', 'exchanges_by_body')") == 0)
        }
    }

    @Test("every schema version before the current one has a fixture")
    func everyEarlierVersionHasAFixture() throws {
        #expect(Schema.currentVersion >= 1)
        for version in 1..<Schema.currentVersion {
            let name = "schema-v\(version).db"
            #expect(FileManager.default.fileExists(atPath: Self.fixtures.appendingPathComponent(name).path), "missing Fixtures/\(name)")
        }
    }
}
