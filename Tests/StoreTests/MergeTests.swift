import Engine
import Foundation
import Testing
@testable import Store

/// `RunStore.merge(from:)`: runs of other databases folded in by uid, with results, exchanges and bodies.
@Suite("Merge")
struct MergeTests {
    /// Writes one finished run with `results` and returns its id.
    @discardableResult
    static func write(_ store: RunStore, _ info: RunInfo, _ results: [RequestResult], status: RunStatus = .completed) throws -> Int64 {
        let id = try store.beginRun(info, plannedRequests: results.count)
        for result in results { try store.append(runID: id, result: result) }
        if status == .running {
            try store.flush()
        } else {
            var counts = RunCounts()
            for result in results { counts.add(result.outcome) }
            try store.finishRun(runID: id, status: status, counts: counts, endedAt: info.startedAt + 10)
        }
        return id
    }

    static func info(shard: String, startedAt: Double, groupID: String? = nil, profile: String = "native") -> RunInfo {
        var info = Sample.info(profile: profile, startedAt: startedAt, groupID: groupID)
        info.shard = shard
        return info
    }

    static func uids(_ store: RunStore) throws -> [String] {
        try store.connection.statement("SELECT uid FROM runs ORDER BY id").rows([], operation: "test") { $0.text(0) ?? "" }
    }

    @Test("every run gets a random 128-bit uid when it begins")
    func uidsAreGiven() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        try Self.write(store, Sample.info(), [Sample.simple(index: 0)])
        try Self.write(store, Sample.info(), [Sample.simple(index: 0)])
        let uids = try Self.uids(store)
        #expect(uids.count == 2)
        #expect(Set(uids).count == 2)
        for uid in uids {
            #expect(uid.count == 32)
            #expect(uid.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        #expect(try store.scalar("PRAGMA user_version") == Schema.currentVersion)
    }

    @Test("shards written to several files merge into one; results, info, groups and bodies come back equal")
    func shardsMerge() throws {
        let directory = TemporaryDirectory()
        let first = directory.path + "/shard-1.db", second = directory.path + "/shard-2.db"
        let rich = Sample.rich()
        let ids1: [Int64], ids2: [Int64]
        do {
            let one = try RunStore.open(path: first)
            ids1 = [try Self.write(one, Self.info(shard: "1/2", startedAt: 100, groupID: "g1"), Array(rich.prefix(2))),
                    try Self.write(one, Self.info(shard: "1/2", startedAt: 101, groupID: "g1", profile: "browser-main"),
                                   [Sample.simple(index: 0)])]
            let two = try RunStore.open(path: second)
            ids2 = [try Self.write(two, Self.info(shard: "2/2", startedAt: 102, groupID: "g2"), Array(rich.suffix(3)),
                                   status: .interrupted)]
        }
        let target = try RunStore.open(path: directory.database)
        let existing = try Self.write(target, Self.info(shard: "", startedAt: 50), [Sample.simple(index: 7)])

        let summary1 = try target.merge(from: first)
        #expect(summary1.copiedRunIDs.count == 2)
        #expect(summary1.alreadyPresent == 0)
        #expect(summary1.results == 3)
        let summary2 = try target.merge(from: second)
        #expect(summary2.copiedRunIDs.count == 1)
        #expect(summary2.results == 3)
        #expect(try target.scalar("SELECT COUNT(*) FROM runs") == 4)
        #expect(try target.scalar("SELECT COUNT(*) FROM results") == 7)
        #expect(!summary1.copiedRunIDs.contains(existing))

        let sources = [(first, ids1, summary1.copiedRunIDs), (second, ids2, summary2.copiedRunIDs)]
        for (path, sourceIDs, targetIDs) in sources {
            let source = try RunStore.open(path: path)
            for (sourceID, targetID) in zip(sourceIDs, targetIDs) {
                let want = try #require(try source.run(id: sourceID))
                let got = try #require(try target.run(id: targetID))
                #expect(got.info == want.info, "run info of \(path) run \(sourceID)")
                #expect(got.summary.status == want.summary.status)
                #expect(got.summary.counts == want.summary.counts)
                #expect(got.summary.endedAt == want.summary.endedAt)
                let wantResults = try source.results(runID: sourceID)
                let gotResults = try target.results(runID: targetID)
                #expect(gotResults == wantResults, "results of \(path) run \(sourceID)")
                #expect(gotResults.map(\.exchanges) == wantResults.map(\.exchanges))
                #expect(gotResults.map(\.observed) == wantResults.map(\.observed))
            }
        }
        let merged = try #require(try target.run(id: summary2.copiedRunIDs[0]))
        #expect(merged.info.shard == "2/2")
        #expect(merged.info.groupID == "g2")
        #expect(try target.scalar("SELECT COUNT(*) FROM runs WHERE group_id = 'g1'") == 2)
        // The truncated prefixes of one body share one row, holding the longest prefix kept.
        #expect(try target.scalar("SELECT COUNT(*) FROM bodies WHERE sha256 = 'sha-full'") == 1)
        #expect(try target.scalar("SELECT length(data) FROM bodies WHERE sha256 = 'sha-full'") == 20)
        #expect(try target.scalar("SELECT COUNT(*) FROM bodies") == target.scalar("SELECT COUNT(DISTINCT sha256) FROM bodies"))
        #expect(try target.scalar("PRAGMA foreign_key_check") == -1, "no dangling rows")
    }

    @Test("merging the same database twice, or back, adds nothing")
    func idempotent() throws {
        let directory = TemporaryDirectory()
        let sourcePath = directory.path + "/source.db"
        do {
            let source = try RunStore.open(path: sourcePath)
            try Self.write(source, Self.info(shard: "1/3", startedAt: 1), Sample.rich())
            try Self.write(source, Self.info(shard: "2/3", startedAt: 2), [Sample.simple(index: 1)])
        }
        let target = try RunStore.open(path: directory.database)
        try Self.write(target, Self.info(shard: "3/3", startedAt: 3), [Sample.simple(index: 2)])
        let first = try target.merge(from: sourcePath)
        #expect(first.copiedRunIDs.count == 2)
        let counts = (runs: try target.scalar("SELECT COUNT(*) FROM runs"), results: try target.scalar("SELECT COUNT(*) FROM results"),
                      exchanges: try target.scalar("SELECT COUNT(*) FROM exchanges"), bodies: try target.scalar("SELECT COUNT(*) FROM bodies"))
        #expect(counts.runs == 3)

        let again = try target.merge(from: sourcePath)
        #expect(again.copiedRunIDs.isEmpty)
        #expect(again.alreadyPresent == 2)
        #expect(again.results == 0)
        #expect(again.newBodies == 0)
        #expect(try target.scalar("SELECT COUNT(*) FROM runs") == counts.runs)
        #expect(try target.scalar("SELECT COUNT(*) FROM results") == counts.results)
        #expect(try target.scalar("SELECT COUNT(*) FROM exchanges") == counts.exchanges)
        #expect(try target.scalar("SELECT COUNT(*) FROM bodies") == counts.bodies)

        // Back the other way: the source gains only the target's own run.
        let source = try RunStore.open(path: sourcePath)
        let back = try source.merge(from: directory.database)
        #expect(back.copiedRunIDs.count == 1)
        #expect(back.alreadyPresent == 2)
        #expect(try source.scalar("SELECT COUNT(*) FROM runs") == 3)
        #expect(Set(try Self.uids(source)) == Set(try Self.uids(target)))
    }

    @Test("runs still running are left for a later merge")
    func runningRunsWait() throws {
        let directory = TemporaryDirectory()
        let sourcePath = directory.path + "/source.db"
        let source = try RunStore.open(path: sourcePath)
        try Self.write(source, Self.info(shard: "1/2", startedAt: 1), [Sample.simple(index: 0)])
        let live = try Self.write(source, Self.info(shard: "2/2", startedAt: 2), [Sample.simple(index: 1)], status: .running)

        let target = try RunStore.open(path: directory.database)
        let first = try target.merge(from: sourcePath)
        #expect(first.copiedRunIDs.count == 1)
        #expect(first.skippedRunning == 1)

        try source.finishRun(runID: live, status: .completed, counts: RunCounts(passed: 1), endedAt: 20)
        let second = try target.merge(from: sourcePath)
        #expect(second.copiedRunIDs.count == 1)
        #expect(second.alreadyPresent == 1)
        #expect(second.skippedRunning == 0)
        #expect(try target.scalar("SELECT COUNT(*) FROM runs WHERE status = 'completed'") == 2)
    }

    @Test("a database of schema version 1 is migrated: old runs get uids once, and merge once")
    func oldSchemaBackfilled() throws {
        let directory = TemporaryDirectory()
        let oldPath = directory.path + "/old.db"
        // Write a version-1 file by hand, as a Workbench before the uid column did.
        do {
            let connection = try Connection.open(path: oldPath, busyTimeoutMillis: 1000)
            try connection.execute(Schema.migrations[0], operation: "test")
            try connection.execute("PRAGMA user_version = 1", operation: "test")
            for start in [1.0, 2.0] {
                try connection.execute("""
                    INSERT INTO runs (collection_name, collection_path, collection_hash, profile, mode, credentials,
                        cross_origin_isolated, strict, started_at, ended_at, status, host, pid, jobs, request_count, passed)
                    VALUES ('old', '/old.json', 'h', 'native', 'sync', 'same-origin', 0, 0, \(start), \(start + 1),
                        'completed', 'elsewhere', 1, 1, 1, 1)
                    """, operation: "test")
            }
            try connection.execute("""
                INSERT INTO results (run_id, idx, request_id, name, group_path, method, url, outcome, effects, assertions,
                    captures, started_at, duration_us)
                VALUES (1, 0, 'r', 'r', '[]', 'GET', 'http://127.0.0.1/', 'passed', '[]', '[]', '[]', 1.5, 10)
                """, operation: "test")
        }
        let target = try RunStore.open(path: directory.database)
        let first = try target.merge(from: oldPath)
        #expect(first.copiedRunIDs.count == 2)
        #expect(first.results == 1)
        let again = try target.merge(from: oldPath)
        #expect(again.copiedRunIDs.isEmpty)
        #expect(again.alreadyPresent == 2)

        let old = try RunStore.open(path: oldPath)
        #expect(try old.scalar("PRAGMA user_version") == Schema.currentVersion)
        let uids = try Self.uids(old)
        #expect(uids.count == 2 && Set(uids).count == 2 && uids.allSatisfy { $0.count == 32 })
        #expect(Set(uids) == Set(try Self.uids(target)))
        let results = try target.results(runID: first.copiedRunIDs[0])
        #expect(results.map(\.requestID) == ["r"])
    }

    @Test("the kept schema-v1 fixture migrates: its runs get distinct uids and merge once, results equal")
    func v1FixtureMerges() throws {
        let directory = TemporaryDirectory()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema-v1.db")
        let oldPath = directory.path + "/v1.db"
        try FileManager.default.copyItem(atPath: fixture.path, toPath: oldPath)
        let target = try RunStore.open(path: directory.database)
        let first = try target.merge(from: oldPath)
        #expect(first.copiedRunIDs.count == 3)
        #expect(first.results == 22)
        #expect(try target.merge(from: oldPath).copiedRunIDs.isEmpty)
        let old = try RunStore.open(path: oldPath)
        let uids = try Self.uids(old)
        #expect(uids.count == 3 && Set(uids).count == 3)
        for (sourceID, targetID) in zip([Int64(1), 2, 3], first.copiedRunIDs) {
            #expect(try target.results(runID: targetID) == old.results(runID: sourceID), "run \(sourceID)")
        }
        #expect(try target.checkIntegrity().isSound)
    }

    @Test("a missing source or the target itself is refused, and nothing is created")
    func refusals() throws {
        let directory = TemporaryDirectory()
        let target = try RunStore.open(path: directory.database)
        let missing = directory.path + "/missing.db"
        #expect(throws: StoreError.cannotOpen(path: missing, reason: "there is no such file")) {
            try target.merge(from: missing)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let alias = directory.path + "/alias.db"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: directory.database)
        #expect(throws: StoreError.cannotOpen(path: alias, reason: "it is the target database itself")) {
            try target.merge(from: alias)
        }
        let notADatabase = directory.path + "/text.db"
        try "not a database, just text that is long enough to have a header".write(toFile: notADatabase, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try target.merge(from: notADatabase) }
        #expect(try target.scalar("SELECT COUNT(*) FROM runs") == 0)
    }
}
