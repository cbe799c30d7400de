import ArgumentParser
import Engine
import Store

/// `workbench history`: recent runs, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List stored runs, newest first."
    )

    @Option(name: .long, help: "At most this many runs.")
    var limit: Int = 20

    @Option(name: .long, help: "Only runs of this collection (name or path).")
    var collection: String?

    @Option(name: .long, help: "Only runs under this profile.")
    var profile: String?

    @Option(name: .long, help: "Only runs with this environment.")
    var env: String?

    @Flag(name: .long, help: "Only runs where something failed.")
    var failed = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        let runs: [RunSummary]
        do {
            let runStore = try store.open()
            runs = try runStore.listRuns(RunFilter(limit: limit, collection: collection, profile: profile, environment: env, failedOnly: failed))
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch {
            throw exitWith(CLIError.store("\(error)"), terminal: output.stderr)
        }
        if output.format == .json {
            out.line(JSONValue.array(runs.map(\.json)).serialized(pretty: true))
            return
        }
        if runs.isEmpty {
            out.line("No runs stored in \(store.path) yet. Try: workbench run collections/demo.json")
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
