import Engine
import Testing
@testable import Store

/// `RunStore.trend`: one request's final-hop timings and outcomes across runs, plus the statistics over them.
@Suite("Trend")
struct TrendTests {
    /// A result for request `r0` with a preflight, a redirect hop and a final hop whose total is `total`.
    private func result(total: Int64, outcome: Outcome) -> RequestResult {
        var result = Sample.simple(index: 0, outcome: outcome)
        let final = result.exchanges[0]
        var preflight = final
        preflight.kind = .preflight
        preflight.timings = Timings(dns: 9_999, connect: 9_999, tls: 9_999, pretransfer: 9_999, firstByte: 9_999, total: 99_999)
        var redirect = final
        redirect.kind = .request
        redirect.timings = Timings(total: 88_888)
        var hop = final
        hop.kind = .redirect
        hop.timings = Timings(dns: 100, connect: 300, tls: 300, pretransfer: 350, firstByte: total / 2, total: total)
        result.exchanges = [preflight, redirect, hop]
        return result
    }

    private func seeded(_ directory: TemporaryDirectory, _ runs: [(profile: String, total: Int64, outcome: Outcome)]) throws -> RunStore {
        let store = try RunStore.open(path: directory.database)
        for (offset, run) in runs.enumerated() {
            let startedAt = Double(offset + 1) * 100
            let id = try store.beginRun(Sample.info(profile: run.profile, startedAt: startedAt), plannedRequests: 2)
            try store.append(runID: id, result: result(total: run.total, outcome: run.outcome))
            try store.append(runID: id, result: Sample.simple(index: 1))
            try store.finishRun(runID: id, status: .completed, counts: RunCounts(passed: 2), endedAt: startedAt + 1)
        }
        return store
    }

    @Test("points are oldest first, one per run, with the final hop's timings")
    func points() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory, [("native", 1_000, .passed), ("browser-main", 2_000, .failed), ("native", 3_000, .passed)])
        let points = try store.trend(requestID: "r0")
        #expect(points.map(\.runID) == [1, 2, 3])
        #expect(points.map(\.outcome) == [.passed, .failed, .passed])
        #expect(points.map { $0.timings?.total } == [1_000, 2_000, 3_000], "the final hop, not the preflight or the first hop")
        #expect(points[0].timings?.dns == 100)
        #expect(points[0].profile == "native")
    }

    @Test("filters: profile, collection (name or path), limit keeps the newest; running runs are left out")
    func filters() throws {
        let directory = TemporaryDirectory()
        let store = try seeded(directory, [("native", 1_000, .passed), ("browser-main", 2_000, .failed), ("native", 3_000, .passed)])
        #expect(try store.trend(requestID: "r0", profile: "native").map(\.runID) == [1, 3])
        #expect(try store.trend(requestID: "r0", collection: "demo").count == 3)
        #expect(try store.trend(requestID: "r0", collection: "/work/demo.json").count == 3)
        #expect(try store.trend(requestID: "r0", collection: "other").isEmpty)
        #expect(try store.trend(requestID: "r0", limit: 2).map(\.runID) == [2, 3])
        #expect(try store.trend(requestID: "nope").isEmpty)
        let running = try store.beginRun(Sample.info(startedAt: 1_000), plannedRequests: 1)
        try store.append(runID: running, result: result(total: 5, outcome: .passed))
        #expect(try store.trend(requestID: "r0").count == 3)
    }

    @Test("a request sent nothing has no timings")
    func noExchanges() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let id = try store.beginRun(Sample.info(), plannedRequests: 1)
        var skipped = Sample.simple(index: 0, outcome: .skipped)
        skipped.exchanges = []
        skipped.observed = nil
        try store.append(runID: id, result: skipped)
        try store.finishRun(runID: id, status: .completed, counts: RunCounts(skipped: 1), endedAt: 1)
        let points = try store.trend(requestID: "r0")
        #expect(points.count == 1)
        #expect(points.first?.timings == nil)
        #expect(PhaseStatistics.of(.total, in: points) == nil)
    }

    @Test("phases are durations between libcurl's cumulative points")
    func phases() {
        let t = Timings(dns: 100, connect: 350, tls: 900, pretransfer: 950, firstByte: 4_000, total: 4_200)
        #expect(TrendPhase.dns.micros(t) == 100)
        #expect(TrendPhase.connect.micros(t) == 250)
        #expect(TrendPhase.tls.micros(t) == 550)
        #expect(TrendPhase.firstByte.micros(t) == 3_050)
        #expect(TrendPhase.total.micros(t) == 4_200)
        let plain = Timings(dns: 0, connect: 0, tls: 0, pretransfer: 10, firstByte: 30, total: 40)
        #expect(TrendPhase.tls.micros(plain) == 0)
    }

    @Test("p50, p95 and max are nearest-rank")
    func percentiles() {
        let values: [Int64] = Array(1...20)
        #expect(PhaseStatistics.percentile(values, 50) == 10)
        #expect(PhaseStatistics.percentile(values, 95) == 19)
        #expect(PhaseStatistics.percentile([7], 95) == 7)
        let points = (1...10).map { TrendPoint(runID: Int64($0), startedAt: 0, profile: "native", outcome: .passed,
                                               durationMicros: 0, timings: Timings(total: Int64($0) * 1000)) }
        let stats = PhaseStatistics.of(.total, in: points)
        #expect(stats == PhaseStatistics(phase: .total, p50: 5_000, p95: 10_000, max: 10_000, count: 10))
    }

    @Test("streaks: passing in a row, failing since a run, all of the history")
    func streaks() {
        func points(_ outcomes: [Outcome]) -> [TrendPoint] {
            outcomes.enumerated().map { TrendPoint(runID: Int64($0.offset + 10), startedAt: 0, profile: "native",
                                                   outcome: $0.element, durationMicros: 0, timings: nil) }
        }
        #expect(Streak.of([]) == nil)
        #expect(Streak.of(points([.failed, .passed, .passed, .passed]))?.sentence == "passing 3 runs in a row")
        #expect(Streak.of(points([.passed, .passed, .errored, .failed]))?.sentence == "failing since run 12 (2 runs)")
        #expect(Streak.of(points([.failed, .errored]))?.sentence == "failing in all 2 runs")
        #expect(Streak.of(points([.passed, .passed]))?.sentence == "passing in all 2 runs")
        #expect(Streak.of(points([.passed]))?.sentence == "passing 1 run in a row")
        #expect(Streak.of(points([.passed, .skipped]))?.state == .skipped)
    }
}
