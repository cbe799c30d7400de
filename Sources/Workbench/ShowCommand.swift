import ArgumentParser
import Engine
import Store

/// `workbench show RUN [REQUEST]`: one run's requests, or one request's full exchange.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a stored run (RUN is an id, 'last' or 'last~N'), or one request's full exchange."
    )

    @Argument(help: "The run: an id, last, last~1, …")
    var runReference: String = "last"

    @Argument(help: "A request of the run: its id (group/name), its name, or its 1-based position.")
    var request: String?

    @Option(name: .customLong("body-lines"), help: "Body lines shown before truncating.")
    var bodyLines: Int = 60

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        do {
            let runStore = try store.open()
            let id: Int64
            do { id = try runStore.resolveRun(runReference) } catch { throw CLIError.badInput("\(error)") }
            guard let stored = try runStore.run(id: id) else { throw CLIError.badInput("no run \(runReference)") }
            let results = try runStore.results(runID: id)
            if let request {
                guard let result = Self.find(request, in: results) else {
                    let names = results.prefix(20).map(\.requestID).joined(separator: ", ")
                    throw CLIError.badInput("run \(id) has no request '\(request)'. Its requests: \(names)")
                }
                if output.format == .json { out.line(result.json.serialized(pretty: true)); return }
                ExchangeView.print(result, run: stored, terminal: out, bodyLines: bodyLines)
            } else {
                if output.format == .json {
                    var o = JSONObject()
                    o["run"] = stored.summary.json
                    o["results"] = .array(results.map(\.json))
                    out.line(JSONValue.object(o).serialized(pretty: true))
                    return
                }
                RunView.print(stored, results: results, terminal: out)
            }
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: output.stderr)
        }
    }

    static func find(_ reference: String, in results: [RequestResult]) -> RequestResult? {
        if let exact = results.first(where: { $0.requestID == reference }) { return exact }
        if let byName = results.first(where: { $0.name == reference }) { return byName }
        if let position = Int(reference), position >= 1, position <= results.count { return results[position - 1] }
        return nil
    }
}

/// A run as a list of its requests.
enum RunView {
    static func print(_ run: StoredRun, results: [RequestResult], terminal t: Terminal) {
        let s = run.summary
        t.line(t.bold("Run \(s.id)") + " · \(s.collectionName) · profile \(s.profile)" + (s.environment.map { " · env \($0)" } ?? ""))
        var details = ["\(Format.timestamp(s.startedAt))", "status \(s.status.rawValue)", "host \(s.host)"]
        if let origin = s.origin { details.append("origin \(origin)") }
        details.append("mode \(s.mode.rawValue)")
        t.line(t.dim(details.joined(separator: " · ")))
        t.line()
        for result in results {
            for line in RequestLines.render(result, terminal: t, verbose: false) { t.line(line) }
        }
        t.line()
        let c = s.counts
        t.line("\(c.passed) passed, \(c.failed) failed, \(c.errored) errored, \(c.skipped) skipped" + (s.durationMicros.map { " in \(Format.duration(micros: $0))" } ?? ""))
        if run.plannedRequests > results.count, s.status != .completed {
            t.line(t.paint("\(run.plannedRequests - results.count) planned request(s) did not run (\(s.status.rawValue))", .yellow))
        }
    }
}

/// One request's full exchange: as sent, as received, what Python saw, effects, assertions.
enum ExchangeView {
    static func print(_ r: RequestResult, run: StoredRun, terminal t: Terminal, bodyLines: Int) {
        t.line(t.bold(r.requestID) + " · run \(run.summary.id) · profile \(run.summary.profile) · " + RequestLines.symbol(r.outcome, t) + " \(r.outcome.rawValue)")
        t.line(t.dim("\(r.method) \(r.url) · \(Format.duration(micros: r.durationMicros))"))
        for exchange in r.exchanges {
            t.line()
            t.line(t.bold("── \(exchange.kind.rawValue)") + t.dim(exchange.remoteAddress.map { " · \($0):\(exchange.remotePort ?? 0)" } ?? ""))
            t.line(t.paint("> \(exchange.request.method) \(exchange.request.url)", .blue))
            for h in exchange.request.headers { t.line(t.paint(">", .blue) + " \(h.name): \(h.value)") }
            if exchange.request.bodySize > 0 { t.line(t.dim("> (\(Format.bytes(exchange.request.bodySize)) body)")) }
            if let response = exchange.response {
                t.line(t.paint("< HTTP/\(response.httpVersion) \(response.status) \(response.reason)", .magenta))
                for h in response.headers { t.line(t.paint("<", .magenta) + " \(h.name): \(h.value)") }
                let tm = exchange.timings
                t.line(t.dim("  timings: dns \(Format.duration(micros: tm.dns)), connect \(Format.duration(micros: tm.connect)), tls \(Format.duration(micros: tm.tls)), first byte \(Format.duration(micros: tm.firstByte)), total \(Format.duration(micros: tm.total))"))
            }
            if let error = exchange.error { t.line(t.paint("  error \(error.kind.rawValue): \(error.message)", .red)) }
        }
        t.line()
        if let observed = r.observed {
            t.line(t.bold("What Python sees") + t.dim(" · \(observed.status) · \(Format.bytes(observed.bodySize))" + (observed.bodyTruncated ? " (stored truncated)" : "")))
            for h in observed.headers { t.line("  \(h.name): \(h.value)") }
            t.line()
            for line in BodyView.lines(observed.body, headers: observed.headers, maxLines: bodyLines, truncated: observed.bodyTruncated, totalSize: observed.bodySize) {
                t.line("  " + line)
            }
        } else if let python = r.pythonError {
            t.line(t.bold("What Python sees: ") + t.paint(python.type, .red) + ": \(python.message)")
            if let error = r.error { t.line(t.dim("  cause: \(error.kind.rawValue): \(error.message)")) }
        }
        if !r.effects.isEmpty {
            t.line()
            t.line(t.bold("Profile effects"))
            for e in r.effects { t.line("  \(t.paint(e.code, .cyan)) \(e.message)") }
        }
        if !r.assertions.isEmpty {
            t.line()
            t.line(t.bold("Assertions"))
            for a in r.assertions {
                let mark = a.passed ? t.paint("✓", .green) : t.paint("✗", .red)
                var line = "  \(mark) \(a.description)"
                if !a.passed { line += ": expected \(a.expected), got \(a.actual)" + (a.message.map { " (\($0))" } ?? "") }
                t.line(line)
            }
        }
        if !r.captures.isEmpty {
            t.line()
            t.line(t.bold("Captures"))
            for c in r.captures {
                t.line("  \(c.name) = " + (c.value.map { $0.serialized() } ?? t.paint(c.error ?? "nothing", .yellow)))
            }
        }
        if let note = r.expectationNote { t.line(); t.line(t.dim(note)) }
    }
}

/// A body for the terminal: JSON pretty-printed, text as is, binary summarised; cut after `maxLines`.
enum BodyView {
    static func lines(_ body: [UInt8], headers: [HeaderField], maxLines: Int, truncated: Bool, totalSize: Int64) -> [String] {
        guard !body.isEmpty else { return ["(empty body)"] }
        var text: String
        if let json = try? JSONParser.parse(body) {
            text = json.serialized(pretty: true)
        } else if let utf8 = String(validating: body, as: UTF8.self) {
            text = utf8
        } else {
            return ["(\(Format.bytes(totalSize)) of binary data)"]
        }
        if text.last == "\n" { text.removeLast() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > maxLines {
            let hidden = lines.count - maxLines
            lines = Array(lines.prefix(maxLines))
            lines.append("… \(hidden) more line\(hidden == 1 ? "" : "s") (show --body-lines N, or export the run)")
        }
        if truncated { lines.append("… body stored truncated: \(Format.bytes(Int64(body.count))) of \(Format.bytes(totalSize)) kept (--body-limit)") }
        return lines
    }
}
