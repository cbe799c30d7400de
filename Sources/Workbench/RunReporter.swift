import Engine

/// Live output of a run: one line per request (with failures and effects beneath), a progress line on a
/// terminal, and a summary. Quiet mode prints only the summary.
final class RunReporter {
    private let out: Terminal
    private let quiet: Bool
    /// Nothing at all on stdout (`--output json` owns it).
    private let silent: Bool
    private let verbose: Bool
    private let profileCount: Int
    private var planned = 0
    private var done = 0
    private var failures = 0
    private var startedMicros: Int64 = 0
    private var progressShown = false
    private var nameWidth = 28

    init(stdout: Terminal, quiet: Bool, silent: Bool = false, verbose: Bool, profileCount: Int) {
        self.out = stdout
        self.quiet = quiet || silent
        self.silent = silent
        self.verbose = verbose
        self.profileCount = profileCount
    }

    private var showProgress: Bool { out.isTTY && !quiet }

    func begin(collection: Collection, profile: Profile, settings: RunSettings, runID: Int64, planned: Int) {
        self.planned = planned
        nameWidth = min(44, max(12, collection.requests.map { $0.id.count }.max() ?? 12))
        done = 0
        failures = 0
        startedMicros = Clock.monotonicMicros()
        guard !quiet else { return }
        var details = ["profile \(out.bold(profile.name))"]
        if profile.runtime != .native { details.append("mode \(settings.mode.rawValue)") }
        if let origin = settings.origin { details.append("origin \(origin)") }
        out.line("\(out.bold(collection.name)) · \(details.joined(separator: " · ")) · run \(runID) · \(planned) request\(planned == 1 ? "" : "s")")
    }

    func report(_ result: RequestResult) {
        done += 1
        if result.outcome == .failed || result.outcome == .errored { failures += 1 }
        guard !quiet else { return }
        clearProgress()
        for line in RequestLines.render(result, terminal: out, verbose: verbose, nameWidth: nameWidth) { out.line(line) }
        drawProgress()
    }

    private func clearProgress() {
        if progressShown {
            out.write("\r\u{1B}[K")
            progressShown = false
        }
    }

    private func drawProgress() {
        guard showProgress, done < planned else { return }
        let now = Clock.monotonicMicros()
        let elapsed = Double(now - startedMicros) / 1e6
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(planned - done) / rate : 0
        var text = "  [\(done)/\(planned)] \(Format.fixed(rate, 1)) req/s"
        if failures > 0 { text += " · \(failures) failed" }
        text += " · ETA \(Format.duration(micros: Int64(eta * 1e6)))"
        out.write(out.dim(Format.cell(text, out.width - 1).trimmingTrailingSpaces))
        progressShown = true
    }

    func finish(counts: RunCounts, status: RunStatus, runID: Int64) {
        clearProgress()
        guard !silent else { return }
        let elapsed = Clock.monotonicMicros() - startedMicros
        var parts: [String] = []
        parts.append(out.paint("\(counts.passed) passed", .green))
        if counts.failed > 0 { parts.append(out.paint("\(counts.failed) failed", .red)) }
        if counts.errored > 0 { parts.append(out.paint("\(counts.errored) errored", .red)) }
        if counts.skipped > 0 { parts.append(out.paint("\(counts.skipped) skipped", .yellow)) }
        var line = parts.joined(separator: ", ") + " in \(Format.duration(micros: elapsed)) · run \(runID) stored"
        if status == .interrupted { line += " · " + out.paint("interrupted", .yellow, bold: true) }
        if status == .failed { line += " · " + out.paint("store failed", .red, bold: true) }
        out.line(line)
        if !quiet || profileCount == 1 { out.line() }
    }

    func end() { clearProgress() }
}

/// The lines that describe one request result in the terminal.
enum RequestLines {
    /// Effects every request of a JavaScript profile has: listed with `-v` and in `show`, counted otherwise.
    static let routineEffects: Set<String> = ["header-added", "header-replaced", "timeout-one-clock", "redirect-followed", "content-decoded"]

    static func symbol(_ outcome: Outcome, _ t: Terminal) -> String {
        switch outcome {
        case .passed: return t.paint("✓", .green)
        case .failed: return t.paint("✗", .red)
        case .errored: return t.paint("!", .red, bold: true)
        case .skipped: return t.paint("-", .yellow)
        }
    }

    static func render(_ r: RequestResult, terminal t: Terminal, verbose: Bool, nameWidth: Int = 28) -> [String] {
        let status = r.observed.map { String($0.status) } ?? (r.outcome == .skipped ? "skip" : "---")
        let statusText: String
        if let code = r.observed?.status {
            statusText = t.paint(status, code >= 400 ? .red : (code >= 300 ? .yellow : .green))
        } else {
            statusText = t.dim(status)
        }
        let name = Format.cell(r.requestID, nameWidth)
        let method = Format.cell(r.method, 7)
        let time = Format.cell(r.outcome == .skipped ? "" : Format.duration(micros: r.durationMicros), 9, alignRight: true)
        let passedCount = r.assertions.filter(\.passed).count
        let checks = r.assertions.isEmpty ? "" : "  " + t.dim("\(passedCount)/\(r.assertions.count)")
        var lines = ["  \(symbol(r.outcome, t)) \(name) \(method) \(statusText) \(time)  \(t.dim(r.url))\(checks)"]
        let indent = "      "
        for assertion in r.assertions where !assertion.passed {
            var text = "\(indent)\(t.paint("✗", .red)) \(assertion.description): expected \(assertion.expected), got \(assertion.actual)"
            if let message = assertion.message { text += " (\(message))" }
            lines.append(text)
        }
        if let python = r.pythonError {
            lines.append("\(indent)\(t.paint(python.type, .red)): \(python.message)")
        } else if let error = r.error, r.observed == nil {
            lines.append("\(indent)\(t.paint(error.kind.rawValue, .red)): \(error.message)")
        }
        if let error = r.error, r.pythonError != nil, !verbose {
            lines.append("\(indent)\(t.dim("cause: \(error.kind.rawValue): \(error.message)"))")
        }
        for capture in r.captures where capture.error != nil {
            lines.append("\(indent)\(t.paint("capture \(capture.name)", .yellow)): \(capture.error ?? "")")
        }
        var routine = 0
        for effect in r.effects {
            if !verbose, RequestLines.routineEffects.contains(effect.code) {
                routine += 1
                continue
            }
            lines.append("\(indent)\(t.paint(effect.code, .cyan)) \(t.dim(effect.message))")
        }
        if routine > 0 {
            lines.append(indent + t.dim("+\(routine) routine effect\(routine == 1 ? "" : "s") (headers the runtime adds or replaces, redirects it follows; -v or `workbench show` lists them)"))
        }
        if let note = r.expectationNote, r.outcome != .skipped || verbose {
            lines.append("\(indent)\(t.dim(note))")
        }
        if verbose { lines.append(contentsOf: ExchangeLines.render(r, terminal: t, indent: indent)) }
        return lines
    }
}

/// curl -v style lines for each exchange of a request.
enum ExchangeLines {
    static func render(_ r: RequestResult, terminal t: Terminal, indent: String) -> [String] {
        var lines: [String] = []
        for exchange in r.exchanges {
            lines.append(indent + t.dim("* \(exchange.kind.rawValue) \(exchange.remoteAddress.map { "to \($0):\(exchange.remotePort ?? 0)" } ?? "")"))
            lines.append(indent + t.paint("> \(exchange.request.method) \(exchange.request.url)", .blue))
            for h in exchange.request.headers { lines.append(indent + t.paint("> \(h.name): \(h.value)", .blue)) }
            if let response = exchange.response {
                lines.append(indent + t.paint("< HTTP/\(response.httpVersion) \(response.status) \(response.reason)", .magenta))
                for h in response.headers { lines.append(indent + t.paint("< \(h.name): \(h.value)", .magenta)) }
                lines.append(indent + t.dim("< \(Format.bytes(response.bodySize)) body, sha256 \(response.bodySHA256.prefix(16))…"))
            }
            if let error = exchange.error { lines.append(indent + t.paint("* error \(error.kind.rawValue): \(error.message)", .red)) }
        }
        return lines
    }
}
