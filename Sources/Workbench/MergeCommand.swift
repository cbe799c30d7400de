import ArgumentParser
import Engine
import Store
#if canImport(Glibc)
import Glibc
#endif

/// `workbench merge DB…`: fold the run histories of other databases (CI shards, other machines) into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Copy the runs of other databases into this one, without duplicates.",
        discussion: """
        Runs are matched by their uid, so merging a database twice (or databases that already share runs) copies \
        each run once. Runs still running are left out; merge again once they have ended. Each source is copied \
        in one transaction: an error leaves the target as it was before that source.
        Exit status: 0 merged, 2 a source does not exist or is the target, 3 store error.
        """
    )

    @Argument(help: "Databases to copy runs from (the files `run --db` wrote).")
    var sources: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("give at least one database to merge from") }
    }

    func run() throws {
        let stdout = output.stdout
        do throws(CLIError) {
            try execute(stdout: stdout)
        } catch {
            throw exitWith(error, terminal: output.stderr)
        }
    }

    private func execute(stdout: Terminal) throws(CLIError) {
        let target = CanonicalPath.of(store.path)
        for source in sources {
            guard FileCheck.isRegularFile(source) else {
                throw CLIError.badInput("merge: \(source) does not exist or is not a file; give the database files the runs were written to")
            }
            if CanonicalPath.of(source) == target {
                throw CLIError.badInput("merge: \(source) is the target database itself; choose another --db")
            }
        }
        let runStore = try store.open()
        var summaries: [MergeSummary] = []
        for source in sources {
            do throws(StoreError) {
                summaries.append(try runStore.merge(from: source))
            } catch {
                throw error.isBadInput ? CLIError.badInput("merge: \(error)") : CLIError.store("merge: \(error)")
            }
            if output.format == .text, let summary = summaries.last {
                stdout.line(Self.line(summary))
            }
        }
        if output.format == .json {
            stdout.line(Self.document(summaries, target: store.path).serialized(pretty: true))
        }
    }

    /// `shard-1.db: 2 runs copied (runs 7, 8; 14 results), 1 already present`.
    static func line(_ summary: MergeSummary) -> String {
        let copied = summary.copiedRunIDs.count
        var text = "\(summary.source): \(copied) run\(copied == 1 ? "" : "s") copied"
        if copied > 0 {
            text += " (run\(copied == 1 ? "" : "s") \(summary.copiedRunIDs.map(String.init).joined(separator: ", "));"
                + " \(summary.results) result\(summary.results == 1 ? "" : "s"))"
        }
        text += ", \(summary.alreadyPresent) already present"
        if summary.skippedRunning > 0 {
            text += ", \(summary.skippedRunning) still running (not copied; merge again when they end)"
        }
        return text
    }

    /// `--output json`: one object per source, in the order given.
    static func document(_ summaries: [MergeSummary], target: String) -> JSONValue {
        .object(JSONObject([
            ("target", .string(target)),
            ("sources", .array(summaries.map { summary in
                .object(JSONObject([
                    ("source", .string(summary.source)),
                    ("copiedRuns", .array(summary.copiedRunIDs.map { .number(Double($0)) })),
                    ("alreadyPresent", .number(Double(summary.alreadyPresent))),
                    ("skippedRunning", .number(Double(summary.skippedRunning))),
                    ("results", .number(Double(summary.results))),
                    ("newBodies", .number(Double(summary.newBodies))),
                ]))
            })),
        ]))
    }
}

/// File checks the commands make before opening anything.
enum FileCheck {
    /// True when `path` exists and is a regular file (following symlinks).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }
}
