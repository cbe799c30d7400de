import Engine
import Foundation
import Testing
@testable import Store

@Suite("Round trip")
struct RoundTripTests {
    @Test("results come back equal to what was appended")
    func richResults() throws {
        let directory = TemporaryDirectory()
        let results = Sample.rich()
        let runID: Int64
        do {
            let store = try RunStore.open(path: directory.database)
            runID = try store.beginRun(Sample.info(), plannedRequests: results.count)
            for result in results { try store.append(runID: runID, result: result) }
            // Read on the writer: pending rows are flushed first.
            #expect(try store.results(runID: runID) == results)
            try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 2, failed: 1, errored: 1, skipped: 1),
                                endedAt: 1_700_000_200.5)
        }
        let reader = try RunStore.open(path: directory.database)
        let stored = try reader.results(runID: runID)
        #expect(stored.count == results.count)
        for (got, want) in zip(stored, results) {
            #expect(got == want, "result \(want.index)")
            #expect(got.exchanges == want.exchanges, "exchanges of \(want.index)")
            #expect(got.observed == want.observed, "observed of \(want.index)")
            #expect(got.captures == want.captures, "captures of \(want.index)")
        }
        #expect(try reader.results(runID: 999).isEmpty)
    }

    @Test("a run's info and summary come back")
    func runInfo() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let info = Sample.info(environment: "staging", groupID: "g-1")
        let runID = try store.beginRun(info, plannedRequests: 7)
        let running = try #require(try store.run(id: runID))
        #expect(running.info == info)
        #expect(running.summary.status == .running)
        #expect(running.summary.endedAt == nil)
        #expect(running.summary.durationMicros == nil)
        #expect(running.plannedRequests == 7)
        #expect(running.pid == Int(getpid()))

        var plain = Sample.info()
        plain.profileDefinition = nil
        plain.settings = RunSettings()
        let plainID = try store.beginRun(plain, plannedRequests: 0)
        #expect(try store.run(id: plainID)?.info == plain)

        try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 5, failed: 1, errored: 0, skipped: 1),
                            endedAt: info.startedAt + 1.5)
        let done = try #require(try store.run(id: runID))
        #expect(done.summary.status == .completed)
        #expect(done.summary.counts == RunCounts(passed: 5, failed: 1, errored: 0, skipped: 1))
        #expect(done.summary.endedAt == info.startedAt + 1.5)
        #expect(done.summary.durationMicros == 1_500_000)
        #expect(done.summary.groupID == "g-1")
        #expect(done.summary.environment == "staging")
        #expect(done.summary.mode == .async)
        #expect(done.summary.origin == "http://localhost:8000")
        #expect(try store.run(id: 12345) == nil)
        #expect(throws: StoreError.self) {
            try store.finishRun(runID: 12345, status: .completed, counts: RunCounts(), endedAt: 0)
        }
    }

    @Test("a body shared by several results and runs is stored once")
    func bodyDeduplication() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let body = Array(repeating: UInt8(0x5A), count: 2048)
        let first = try store.beginRun(Sample.info(), plannedRequests: 2)
        try store.append(runID: first, result: Sample.simple(index: 0, body: body, hash: "same"))
        try store.append(runID: first, result: Sample.simple(index: 1, body: body, hash: "same"))
        try store.flush()
        let second = try store.beginRun(Sample.info(), plannedRequests: 1)
        try store.append(runID: second, result: Sample.simple(index: 0, body: body, hash: "same"))
        try store.flush()
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 1)
        #expect(try store.scalar("SELECT COUNT(*) FROM exchanges WHERE body_sha256 = 'same'") == 3)
        #expect(try store.results(runID: second).first?.observed?.body == body)
    }

    @Test("truncated prefixes of one body each read back as kept, whichever came first")
    func prefixesOfOneBody() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let long = Sample.rich()[3]
        var short = Sample.rich()[2]
        short.index = 4
        let runID = try store.beginRun(Sample.info(), plannedRequests: 2)
        try store.append(runID: runID, result: long)
        try store.flush()
        try store.append(runID: runID, result: short)
        try store.flush()
        #expect(try store.results(runID: runID) == [long, short])
        #expect(try store.scalar("SELECT length(data) FROM bodies WHERE sha256 = 'sha-full'") == 20)
    }
}
