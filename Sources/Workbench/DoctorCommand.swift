import ArgumentParser
import Engine
import Store

/// `workbench doctor`: checks the run store the way SQLite can (integrity, references, schema version).
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the run store: SQLite's integrity check, dangling references, schema version.",
        discussion: "Exit status: 0 the database is sound, 3 it is not (or cannot be opened)."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report: IntegrityReport
        let runCount: Int
        do {
            let runStore = try store.open()
            report = try runStore.checkIntegrity()
            runCount = try runStore.listRuns(RunFilter()).count
        } catch let error as CLIError {
            throw exitWith(error, terminal: output.stderr)
        } catch let error as StoreError {
            throw exitWith(CLIError.store("\(error)"), terminal: output.stderr)
        }
        let out = output.stdout
        if output.format == .json {
            var o = JSONObject()
            o["database"] = .string(store.path)
            o["schemaVersion"] = .number(Double(report.schemaVersion))
            o["runs"] = .number(Double(runCount))
            o["sound"] = .bool(report.isSound)
            o["problems"] = .array(report.problems.map { .string($0) })
            o["danglingReferences"] = .array(report.danglingReferences.map { .string($0) })
            out.line(JSONValue.object(o).serialized(pretty: true))
        } else {
            out.line("\(store.path): schema v\(report.schemaVersion), \(runCount) run\(runCount == 1 ? "" : "s")")
            for line in report.problems { out.line("  integrity: \(line)") }
            for line in report.danglingReferences { out.line("  dangling reference: \(line)") }
            out.line(report.isSound ? "ok" : "NOT sound: copy the file aside, then try `sqlite3 FILE .recover`")
        }
        if !report.isSound { throw ExitCode(ExitStatus.storeError) }
    }
}
