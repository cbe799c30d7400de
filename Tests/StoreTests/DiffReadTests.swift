import Engine
import Testing
@testable import Store

@Suite("Diff read")
struct DiffReadTests {
    /// The fields `RunDiffer` compares, from a full result.
    private func compared(_ result: RequestResult) -> [String] {
        [result.requestID, result.name, result.outcome.rawValue, "\(result.index)", "\(result.durationMicros)",
         "\(result.startedAt)", "\(String(describing: result.pythonError))", "\(result.effects)",
         "\(String(describing: result.observed))"]
    }

    @Test("resultsForDiff holds what results holds for every compared field, bodies included")
    func sameComparedFields() throws {
        let directory = TemporaryDirectory()
        var results = Sample.rich()
        // Two more results sharing one body (read once) and one whose body is a kept prefix of the same hash.
        let shared = Array("{\"id\": 1, \"name\": \"caf\u{E9}\"}".utf8)
        results.append(Sample.simple(index: results.count, body: shared))
        results.append(Sample.simple(index: results.count, body: shared))
        let store = try RunStore.open(path: directory.database)
        let runID = try store.beginRun(Sample.info(), plannedRequests: results.count)
        for result in results { try store.append(runID: runID, result: result) }
        try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 1, failed: 0, errored: 0, skipped: 0),
                            endedAt: 1_700_000_200)
        let full = try store.results(runID: runID)
        let trimmed = try store.resultsForDiff(runID: runID)
        #expect(trimmed.count == full.count)
        #expect(trimmed.contains { $0.observed?.body.isEmpty == false })
        for (got, want) in zip(trimmed, full) {
            #expect(compared(got) == compared(want), "result \(want.index)")
            #expect(got.observed?.body == want.observed?.body, "body of \(want.index)")
            #expect(got.exchanges.isEmpty && got.assertions.isEmpty && got.captures.isEmpty)
        }
        #expect(try store.resultsForDiff(runID: 999).isEmpty)
    }

    @Test("a corrupt JSON column is reported with its column and place")
    func corruptColumn() throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let runID = try store.beginRun(Sample.info(), plannedRequests: 1)
        try store.append(runID: runID, result: Sample.simple(index: 0))
        try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 1, failed: 0, errored: 0, skipped: 0),
                            endedAt: 1_700_000_200)
        try store.connection.execute("UPDATE results SET effects = '[{\"code\": ' WHERE run_id = \(runID)", operation: "corrupt a column")
        #expect {
            _ = try store.resultsForDiff(runID: runID)
        } throws: { error in
            "\(error)".contains("results.effects of run \(runID), request #0")
        }
    }

    @Test("a corrupt, empty or unreadable observed column is StoreError.corrupt naming the column", arguments: [
        #"{"url": "#, "", #"{"url":"u","httpVersion":"1.1","status":"200","headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"\ud800","httpVersion":"1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"1.1","status":200,"headers":[["a"]],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
    ])
    func corruptObserved(text: String) throws {
        let directory = TemporaryDirectory()
        let store = try RunStore.open(path: directory.database)
        let runID = try store.beginRun(Sample.info(), plannedRequests: 2)
        try store.append(runID: runID, result: Sample.simple(index: 0))
        try store.append(runID: runID, result: Sample.simple(index: 1))
        try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 2, failed: 0, errored: 0, skipped: 0),
                            endedAt: 1_700_000_200)
        let quoted = "'" + text + "'"  // no quote in the texts above
        try store.connection.execute("UPDATE results SET observed = \(quoted) WHERE run_id = \(runID) AND idx = 1",
                                     operation: "corrupt a column")
        #expect {
            _ = try store.resultsForDiff(runID: runID)
        } throws: { error in
            guard let error = error as? StoreError, case .corrupt = error else { return false }
            return "\(error)".contains("results.observed of run \(runID), request #1")
        }
    }
}
