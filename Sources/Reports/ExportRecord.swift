import Engine
import Store

/// Everything an export reads: one stored run (identity, settings, how it ended) and its results.
///
/// Built from the store (`init(stored:results:)`) or by hand in tests. Exports are pure functions of a
/// record: they never read the clock, so the same record always gives the same bytes.
public struct RunRecord: Sendable, Hashable {
    /// The run's id in the store.
    public var id: Int64
    public var info: RunInfo
    public var status: RunStatus
    public var counts: RunCounts
    /// Seconds since 1970; `nil` while the run was still being written.
    public var endedAt: Double?
    /// The run's duration in microseconds; `nil` while the run was still being written.
    public var durationMicros: Int64?
    /// The results in collection order (already redacted by the runner before storage).
    public var results: [RequestResult]

    public init(id: Int64, info: RunInfo, status: RunStatus, counts: RunCounts, endedAt: Double?,
                durationMicros: Int64?, results: [RequestResult]) {
        self.id = id
        self.info = info
        self.status = status
        self.counts = counts
        self.endedAt = endedAt
        self.durationMicros = durationMicros
        self.results = results
    }

    /// A record of a stored run as `RunStore.run(id:)` and `RunStore.results(runID:)` return it.
    public init(stored: StoredRun, results: [RequestResult]) {
        self.init(id: stored.summary.id, info: stored.info, status: stored.summary.status, counts: stored.summary.counts,
                  endedAt: stored.summary.endedAt, durationMicros: stored.summary.durationMicros, results: results)
    }

    /// Reads run `id` and its results from the store; `nil` when there is no such run.
    public static func load(from store: RunStore, id: Int64) throws(StoreError) -> RunRecord? {
        guard let stored = try store.run(id: id) else { return nil }
        return RunRecord(stored: stored, results: try store.results(runID: id))
    }

    /// The run's duration in microseconds: the stored one, else the span of its results.
    var effectiveDurationMicros: Int64 {
        if let durationMicros { return durationMicros }
        let end = results.map { $0.startedAt + Double($0.durationMicros) / 1e6 }.max() ?? info.startedAt
        return Int64(((end - info.startedAt) * 1e6).rounded())
    }

    /// `Collection · profile`, the run's title in JUnit, HTML and TAP.
    var title: String { "\(info.collectionName) · \(info.profile)" }
}
