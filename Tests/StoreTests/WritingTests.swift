import Engine
import Foundation
import Testing
@testable import Store

@Suite("Writing runs")
struct WritingTests {
    @Test("appended results are buffered until flush")
    func bufferedUntilFlush() throws {
        let directory = TemporaryDirectory()
        let writer = try RunStore.open(path: directory.database)
        writer.batchIntervalNanos = 3_600 * 1_000_000_000
        let reader = try RunStore.open(path: directory.database)
        let runID = try writer.beginRun(Sample.info(), plannedRequests: 3)
        for index in 0..<3 { try writer.append(runID: runID, result: Sample.simple(index: index)) }
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 0)
        try writer.flush()
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 3)
        #expect(try reader.listRuns(RunFilter()).first?.counts.passed == 3)
    }

    @Test("a full batch commits by itself")
    func batchLimit() throws {
        let directory = TemporaryDirectory()
        let writer = try RunStore.open(path: directory.database)
        writer.batchIntervalNanos = 3_600 * 1_000_000_000
        writer.batchLimit = 10
        let reader = try RunStore.open(path: directory.database)
        let runID = try writer.beginRun(Sample.info(), plannedRequests: 25)
        for index in 0..<25 { try writer.append(runID: runID, result: Sample.simple(index: index)) }
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 20)
        try writer.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 25), endedAt: 1_700_000_010)
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 25)
    }

    @Test("a batch older than the interval commits on the next append")
    func batchInterval() throws {
        let directory = TemporaryDirectory()
        let writer = try RunStore.open(path: directory.database)
        let reader = try RunStore.open(path: directory.database)
        let runID = try writer.beginRun(Sample.info(), plannedRequests: 2)
        writer.batchIntervalNanos = 3_600 * 1_000_000_000
        try writer.append(runID: runID, result: Sample.simple(index: 0))
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 0)
        // 100 ms, with the last commit 200 ms ago (set back rather than slept, so load cannot make this flaky).
        writer.batchIntervalNanos = 100_000_000
        writer.lastCommitNanos = POSIX.monotonicNanos() - 200_000_000
        try writer.append(runID: runID, result: Sample.simple(index: 1))
        #expect(try reader.scalar("SELECT COUNT(*) FROM results") == 2)
    }

    @Test("two stores write one file at the same time")
    func concurrentWriters() throws {
        let directory = TemporaryDirectory()
        let path = directory.database
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            do {
                let store = try RunStore.open(path: path)
                store.batchLimit = 50
                let runID = try store.beginRun(Sample.info(profile: "worker-\(worker)"), plannedRequests: 1000)
                for index in 0..<1000 {
                    let body = Array("worker \(worker) request \(index)".utf8)
                    try store.append(runID: runID, result: Sample.simple(index: index, body: body, hash: "w\(worker)-\(index)"))
                }
                try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 1000), endedAt: 1_700_000_100)
            } catch {
                errors.add("worker \(worker): \(error)")
            }
        }
        #expect(errors.errors.isEmpty)
        let store = try RunStore.open(path: path)
        let runs = try store.listRuns(RunFilter())
        #expect(runs.count == 2)
        for run in runs {
            #expect(run.status == .completed)
            #expect(try store.results(runID: run.id).count == 1000)
        }
        #expect(try store.scalar("SELECT COUNT(*) FROM bodies") == 2000)
    }

    @Test("a run whose writer died is marked interrupted on open, keeping committed results")
    func deadWriter() throws {
        let directory = TemporaryDirectory()
        let runID: Int64
        let liveID: Int64
        do {
            let store = try RunStore.open(path: directory.database)
            store.batchIntervalNanos = 3_600 * 1_000_000_000
            runID = try store.beginRun(Sample.info(), plannedRequests: 10)
            liveID = try store.beginRun(Sample.info(profile: "browser-main"), plannedRequests: 10)
            try store.append(runID: runID, result: Sample.simple(index: 0))
            try store.append(runID: runID, result: Sample.simple(index: 1, outcome: .failed))
            try store.append(runID: runID, result: Sample.simple(index: 2, outcome: .errored))
            try store.flush()
            // A pid above pid_max: no such process. Rows still buffered at a kill -9 are lost.
            try store.connection.execute("UPDATE runs SET pid = 2147483646 WHERE id = \(runID)", operation: "test")
            try store.append(runID: runID, result: Sample.simple(index: 3))
            store.pending.removeAll()
        }
        let store = try RunStore.open(path: directory.database)
        let run = try #require(try store.run(id: runID))
        #expect(run.summary.status == .interrupted)
        #expect(run.summary.counts == RunCounts(passed: 1, failed: 1, errored: 1, skipped: 0))
        #expect(abs((run.summary.endedAt ?? 0) - 1_700_000_003.001) < 1e-6)
        #expect(abs((run.summary.durationMicros ?? 0) - 2_751_000) <= 1)
        #expect(try store.results(runID: runID).map(\.index) == [0, 1, 2])
        // This process is alive: its run stays running.
        #expect(try store.run(id: liveID)?.summary.status == .running)
    }

    @Test("runs left running on another host are not touched")
    func otherHost() throws {
        let directory = TemporaryDirectory()
        let runID: Int64
        do {
            let store = try RunStore.open(path: directory.database)
            runID = try store.beginRun(Sample.info(), plannedRequests: 1)
            try store.connection.execute("UPDATE runs SET pid = 2147483646, host = 'elsewhere' WHERE id = \(runID)", operation: "test")
        }
        let store = try RunStore.open(path: directory.database)
        #expect(try store.run(id: runID)?.summary.status == .running)
    }

    @Test("a batch blocked past the busy timeout fails as locked, stays buffered, and commits on retry")
    func lockedBatchIsRetried() throws {
        let directory = TemporaryDirectory()
        let holder = try RunStore.open(path: directory.database)
        let writer = try RunStore.open(path: directory.database, busyTimeoutMillis: 50)
        let runID = try writer.beginRun(Sample.info(), plannedRequests: 2)
        try holder.connection.execute("BEGIN IMMEDIATE", operation: "test")
        try writer.append(runID: runID, result: Sample.simple(index: 0))
        #expect(throws: StoreError.locked(path: directory.database)) { try writer.flush() }
        try holder.connection.execute("COMMIT", operation: "test")
        try writer.append(runID: runID, result: Sample.simple(index: 1))
        try writer.flush()
        #expect(try holder.results(runID: runID).map(\.index) == [0, 1])
        #expect(try holder.run(id: runID)?.summary.counts.passed == 2)
    }

    @Test("a failed batch reports the error and does not poison later writes")
    func failedBatch() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let runID = try store.beginRun(Sample.info(), plannedRequests: 2)
        try store.append(runID: runID, result: Sample.simple(index: 0))
        try store.flush()
        try store.append(runID: runID, result: Sample.simple(index: 0))
        #expect(throws: StoreError.self) { try store.flush() }
        try store.append(runID: runID, result: Sample.simple(index: 1))
        try store.flush()
        #expect(try store.results(runID: runID).map(\.index) == [0, 1])
    }
}
