import ArgumentParser
import Engine
import Store

/// `workbench trend REQUEST`: one request's timings and verdicts across stored runs.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "One request's timings across runs (p50/p95/max per phase, a sparkline) and its pass/fail streak.",
        discussion: """
        Phases are durations of the final hop (after redirects, preflights excluded), from libcurl's cumulative
        times: dns, connect, tls, first byte (waiting for the response once the request could be sent), total.
        """
    )

    @Argument(help: "The request's id: its group path and name (users/create).")
    var request: String

    @Option(name: .long, help: "Only runs of this collection (its name, or its file).")
    var collection: String?

    @Option(name: .long, help: "Only runs under this profile.")
    var profile: String?

    @Option(name: .long, help: "The newest N runs holding the request.")
    var limit: Int = 30

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let points: [TrendPoint]
        do {
            guard limit > 0 else { throw CLIError.badInput("--limit must be 1 or more, not \(limit)") }
            let runStore = try store.open()
            points = try runStore.trend(requestID: request, collection: collection.map(CollectionReference.stored),
                                        profile: profile, limit: limit)
            if points.isEmpty { throw CLIError.badInput(try notFoundMessage(runStore)) }
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: output.stderr)
        }
        let stats = TrendPhase.allCases.compactMap { PhaseStatistics.of($0, in: points) }
        if output.format == .json {
            output.stdout.line(json(points, stats).serialized(pretty: true))
        } else {
            render(points, stats, terminal: output.stdout)
        }
    }

    /// Says no run holds the request, listing the ids the newest matching run does hold.
    private func notFoundMessage(_ runStore: RunStore) throws(StoreError) -> String {
        var message = "no finished run holds request '\(request)'"
        var filters: [String] = []
        if let collection { filters.append("collection \(collection)") }
        if let profile { filters.append("profile \(profile)") }
        if !filters.isEmpty { message += " (" + filters.joined(separator: ", ") + ")" }
        let filter = RunFilter(limit: 1, collection: collection.map(CollectionReference.stored), profile: profile)
        if let latest = try runStore.listRuns(filter).first {
            let ids = try runStore.results(runID: latest.id).map(\.requestID)
            if !ids.isEmpty {
                message += ". Run \(latest.id) holds: " + ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? ", …" : "")
            }
        }
        return message
    }

    private func render(_ points: [TrendPoint], _ stats: [PhaseStatistics], terminal t: Terminal) {
        let profiles = Set(points.map(\.profile)).sorted()
        var header = t.bold(request) + " · \(points.count) run\(points.count == 1 ? "" : "s")"
        header += " · profile\(profiles.count == 1 ? "" : "s") " + profiles.joined(separator: ", ")
        t.line(header)
        if let first = points.first, let last = points.last {
            t.line(t.dim("runs \(first.runID) … \(last.runID), \(Format.timestamp(first.startedAt)) … \(Format.timestamp(last.startedAt))"))
        }
        t.line()
        if stats.isEmpty {
            t.line("No timings: the request was never sent in these runs.")
        } else {
            let rows = stats.map { s in
                [Self.label(s.phase), Format.duration(micros: s.p50), Format.duration(micros: s.p95), Format.duration(micros: s.max)]
            }
            let lines = Format.table(["phase", "p50", "p95", "max"], rows, width: t.width, rightAligned: [1, 2, 3])
            t.line(t.bold(lines[0]))
            for line in lines.dropFirst() { t.line(line) }
            t.line()
            let totals = points.map { $0.timings.map(TrendPhase.total.micros) }
            let known = totals.compactMap { $0 }
            let range = known.isEmpty ? "" : "  " + Format.duration(micros: known.min() ?? 0) + " … " + Format.duration(micros: known.max() ?? 0)
            t.line("total   " + t.paint(Sparkline.render(totals), .cyan) + t.dim(range))
        }
        let marks = points.map { point -> String in
            switch point.outcome {
            case .passed: return t.paint("✓", .green)
            case .failed, .errored: return t.paint("✗", .red)
            case .skipped: return t.paint("-", .yellow)
            }
        }
        t.line("result  " + marks.joined())
        if let streak = Streak.of(points) {
            let colour: Terminal.Color = streak.state == .passing ? .green : streak.state == .failing ? .red : .yellow
            t.line()
            t.line(t.paint(streak.sentence, colour))
        }
    }

    private static func label(_ phase: TrendPhase) -> String {
        switch phase {
        case .dns: return "dns"
        case .connect: return "connect"
        case .tls: return "tls"
        case .firstByte: return "first byte"
        case .total: return "total"
        }
    }

    private func json(_ points: [TrendPoint], _ stats: [PhaseStatistics]) -> JSONValue {
        var o = JSONObject()
        o["request"] = .string(request)
        o["runs"] = .array(points.map { point in
            var p = JSONObject()
            p["run"] = .number(Double(point.runID))
            p["startedAt"] = .number(point.startedAt)
            p["profile"] = .string(point.profile)
            p["outcome"] = .string(point.outcome.rawValue)
            p["durationMicros"] = .number(Double(point.durationMicros))
            p["timings"] = point.timings.map { t in
                .object(JSONObject([
                    ("dns", .number(Double(t.dns))), ("connect", .number(Double(t.connect))), ("tls", .number(Double(t.tls))),
                    ("pretransfer", .number(Double(t.pretransfer))), ("firstByte", .number(Double(t.firstByte))),
                    ("total", .number(Double(t.total))),
                ]))
            } ?? .null
            return .object(p)
        })
        var phases = JSONObject()
        for s in stats {
            phases[s.phase.rawValue] = .object(JSONObject([
                ("p50", .number(Double(s.p50))), ("p95", .number(Double(s.p95))), ("max", .number(Double(s.max))),
                ("count", .number(Double(s.count))),
            ]))
        }
        o["phasesMicros"] = .object(phases)
        if let streak = Streak.of(points) {
            o["streak"] = .object(JSONObject([
                ("state", .string(streak.state.rawValue)), ("length", .number(Double(streak.length))),
                ("sinceRun", .number(Double(streak.sinceRunID))), ("text", .string(streak.sentence)),
            ]))
        }
        return .object(o)
    }
}

/// `▁▂▃▄▅▆▇█` bars scaled between the smallest and largest value; a gap for a missing value.
enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func render(_ values: [Int64?]) -> String {
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return bars[3] }
            let level = Int((Double(value - low) / Double(high - low) * Double(bars.count - 1)).rounded())
            return bars[min(max(level, 0), bars.count - 1)]
        })
    }
}
