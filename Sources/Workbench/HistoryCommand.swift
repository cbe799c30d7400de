import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Engine
import Store

/// `workbench history`: recent runs, newest first, filtered; `history prune` removes old ones.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List stored runs, newest first.",
        discussion: """
        RUN references elsewhere (show, diff, export) take an id from this list, 'last' or 'last~N'.
        --since takes \(HistoryTime.formats).
        """,
        subcommands: [HistoryPruneCommand.self]
    )

    @Option(name: .long, help: "At most this many runs (0: all).")
    var limit: Int = 20

    @Option(name: .long, help: "Only runs of this collection (its name, or its file).")
    var collection: String?

    @Option(name: .long, help: "Only runs under this profile.")
    var profile: String?

    @Option(name: .long, help: "Only runs with this environment.")
    var env: String?

    @Option(name: .long, help: "Only runs started since: a date (2026-11-01), a date-time, or a duration back from now (30m, 2h, 7d).")
    var since: String?

    @Flag(name: .long, help: "Only runs where something failed.")
    var failed = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        let runs: [RunSummary]
        do {
            let filter = try makeFilter(now: Clock.now())
            let runStore = try store.open()
            runs = try runStore.listRuns(filter)
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: output.stderr)
        }
        if output.format == .json {
            out.line(JSONValue.array(runs.map(\.json)).serialized(pretty: true))
            return
        }
        if runs.isEmpty {
            let filtered = collection != nil || profile != nil || env != nil || since != nil || failed
            out.line(filtered ? "No stored run matches these filters."
                : "No runs stored in \(store.path) yet. Try: workbench run collections/demo.json")
            return
        }
        let now = Clock.now()
        let rows = runs.map { run -> [String] in
            let bad = run.counts.failed + run.counts.errored
            let result = "\(run.counts.passed)/\(run.counts.total)" + (bad > 0 ? " (\(bad) failed)" : "")
            return [
                String(run.id), Format.timestamp(run.startedAt) + " (" + Format.age(run.startedAt, now: now) + ")",
                run.collectionName, run.profile, run.environment ?? "-", result,
                run.durationMicros.map { Format.duration(micros: $0) } ?? "-", run.status == .completed ? "" : run.status.rawValue,
            ]
        }
        let lines = Format.table(["id", "when", "collection", "profile", "env", "passed", "duration", "status"], rows,
                                 width: out.width, rightAligned: [0])
        out.line(out.bold(lines[0]))
        for (run, line) in zip(runs, lines.dropFirst()) {
            let bad = run.counts.failed + run.counts.errored > 0 || run.status != .completed
            out.line(bad && out.color ? out.paint(line, .red) : line)
        }
    }

    /// The store filter for the options; bad `--since` or `--limit` values are bad input.
    func makeFilter(now: Double) throws(CLIError) -> RunFilter {
        guard limit >= 0 else { throw CLIError.badInput("--limit must be 0 (all) or more, not \(limit)") }
        var start: Double?
        if let since {
            guard let parsed = HistoryTime.parse(since, now: now) else {
                throw CLIError.badInput("--since \(since): expected \(HistoryTime.formats)")
            }
            start = parsed
        }
        return RunFilter(limit: limit == 0 ? nil : limit, collection: collection.map(CollectionReference.stored),
                         profile: profile, environment: env, since: start, failedOnly: failed)
    }
}

/// `workbench history prune`: delete old runs and compact the database.
struct HistoryPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old runs (keep the newest N, or drop those older than a date or duration) and compact the database.",
        discussion: "Runs still being written are never deleted. --older-than takes \(HistoryTime.formats)."
    )

    @Option(name: .long, help: "Keep only the newest N runs.")
    var keep: Int?

    @Option(name: .customLong("older-than"), help: "Delete runs started before a date (2026-11-01), a date-time, or a duration ago (30d).")
    var olderThan: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        do {
            guard keep != nil || olderThan != nil else {
                throw CLIError.badInput("say what to prune: --keep N (keep the newest N runs) or --older-than DATE|DURATION")
            }
            if let keep, keep < 0 { throw CLIError.badInput("--keep must be 0 or more, not \(keep)") }
            var cutoff: Double?
            if let olderThan {
                guard let parsed = HistoryTime.parse(olderThan, now: Clock.now()) else {
                    throw CLIError.badInput("--older-than \(olderThan): expected \(HistoryTime.formats)")
                }
                cutoff = parsed
            }
            let runStore = try store.open()
            var removed = 0
            if let cutoff { removed += try runStore.deleteRuns(olderThan: cutoff) }
            if let keep { removed += try runStore.deleteRuns(keepLast: keep) }
            if output.format == .json {
                out(JSONValue.object(JSONObject([("removed", .number(Double(removed)))])).serialized(pretty: true))
            } else {
                out("Removed \(removed) run\(removed == 1 ? "" : "s") from \(store.path)." + (removed > 0 ? " The database was compacted." : ""))
            }
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: output.stderr)
        }
    }

    private func out(_ text: String) { output.stdout.line(text) }
}

/// How a `--collection` value names stored runs: an existing file becomes the canonical path runs store.
enum CollectionReference {
    static func stored(_ value: String) -> String {
        access(value, F_OK) == 0 ? CanonicalPath.of(value) : value
    }
}

extension RunSummary {
    /// The stable JSON form used by `history --output json`.
    var json: JSONValue {
        var o = JSONObject()
        o["id"] = .number(Double(id))
        o["group"] = groupID.map(JSONValue.string) ?? .null
        o["collection"] = .string(collectionName)
        o["collectionPath"] = .string(collectionPath)
        o["profile"] = .string(profile)
        o["environment"] = environment.map(JSONValue.string) ?? .null
        o["mode"] = .string(mode.rawValue)
        o["origin"] = origin.map(JSONValue.string) ?? .null
        o["startedAt"] = .number(startedAt)
        o["endedAt"] = endedAt.map(JSONValue.number) ?? .null
        o["status"] = .string(status.rawValue)
        o["passed"] = .number(Double(counts.passed))
        o["failed"] = .number(Double(counts.failed))
        o["errored"] = .number(Double(counts.errored))
        o["skipped"] = .number(Double(counts.skipped))
        o["durationMicros"] = durationMicros.map { .number(Double($0)) } ?? .null
        o["host"] = .string(host)
        return .object(o)
    }
}
