import Engine
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Store

/// History filters as the CLI builds them: `--since` forms, and the filter combinations on a seeded store.
@Suite("History filter")
struct HistoryFilterTests {
    let now = 1_800_000_000.0

    @Test("durations count back from now, and combine")
    func durations() {
        #expect(HistoryTime.parse("90s", now: now) == now - 90)
        #expect(HistoryTime.parse("30m", now: now) == now - 1_800)
        #expect(HistoryTime.parse("2h", now: now) == now - 7_200)
        #expect(HistoryTime.parse("7d", now: now) == now - 604_800)
        #expect(HistoryTime.parse("2w", now: now) == now - 1_209_600)
        #expect(HistoryTime.parse("1h30m", now: now) == now - 5_400)
    }

    @Test("dates are local midnight; date-times are local unless they name a zone")
    func dates() {
        var parts = tm()
        parts.tm_year = 2026 - 1900
        parts.tm_mon = 10
        parts.tm_mday = 1
        parts.tm_isdst = -1
        let midnight = Double(mktime(&parts))
        #expect(HistoryTime.parse("2026-11-01", now: now) == midnight)
        #expect(HistoryTime.parse("2026-11-01T14:30", now: now) == midnight + 14 * 3600 + 30 * 60)
        #expect(HistoryTime.parse("2026-11-01 14:30:05", now: now) == midnight + 14 * 3600 + 30 * 60 + 5)
        #expect(HistoryTime.parse("2026-11-01T00:00:00Z", now: now) == 1_793_491_200)
        #expect(HistoryTime.parse("2026-11-01T02:00:00+02:00", now: now) == 1_793_491_200)
        #expect(HistoryTime.parse("2026-11-01T00:00:00-01:30", now: now) == Double(1_793_496_600))
    }

    @Test("anything else is rejected")
    func rejects() {
        for text in ["", "h", "2", "2x", "-2h", "2h ", "2026-13-01", "2026-11-1", "2026-11-01T25:00", "2026-11-01T10",
                     "2026-11-01Tfoo", "2026-11-01T10:00+2", "yesterday", "99999999999999999999d"] {
            #expect(HistoryTime.parse(text, now: now) == nil, "\(text)")
        }
    }

    @Test("filters combine: collection, profile, environment, since, failed, limit")
    func combined() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let specs: [(String, String, String?, Int)] = [
            ("demo", "native", nil, 0), ("demo", "browser-main", "ci", 1), ("api", "native", "ci", 0),
            ("demo", "native", "ci", 2), ("demo", "native", nil, 0),
        ]
        for (offset, (collection, profile, environment, failed)) in specs.enumerated() {
            let startedAt = Double(offset + 1) * 1_000
            let id = try store.beginRun(Sample.info(collection: collection, path: "/c/\(collection).json", profile: profile,
                                                    environment: environment, startedAt: startedAt), plannedRequests: 1)
            try store.finishRun(runID: id, status: .completed, counts: RunCounts(passed: 2 - failed, failed: failed),
                                endedAt: startedAt + 1)
        }
        func ids(_ filter: RunFilter) throws -> [Int64] { try store.listRuns(filter).map(\.id) }
        #expect(try ids(RunFilter(collection: "demo")) == [5, 4, 2, 1])
        #expect(try ids(RunFilter(collection: "/c/api.json")) == [3])
        #expect(try ids(RunFilter(collection: "demo", profile: "native", environment: "ci")) == [4])
        #expect(try ids(RunFilter(since: HistoryTime.parse("2500s", now: 5_000))) == [5, 4, 3])
        #expect(try ids(RunFilter(failedOnly: true)) == [4, 2])
        #expect(try ids(RunFilter(limit: 2, collection: "demo", failedOnly: true)) == [4, 2])
        #expect(try ids(RunFilter(limit: 1, profile: "native")) == [5])
    }

    @Test("pruning by age or by count removes finished runs and reports how many")
    func prune() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        for offset in 0..<6 {
            let startedAt = Double(offset + 1) * 1_000
            let id = try store.beginRun(Sample.info(startedAt: startedAt), plannedRequests: 1)
            try store.append(runID: id, result: Sample.simple(index: 0, body: Array("run \(id)".utf8), hash: "b\(id)"))
            try store.finishRun(runID: id, status: .completed, counts: RunCounts(passed: 1), endedAt: startedAt + 1)
        }
        let cutoff = try #require(HistoryTime.parse("3500s", now: 6_000))
        #expect(try store.deleteRuns(olderThan: cutoff) == 2)
        #expect(try store.deleteRuns(keepLast: 3) == 1)
        #expect(try store.listRuns(RunFilter()).map(\.id) == [6, 5, 4])
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 3)
    }
}
