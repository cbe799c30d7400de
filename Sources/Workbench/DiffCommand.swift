import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Engine
import Reports
import Store

/// `workbench diff RUN_A RUN_B` or `workbench diff --profiles A,B`: what changed, request by request.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two stored runs request by request (exit 0 equal, 1 different).",
        discussion: """
        Requests are matched by id (group path + name). Compared: outcome, status, Python exception, profile
        effects, response headers as Python saw them, bodies (JSON structurally, text line by line) and, with
        --timing-threshold, durations. The Date header is always ignored; so are the collection's
        diff.ignoreHeaders / diff.ignorePaths when its file still exists.

        Examples:
          workbench diff last~1 last
          workbench diff 12 15 --ignore-header X-Request-Id --ignore-path '$.id'
          workbench diff --profiles native,browser-main --collection collections/demo.json
        """
    )

    @Argument(help: "Two runs: ids, last, last~N.")
    var runs: [String] = []

    @Option(name: .long, help: "Compare the latest runs of one collection under two profiles: A,B.")
    var profiles: String?

    @Option(name: .long, help: "With --profiles: the collection (file or name); default: the most recent run's.")
    var collection: String?

    @Option(name: .customLong("ignore-header"), parsing: .singleValue, help: "A response header to ignore (repeatable).")
    var ignoreHeaders: [String] = []

    @Option(name: .customLong("ignore-path"), parsing: .singleValue, help: "A JSONPath into bodies to ignore, with children (repeatable).")
    var ignorePaths: [String] = []

    @Option(name: .customLong("timing-threshold"), help: "Report duration changes beyond this percentage (20%); off by default.")
    var timingThreshold: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let comparison: Comparison
        do {
            var rules = try makeRules()
            let runStore = try store.open()
            let (a, b) = try pickRuns(runStore)
            applyCollectionIgnores(a: a, b: b, to: &rules)
            let diff = RunDiffer.diff(try runStore.resultsForDiff(runID: a.id), try runStore.resultsForDiff(runID: b.id), rules: rules)
            comparison = Comparison(a: a, b: b, diff: diff, rules: rules)
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: output.stderr)
        }
        if output.format == .json {
            output.stdout.line(comparison.diff.json(a: comparison.a, b: comparison.b, rules: comparison.rules).serialized(pretty: true))
        } else {
            DiffView.print(comparison, terminal: output.stdout)
        }
        if !comparison.diff.isEqual { throw ExitCode(ExitStatus.failed) }
    }

    /// The two runs and their diff.
    struct Comparison {
        var a: RunSummary
        var b: RunSummary
        var diff: RunDiff
        var rules: DiffRules
    }

    /// Rules from the flags (the collection's lists are added once the runs are known).
    func makeRules() throws(CLIError) -> DiffRules {
        var rules = DiffRules(headers: ignoreHeaders)
        let errors = rules.ignore(pathTexts: ignorePaths)
        if let first = errors.first { throw CLIError.badInput("--ignore-path: \(first.message)") }
        if let text = timingThreshold {
            let number = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let percent = Double(number), percent.isFinite, percent > 0 else {
                throw CLIError.badInput("--timing-threshold \(text): expected a percentage such as 20%")
            }
            rules.timingThreshold = percent / 100
        }
        return rules
    }

    /// Run A and run B, from two references or from `--profiles`.
    func pickRuns(_ runStore: RunStore) throws(CLIError) -> (RunSummary, RunSummary) {
        do {
            if let profiles {
                guard runs.isEmpty else {
                    throw CLIError.badInput("give either two runs or --profiles A,B, not both")
                }
                return try latestRuns(runStore, profiles: profiles)
            }
            guard collection == nil else { throw CLIError.badInput("--collection goes with --profiles A,B") }
            guard runs.count == 2 else {
                throw CLIError.badInput("diff takes two runs (workbench diff last~1 last) or --profiles A,B; got \(runs.count) run\(runs.count == 1 ? "" : "s")")
            }
            return (try summary(runStore, runs[0]), try summary(runStore, runs[1]))
        } catch let error as StoreError {
            throw error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)")
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.store("\(error)")
        }
    }

    private func summary(_ runStore: RunStore, _ reference: String) throws -> RunSummary {
        let id = try runStore.resolveRun(reference)
        guard let run = try runStore.run(id: id) else { throw CLIError.badInput("no run \(reference)") }
        return run.summary
    }

    /// The newest finished runs of one collection under the two profiles of `--profiles A,B`.
    private func latestRuns(_ runStore: RunStore, profiles: String) throws -> (RunSummary, RunSummary) {
        let names = profiles.split(separator: ",").map { String($0).trimmingCharacters(of: " ") }.filter { !$0.isEmpty }
        guard names.count == 2 else {
            throw CLIError.badInput("--profiles takes two profile names separated by a comma (native,browser-main)")
        }
        let path: String
        if let collection {
            let stored = CollectionReference.stored(collection)
            if let run = try runStore.listRuns(RunFilter(limit: 1, collection: stored)).first {
                path = run.collectionPath
            } else {
                throw CLIError.badInput("no stored run of \(collection); run it first: workbench run \(collection) --profile \(names.joined(separator: ","))")
            }
        } else {
            guard let latest = try runStore.listRuns(RunFilter(limit: 1)).first else {
                throw CLIError.badInput("the database holds no runs yet; try: workbench run collections/demo.json --profile \(names.joined(separator: ","))")
            }
            path = latest.collectionPath
        }
        var found: [RunSummary] = []
        for name in names {
            guard let run = try runStore.latestRun(collectionPath: path, profile: name) else {
                throw CLIError.badInput("no finished run of \(path) under profile \(name); run: workbench run \(path) --profile \(name)")
            }
            found.append(run)
        }
        return (found[0], found[1])
    }

    /// Adds each run's collection `diff` lists when its file still loads; says so on stderr when it does not.
    func applyCollectionIgnores(a: RunSummary, b: RunSummary, to rules: inout DiffRules) {
        var paths = [a.collectionPath]
        if b.collectionPath != a.collectionPath { paths.append(b.collectionPath) }
        for path in paths where !path.isEmpty {
            guard access(path, F_OK) == 0 else {
                output.stderr.line(output.stderr.dim("note: \(path) is gone; its diff ignore lists were not applied"))
                continue
            }
            // Loading and validating a large collection costs more than the diff itself: skip it when the
            // file cannot hold a `diff` member at all.
            guard DiffListScan.mayDeclareLists(path: path) else { continue }
            do {
                rules.ignore(try CollectionLoader.load(path: path).diffIgnore)
            } catch {
                output.stderr.line(output.stderr.dim("note: \(path) no longer loads; its diff ignore lists were not applied"))
            }
        }
    }
}

/// The human form of a diff: a header per differing request with coloured +/- lines, then a summary line.
enum DiffView {
    /// Body changes shown per request before the rest is only counted.
    static let maxBodyChanges = 50
    /// Characters of a JSON value or header value shown before it is cut.
    static let maxValueLength = 120

    static func print(_ c: DiffCommand.Comparison, terminal t: Terminal) {
        t.line(t.bold("Run \(c.a.id) → run \(c.b.id)") + " · " + describe(c.a, c.b))
        var ignoring = "ignoring headers " + c.rules.ignoredHeaderList.map { $0 == "date" ? "date (default)" : $0 }.joined(separator: ", ")
        if !c.rules.ignoredPaths.isEmpty { ignoring += " · paths " + c.rules.ignoredPaths.map(\.text).joined(separator: ", ") }
        if let threshold = c.rules.timingThreshold { ignoring += " · timing changes under " + Format.fixed(threshold * 100, 0) + "%" }
        t.line(t.dim(ignoring))
        let common = commonEffectChanges(c.diff)
        if !common.isEmpty {
            t.line()
            t.line(t.bold("In every request") + t.dim(" (not repeated below)"))
            for line in lines(common, t) { t.line("  " + line) }
        }
        for request in c.diff.requests where !request.isEqual {
            t.line()
            switch request.presence {
            case .onlyInA: t.line(t.paint("- \(request.requestID)", .red, bold: true) + t.dim("  only in A (run \(c.a.id))"))
            case .onlyInB: t.line(t.paint("+ \(request.requestID)", .green, bold: true) + t.dim("  only in B (run \(c.b.id))"))
            case .both:
                t.line(t.paint("~ \(request.requestID)", .yellow, bold: true))
                let own = request.changes.filter { !common.contains($0) }
                if own.isEmpty { t.line("  " + t.dim("only the effects common to every request")) }
                for line in lines(own, t) { t.line("  " + line) }
            }
        }
        t.line()
        t.line(summary(c.diff))
    }

    /// Effect changes found in every matched request (when there are at least two): printed once, not per request.
    static func commonEffectChanges(_ diff: RunDiff) -> [Change] {
        let matched = diff.requests.filter { $0.presence == .both }
        guard matched.count >= 2, let first = matched.first else { return [] }
        return first.changes.filter { change in
            switch change {
            case .effectAdded, .effectRemoved: return matched.allSatisfy { $0.changes.contains(change) }
            default: return false
            }
        }
    }

    static func describe(_ a: RunSummary, _ b: RunSummary) -> String {
        func side(_ run: RunSummary) -> String {
            run.profile + (run.environment.map { ", env \($0)" } ?? "") + ", " + Format.timestamp(run.startedAt)
        }
        let collection = a.collectionName == b.collectionName ? a.collectionName : "\(a.collectionName) → \(b.collectionName)"
        return "\(collection) · A: \(side(a)) · B: \(side(b))"
    }

    /// `3 requests differ, 12 equal, 1 only in B`.
    static func summary(_ diff: RunDiff) -> String {
        if diff.isEqual {
            return "No differences: \(diff.equalCount) request\(diff.equalCount == 1 ? "" : "s") equal."
        }
        var parts = ["\(diff.changedCount) request\(diff.changedCount == 1 ? " differs" : "s differ")", "\(diff.equalCount) equal"]
        if diff.onlyInACount > 0 { parts.append("\(diff.onlyInACount) only in A") }
        if diff.onlyInBCount > 0 { parts.append("\(diff.onlyInBCount) only in B") }
        return parts.joined(separator: ", ")
    }

    static func lines(_ changes: [Change], _ t: Terminal) -> [String] {
        var out: [String] = []
        var bodyShown = 0, bodyHidden = 0
        for change in changes {
            switch change {
            case .bodyAdded, .bodyRemoved, .bodyChanged:
                guard bodyShown < maxBodyChanges else { bodyHidden += 1; continue }
                bodyShown += 1
            default: break
            }
            out += render(change, t)
        }
        if bodyHidden > 0 { out.append(t.dim("… \(bodyHidden) more body change\(bodyHidden == 1 ? "" : "s") (--output json lists all)")) }
        return out
    }

    static func render(_ change: Change, _ t: Terminal) -> [String] {
        let tilde = t.paint("~", .yellow)
        switch change {
        case .outcome(let from, let to):
            return ["\(tilde) outcome: \(from.rawValue) → \(to.rawValue)"]
        case .status(let from, let to):
            return ["\(tilde) status: \(from.map(String.init) ?? "no response") → \(to.map(String.init) ?? "no response")"]
        case .exception(let from, let to):
            func text(_ e: PythonError?) -> String { e.map { "\($0.type): \(cut($0.message))" } ?? "none" }
            return ["\(tilde) exception: \(text(from)) → \(text(to))"]
        case .effectAdded(let e): return [t.paint("+ effect \(e.code): \(cut(e.message))", .green)]
        case .effectRemoved(let e): return [t.paint("- effect \(e.code): \(cut(e.message))", .red)]
        case .headerAdded(let name, let value): return [t.paint("+ header \(name): \(cut(value))", .green)]
        case .headerRemoved(let name, let value): return [t.paint("- header \(name): \(cut(value))", .red)]
        case .headerChanged(let name, let from, let to): return ["\(tilde) header \(name): \(cut(from)) → \(cut(to))"]
        case .bodyAdded(let path, let value): return [t.paint("+ \(path): \(cut(value.serialized()))", .green)]
        case .bodyRemoved(let path, let value): return [t.paint("- \(path): \(cut(value.serialized()))", .red)]
        case .bodyChanged(let path, let from, let to):
            return ["\(tilde) \(path): \(cut(from.serialized())) → \(cut(to.serialized()))"]
        case .bodyText(let diff):
            var out = ["\(tilde) body (text):"]
            for line in diff.lines {
                if line.hasPrefix("@@") { out.append("    " + t.paint(line, .cyan)) }
                else if line.hasPrefix("+") { out.append("    " + t.paint(line, .green)) }
                else if line.hasPrefix("-") { out.append("    " + t.paint(line, .red)) }
                else { out.append("    " + line) }
            }
            if diff.omittedLines > 0 { out.append("    " + t.dim("… \(diff.omittedLines) more diff lines (--output json lists them)")) }
            return out
        case .bodyBinary(let fromSize, let toSize):
            return ["\(tilde) body differs (not text): \(Format.bytes(fromSize)) → \(Format.bytes(toSize))"]
        case .timing(let fromMicros, let toMicros):
            let percent = Double(toMicros - fromMicros) / Double(max(fromMicros, 1)) * 100
            let sign = percent >= 0 ? "+" : ""
            return ["\(tilde) time: \(Format.duration(micros: fromMicros)) → \(Format.duration(micros: toMicros)) (\(sign)\(Format.fixed(percent, 0))%)"]
        }
    }

    static func cut(_ text: String) -> String {
        let flat = text.replacingNewlines()
        return flat.count > maxValueLength ? String(flat.prefix(maxValueLength - 1)) + "…" : flat
    }
}

private extension String {
    func trimmingCharacters(of blank: Character) -> String {
        var s = Substring(self)
        while s.first == blank { s = s.dropFirst() }
        while s.last == blank { s = s.dropLast() }
        return String(s)
    }

    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
