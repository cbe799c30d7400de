import Engine
import Foundation
import Testing
@testable import Store

@Suite("History queries")
struct QueryTests {
    /// Five runs: ids 1…5 started at t = 100…500; 2 and 4 failed, 3 is in group "g".
    private func seeded(_ directory: TemporaryDirectory) throws -> RunStore {
        let store = try RunStore.open(path: directory.database)
        let specs: [(collection: String, path: String, profile: String, environment: String?, group: String?, failed: Int)] = [
            ("demo", "/c/demo.json", "native", nil, nil, 0),
            ("demo", "/c/demo.json", "browser-main", "staging", nil, 1),
            ("api", "/c/api.json", "native", "staging", "g", 0),
            ("api", "/c/api.json", "browser-main", nil, "g", 2),
            ("demo", "/c/demo.json", "native", nil, nil, 0),
        ]
        for (offset, spec) in specs.enumerated() {
            let startedAt = Double(offset + 1) * 100
            let runID = try store.beginRun(
                Sample.info(collection: spec.collection, path: spec.path, profile: spec.profile, environment: spec.environment,
                            startedAt: startedAt, groupID: spec.group), plannedRequests: 3)
            try store.append(runID: runID, result: Sample.simple(index: 0, body: Array("run \(runID)".utf8), hash: "body-\(runID)"))
            try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 3 - spec.failed, failed: spec.failed),
                                endedAt: startedAt + 1)
        }
        return store
    }

    @Test("resolveRun accepts ids, last and last~N")
    func resolve() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory)
        #expect(try store.resolveRun("3") == 3)
        #expect(try store.resolveRun(" last ") == 5)
        #expect(try store.resolveRun("last~0") == 5)
        #expect(try store.resolveRun("last~1") == 4)
        #expect(try store.resolveRun("last~4") == 1)
        #expect(throws: StoreError.notFound(path: directory.database, reference: "42", detail: "there is no run with this id")) {
            try store.resolveRun("42")
        }
        #expect(throws: StoreError.notFound(path: directory.database, reference: "last~5",
                                            detail: "only 5 runs are stored (last~4 is the oldest)")) {
            try store.resolveRun("last~5")
        }
        for bad in ["", "lst", "last~", "last~-1", "last~x", "-3", "4.5", "last~+1", "99999999999999999999"] {
            #expect(throws: StoreError.invalidReference(bad)) { try store.resolveRun(bad) }
        }
    }

    @Test("resolveRun on an empty database says there are no runs")
    func resolveEmpty() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        #expect(throws: StoreError.notFound(path: directory.database, reference: "last", detail: "the database holds no runs yet")) {
            try store.resolveRun("last")
        }
    }

    @Test("listRuns is newest first and filters")
    func list() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory)
        func ids(_ filter: RunFilter) throws -> [Int64] { try store.listRuns(filter).map(\.id) }
        #expect(try ids(RunFilter()) == [5, 4, 3, 2, 1])
        #expect(try ids(RunFilter(limit: 2)) == [5, 4])
        #expect(try ids(RunFilter(collection: "demo")) == [5, 2, 1])
        #expect(try ids(RunFilter(collection: "/c/api.json")) == [4, 3])
        #expect(try ids(RunFilter(profile: "browser-main")) == [4, 2])
        #expect(try ids(RunFilter(environment: "staging")) == [3, 2])
        #expect(try ids(RunFilter(since: 300)) == [5, 4, 3])
        #expect(try ids(RunFilter(failedOnly: true)) == [4, 2])
        #expect(try ids(RunFilter(groupID: "g")) == [4, 3])
        #expect(try ids(RunFilter(collection: "demo", profile: "native", since: 150)) == [5])
        #expect(try ids(RunFilter(collection: "nothing")) == [])

        let first = try #require(try store.listRuns(RunFilter(limit: 1)).first)
        #expect(first.collectionName == "demo")
        #expect(first.collectionPath == "/c/demo.json")
        #expect(first.status == .completed)
        #expect(first.counts == RunCounts(passed: 3))
        #expect(first.startedAt == 500)
        #expect(first.endedAt == 501)
        #expect(first.durationMicros == 1_000_000)
        #expect(first.host == RunStore.currentHost())
    }

    @Test("latestRun finds the newest finished run of a collection and profile")
    func latest() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory)
        #expect(try store.latestRun(collectionPath: "/c/demo.json", profile: "native")?.id == 5)
        #expect(try store.latestRun(collectionPath: "/c/api.json", profile: "browser-main")?.id == 4)
        #expect(try store.latestRun(collectionPath: "/c/api.json", profile: "node") == nil)
        _ = try store.beginRun(Sample.info(path: "/c/demo.json", profile: "native", startedAt: 900), plannedRequests: 1)
        #expect(try store.latestRun(collectionPath: "/c/demo.json", profile: "native")?.id == 5)
    }

    @Test("prune keeps the newest runs, drops orphaned bodies and vacuums")
    func pruneKeepLast() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory)
        let running = try store.beginRun(Sample.info(startedAt: 50), plannedRequests: 1)
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 5)
        #expect(try store.deleteRuns(keepLast: 2) == 3)
        #expect(try store.listRuns(RunFilter()).map(\.id) == [5, 4, running])
        #expect(try store.scalar("SELECT COUNT(*) FROM results") == 2)
        #expect(try store.scalar("SELECT COUNT(*) FROM exchanges") == 2)
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 2)
        #expect(try store.results(runID: 5).first?.observed?.body == Array("run 5".utf8))
        #expect(try store.deleteRuns(keepLast: 2) == 0)
    }

    @Test("prune by age, and VACUUM shrinks the file")
    func pruneOlderThan() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let big = Array(repeating: UInt8(7), count: 200_000)
        for run in 0..<10 {
            let runID = try store.beginRun(Sample.info(startedAt: Double(run) * 100), plannedRequests: 1)
            var payload = big
            payload[0] = UInt8(run)
            try store.append(runID: runID, result: Sample.simple(index: 0, body: payload, hash: "big-\(run)"))
            try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 1), endedAt: Double(run) * 100 + 1)
        }
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", operation: "test")
        let before = try store.scalar("PRAGMA page_count")
        #expect(try store.deleteRuns(olderThan: 800) == 8)
        #expect(try store.listRuns(RunFilter()).map(\.startedAt) == [900, 800])
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 2)
        let after = try store.scalar("PRAGMA page_count")
        #expect(after * 3 < before, "page_count \(before) → \(after)")
        #expect(try store.scalar("PRAGMA freelist_count") == 0)
    }
}
