import Engine

/// One request's history across runs (`workbench trend`): per run, its outcome and the final hop's timings.
extension RunStore {
    /// The runs (finished ones, newest `limit` of them) that hold request `requestID`, oldest first.
    ///
    /// `collection` matches the collection's name or path exactly, as `RunFilter.collection` does.
    public func trend(requestID: String, collection: String? = nil, profile: String? = nil,
                      limit: Int? = nil) throws(StoreError) -> [TrendPoint] {
        try flush()
        var conditions = ["r.request_id = ?", "ru.status != 'running'"]
        var values: [SQLValue] = [.text(requestID)]
        if let collection {
            conditions.append("(ru.collection_name = ? OR ru.collection_path = ?)")
            values += [.text(collection), .text(collection)]
        }
        if let profile {
            conditions.append("ru.profile = ?")
            values.append(.text(profile))
        }
        values.append(.int(max(limit ?? -1, -1)))
        // The final hop: the last exchange that is not a preflight.
        let query = try connection.statement("""
            SELECT r.run_id, ru.started_at, ru.profile, r.outcome, r.duration_us,
                e.t_dns, e.t_connect, e.t_tls, e.t_pretransfer, e.t_first_byte, e.t_total, e.id
            FROM results r JOIN runs ru ON ru.id = r.run_id
            LEFT JOIN exchanges e ON e.id = (
                SELECT x.id FROM exchanges x WHERE x.result_id = r.id AND x.kind != 'preflight' ORDER BY x.seq DESC LIMIT 1)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY ru.started_at DESC, ru.id DESC, r.idx LIMIT ?
            """)
        let points = try query.rows(values, operation: "read a request's trend") { row throws(StoreError) -> TrendPoint in
            let runID = row.int64(0)
            let timings: Timings? = row.isNull(11) ? nil : Timings(
                dns: row.int64(5), connect: row.int64(6), tls: row.int64(7), pretransfer: row.int64(8),
                firstByte: row.int64(9), total: row.int64(10))
            return TrendPoint(runID: runID, startedAt: row.double(1), profile: row.text(2) ?? "",
                              outcome: try enumValue(Outcome.self, row.text(3), "results.outcome of run \(runID)"),
                              durationMicros: row.int64(4), timings: timings)
        }
        return points.reversed()
    }
}

/// One run's record of one request, as `RunStore.trend` returns it.
public struct TrendPoint: Sendable, Hashable {
    public var runID: Int64
    /// When the run started, seconds since 1970.
    public var startedAt: Double
    public var profile: String
    public var outcome: Outcome
    /// The whole request (preflights and redirects included), microseconds.
    public var durationMicros: Int64
    /// libcurl's cumulative timings of the final hop (the last exchange that is not a preflight);
    /// `nil` when nothing was sent.
    public var timings: Timings?

    public init(runID: Int64, startedAt: Double, profile: String, outcome: Outcome, durationMicros: Int64,
                timings: Timings?) {
        self.runID = runID
        self.startedAt = startedAt
        self.profile = profile
        self.outcome = outcome
        self.durationMicros = durationMicros
        self.timings = timings
    }
}

/// The phases `workbench trend` reports, as durations computed from libcurl's cumulative points.
public enum TrendPhase: String, Sendable, Hashable, CaseIterable {
    /// Name resolution (`t_dns`).
    case dns
    /// TCP connect after DNS (`t_connect - t_dns`).
    case connect
    /// TLS handshake after connect (`t_tls - t_connect`; 0 for plain HTTP).
    case tls
    /// Waiting for the first byte once the request could be sent (`t_first_byte - t_pretransfer`).
    case firstByte = "first-byte"
    /// The whole final hop (`t_total`).
    case total

    /// The phase's duration in microseconds (never negative).
    public func micros(_ t: Timings) -> Int64 {
        switch self {
        case .dns: return max(0, t.dns)
        case .connect: return max(0, t.connect - t.dns)
        case .tls: return max(0, t.tls - t.connect)
        case .firstByte: return max(0, t.firstByte - t.pretransfer)
        case .total: return max(0, t.total)
        }
    }
}

/// p50, p95 and max of one phase over the runs that sent the request (nearest-rank percentiles).
public struct PhaseStatistics: Sendable, Hashable {
    public var phase: TrendPhase
    public var p50: Int64
    public var p95: Int64
    public var max: Int64
    /// How many runs contributed.
    public var count: Int

    public init(phase: TrendPhase, p50: Int64, p95: Int64, max: Int64, count: Int) {
        self.phase = phase
        self.p50 = p50
        self.p95 = p95
        self.max = max
        self.count = count
    }

    /// Statistics of `phase` over the points that have timings; `nil` when none has.
    public static func of(_ phase: TrendPhase, in points: [TrendPoint]) -> PhaseStatistics? {
        let values = points.compactMap { $0.timings.map(phase.micros) }.sorted()
        guard let last = values.last else { return nil }
        return PhaseStatistics(phase: phase, p50: percentile(values, 50), p95: percentile(values, 95), max: last,
                               count: values.count)
    }

    /// The nearest-rank percentile of sorted, non-empty values.
    public static func percentile(_ sorted: [Int64], _ p: Int) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = (p * sorted.count + 99) / 100
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}

/// The current run of equal verdicts at the end of a request's history.
public struct Streak: Sendable, Hashable {
    /// What the streak is: the request passed, failed (failed or errored), or was skipped.
    public enum State: String, Sendable, Hashable {
        case passing, failing, skipped
    }

    public var state: State
    /// How many of the newest runs share the state.
    public var length: Int
    /// The oldest run of the streak.
    public var sinceRunID: Int64
    /// True when every run of the history shares the state.
    public var coversAll: Bool

    public init(state: State, length: Int, sinceRunID: Int64, coversAll: Bool) {
        self.state = state
        self.length = length
        self.sinceRunID = sinceRunID
        self.coversAll = coversAll
    }

    /// The streak ending at the newest point (points oldest first); `nil` for an empty history.
    public static func of(_ points: [TrendPoint]) -> Streak? {
        guard let newest = points.last else { return nil }
        let state = Self.state(newest.outcome)
        var length = 0
        var since = newest.runID
        for point in points.reversed() {
            guard Self.state(point.outcome) == state else { break }
            length += 1
            since = point.runID
        }
        return Streak(state: state, length: length, sinceRunID: since, coversAll: length == points.count)
    }

    static func state(_ outcome: Outcome) -> State {
        switch outcome {
        case .passed: return .passing
        case .failed, .errored: return .failing
        case .skipped: return .skipped
        }
    }

    /// `passing 5 runs in a row`, `failing since run 12 (3 runs)`, `failing in all 4 runs`.
    public var sentence: String {
        let runs = length == 1 ? "1 run" : "\(length) runs"
        switch state {
        case .passing:
            return coversAll && length > 1 ? "passing in all \(runs)" : "passing \(runs) in a row"
        case .failing:
            return coversAll ? "failing in all \(runs)" : "failing since run \(sinceRunID) (\(runs))"
        case .skipped:
            return coversAll ? "skipped in all \(runs)" : "skipped since run \(sinceRunID) (\(runs))"
        }
    }
}
