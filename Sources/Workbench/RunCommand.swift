import ArgumentParser
import Engine
import FixtureServer
import Reports
import Store
#if canImport(Glibc)
import Glibc
#endif

/// `workbench run FILE`: run a collection under one or more profiles and store each run.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a collection and store the run.",
        discussion: "Exit status: 0 every request met its expectations, 1 some did not, 2 bad input (nothing sent), 3 store error, 130/143 interrupted."
    )

    @Argument(help: "The collection file (JSON).")
    var file: String

    @Option(name: .long, help: "Profile(s): a name, a comma-separated list, 'all', or a profile file.")
    var profile: String = "native"

    @Option(name: .long, help: "Environment of the collection to use.")
    var env: String?

    @Option(name: .long, parsing: .singleValue, help: "Set a variable (repeatable): --var key=value.")
    var `var`: [String] = []

    @Option(name: .long, help: "Client mode: sync (httpx.Client) or async (httpx.AsyncClient).")
    var mode: ClientMode = .sync

    @Option(name: .long, help: "Page origin for browser profiles (default: the collection's origin, else the fixture server's page, else http://localhost:8000).")
    var origin: String?

    @Option(name: .long, help: "Credentials mode of browser requests: omit, same-origin (httpx's), include.")
    var credentials: CredentialsMode = .sameOrigin

    @Flag(name: .long, help: "Options the profile would ignore are errors before anything is sent.")
    var strict = false

    @Flag(name: .long, help: "Stop after the first request that fails.")
    var bail = false

    @Option(name: .long, help: "Requests in flight at once (captures are respected).")
    var jobs: Int = 1

    @Option(name: .customLong("body-limit"), help: "Bytes of each response body kept in the store.")
    var bodyLimit: Int = 1 << 20

    @Option(name: .customLong("max-response-bytes"), help: "Hard cap on each response body, in bytes after decoding (gzip included): a larger or endless body stops that request with error body-too-large. 0: no cap.")
    var maxResponseBytes: Int64 = RunPlan.defaultMaxBodyBytes

    @Option(name: .customLong("allow-path"), parsing: .singleValue, help: "A directory outside the collection's folder that body and certificate files may come from (repeatable).")
    var allowPath: [String] = []

    @Option(name: .customLong("secret"), parsing: .singleValue, help: "A variable whose value is secret (repeatable): redacted before storage and output.")
    var secretNames: [String] = []

    @Option(name: .customLong("redact-header"), parsing: .singleValue, help: "A header whose value is always redacted (repeatable), beyond Authorization, Proxy-Authorization, Cookie, Set-Cookie.")
    var redactHeaders: [String] = []

    @Option(name: .customLong("keep-header"), parsing: .singleValue, help: "A default-redacted header to keep in clear (repeatable).")
    var keepHeaders: [String] = []

    @Flag(name: .shortAndLong, help: "No per-request lines or progress; only the summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Show each exchange as sent and received.")
    var verbose = false

    @Option(name: .long, help: "Run one shard of the requests: K/N (K counted from 1, e.g. 2/4), or auto (read CI_NODE_INDEX/CI_NODE_TOTAL, CIRCLE_NODE_*, BUILDKITE_PARALLEL_JOB*, JOB_COMPLETION_INDEX). A shard also runs, unrecorded, the requests of other shards whose captures it needs.")
    var shard: String?

    @Option(name: .customLong("shard-total"), help: "With --shard auto on a Kubernetes Indexed Job: the number of shards (the Job's completions).")
    var shardTotal: Int?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Write a report of each run at the end (repeatable): FORMAT:FILE, FORMAT one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")). With several profiles, -PROFILE goes before FILE's extension, except md: one Markdown summary of all profiles (appended to when FILE is $GITHUB_STEP_SUMMARY's)."))
    var report: [String] = []

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard bodyLimit >= 0 else { throw ValidationError("--body-limit must not be negative") }
        guard maxResponseBytes >= 0 else { throw ValidationError("--max-response-bytes must not be negative (0: no cap)") }
    }

    func run() throws {
        let stdout = output.stdout
        let stderr = output.stderr
        do {
            let status = try execute(stdout: stdout, stderr: stderr)
            if status != 0 { throw ExitCode(status) }
        } catch let error as CLIError {
            throw exitWith(error, terminal: stderr)
        }
    }

    /// The page origin of a browser run: `--origin`, else the collection's, else the profile's, else the fixture
    /// server's page, else the default.
    private func pageOrigin(for profile: Profile, collection: Collection, server: FixtureServer?) -> String {
        origin ?? collection.origin ?? profile.pageOrigin ?? server?.pageURL ?? Profile.defaultOrigin
    }

    private func parseVars() throws(CLIError) -> [String: String] {
        var result: [String: String] = [:]
        for item in `var` {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw CLIError.badInput("--var \(item): expected key=value")
            }
            result[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        return result
    }

    private func execute(stdout: Terminal, stderr: Terminal) throws(CLIError) -> Int32 {
        let collection = try loadCollection(file)
        let profiles = try ProfileSelection.resolve(profile, collection: collection)
        let overrides = try parseVars()
        let reportTargets = try parseReports()
        let shard = try resolveShard(stderr: stderr)

        let builtinNames: Set<String> = collection.usesBuiltinServer ? ["base", "page"] : []
        let problems = CollectionValidator.check(collection, environment: env, overrides: Set(overrides.keys), builtinNames: builtinNames)
        if !problems.isEmpty {
            let count = problems.count == 1 ? "1 error" : "\(problems.count) errors"
            throw CLIError.badInput("\(file): \(count)\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        }

        let runStore = try store.open()
        let signals = SignalWatcher()

        var server: FixtureServer?
        var builtins: [String: String] = [:]
        if collection.usesBuiltinServer {
            do {
                // Stable ports when they are free, so that runs (and their stored Origin/Referer values) compare
                // across time; free ports otherwise (several runs at once).
                let started = try (try? FixtureServer.start(FixtureServerConfiguration(pagePort: 18601, basePort: 18602)))
                    ?? FixtureServer.start()
                server = started
                builtins = ["base": started.baseURL, "page": started.pageURL]
            } catch {
                throw CLIError(message: "cannot start the built-in fixture server: \(error)", status: ExitStatus.failed)
            }
        }
        defer { server?.stop() }

        let groupID = profiles.count > 1 ? RunGroup.newID() : nil
        let reporter = RunReporter(stdout: stdout, quiet: quiet, silent: output.format == .json, verbose: verbose, profileCount: profiles.count)
        var summaries: [ProfileRunSummary] = []
        var interrupted = false

        for profile in profiles {
            if signals.cancellation.isCancelled { interrupted = true; break }
            let settings = RunSettings(
                mode: mode, origin: profile.runtime == .browser ? pageOrigin(for: profile, collection: collection, server: server) : nil,
                credentials: credentials,
                crossOriginIsolated: false, strict: strict)
            let plan = RunPlan(
                collection: collection, profile: profile, settings: settings, environmentName: env, overrides: overrides,
                builtinVariables: builtins, processEnvironment: ProcessEnvironment.all, jobs: jobs, bail: bail,
                bodyCaptureLimit: bodyLimit, maxBodyBytes: maxResponseBytes > 0 ? maxResponseBytes : nil, shard: shard, allowedPaths: allowPath,
                redaction: RedactionSettings(secretVariables: Set(secretNames), extraHeaders: Set(redactHeaders),
                                             revealedHeaders: Set(keepHeaders)))
            let runner: Runner
            do { runner = try Runner(plan: plan, cancellation: signals.cancellation) } catch {
                throw CLIError.badInput(error.description)
            }
            let info = RunInfo(
                collectionName: collection.name, collectionPath: CanonicalPath.of(file), collectionHash: collection.sourceHash,
                profile: profile.name, profileDefinition: profile.definitionJSON, settings: settings, environment: env,
                startedAt: Clock.now(), host: RunStore.currentHost(), groupID: groupID, jobs: jobs, shard: shard?.description)
            let owned = ShardOwnership(shard: shard, count: collection.requests.count)
            let planned = owned.count
            let runID: Int64
            do { runID = try runStore.beginRun(info, plannedRequests: planned) } catch {
                throw CLIError.store("cannot record the run: \(error)")
            }
            reporter.begin(collection: collection, profile: profile, settings: settings, runID: runID, planned: planned)

            var storeFailure: StoreError?
            var results: [RequestResult] = []
            var counts = RunCounts()
            let outcome = runner.run { result in
                guard owned.contains(result.index) else {
                    // Another shard's request, run again only for the captures this shard needs.
                    if result.outcome == .failed || result.outcome == .errored {
                        stderr.printError("\(result.requestID) (run for its captures; recorded by another shard) did not pass: "
                            + (result.error?.message ?? "an assertion failed"))
                    }
                    return
                }
                counts.add(result.outcome)
                reporter.report(result)
                if output.format == .json || profiles.count > 1 { results.append(result) }
                guard storeFailure == nil else { return }
                do throws(StoreError) { try runStore.append(runID: runID, result: result) } catch {
                    storeFailure = error
                    signals.cancellation.cancel()
                }
            }
            let status: RunStatus = storeFailure != nil ? .failed : outcome.status
            do throws(StoreError) {
                try runStore.finishRun(runID: runID, status: status, counts: counts, endedAt: Clock.now())
            } catch {
                if storeFailure == nil { storeFailure = error }
            }
            if let storeFailure {
                reporter.end()
                throw CLIError.store("the run store failed: \(storeFailure). Results committed before the failure are kept (run \(runID)).")
            }
            reporter.finish(counts: counts, status: status, runID: runID)
            summaries.append(ProfileRunSummary(profile: profile, runID: runID, counts: counts, status: status, results: results))
            if status == .interrupted { interrupted = true; break }
        }
        reporter.end()
        let reportsWritten = writeReports(reportTargets, runs: summaries, severalProfiles: profiles.count > 1, store: runStore,
                                          stdout: stdout, stderr: stderr)

        if profiles.count > 1 && output.format == .text && !quiet {
            MatrixView.print(summaries, collection: collection, terminal: stdout)
        }
        if output.format == .json {
            stdout.line(RunJSON.document(summaries, collection: collection).serialized(pretty: true))
        }
        if interrupted {
            stderr.line("interrupted: the partial run is stored and marked interrupted")
            return signals.exitStatus
        }
        let allPassed = summaries.allSatisfy { $0.counts.failed == 0 && $0.counts.errored == 0 }
        return allPassed && reportsWritten ? ExitStatus.ok : ExitStatus.failed
    }
}

/// One profile's run, for the matrix and the JSON output.
struct ProfileRunSummary {
    var profile: Profile
    var runID: Int64
    var counts: RunCounts
    var status: RunStatus
    var results: [RequestResult]
}

/// Ids shared by the runs of one `--profile a,b,…` invocation.
enum RunGroup {
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }
}

// MARK: --shard K/N | auto

extension RunCommand {
    /// The shard this run is limited to, checked before anything is sent; `auto` says on stderr what it found.
    private func resolveShard(stderr: Terminal) throws(CLIError) -> Shard? {
        guard let shard else {
            if shardTotal != nil { throw CLIError.badInput("--shard-total is only used with --shard auto") }
            return nil
        }
        let spec: ShardSpec
        switch ShardSpec.parse(shard) {
        case .failure(let error): throw CLIError.badInput(error.message)
        case .success(let parsed): spec = parsed
        }
        switch spec.resolve(environment: ProcessEnvironment.all, total: shardTotal) {
        case .failure(let error):
            throw CLIError.badInput(error.message)
        case .success(let resolved):
            guard let resolved else {
                if !quiet { stderr.line("--shard auto: no CI shard variables are set; running the whole collection") }
                return nil
            }
            if let source = resolved.source, !quiet, output.format == .text {
                stderr.line("shard \(resolved.shard) (\(source))")
            }
            return resolved.shard
        }
    }
}

// MARK: --report FORMAT:FILE

extension RunCommand {
    /// The `--report` values, checked before anything is sent: known format, a directory that can take the file.
    private func parseReports() throws(CLIError) -> [ReportTarget] {
        var targets: [ReportTarget] = []
        for item in report {
            switch ReportTarget.parse(item) {
            case .failure(let error): throw CLIError.badInput(error.message)
            case .success(let target):
                guard ExportFileWriter.canCreate(target.path) else {
                    throw CLIError.badInput("--report \(item): cannot create files in the directory of \(target.path)")
                }
                targets.append(target)
            }
        }
        return targets
    }

    /// Writes every report of every run from the store (already redacted); false when one could not be written.
    /// A Markdown summary (`md:FILE`) covers all the profiles' runs in one file, and is appended to, not
    /// replaced, when FILE is the file `$GITHUB_STEP_SUMMARY` names.
    private func writeReports(_ targets: [ReportTarget], runs: [ProfileRunSummary], severalProfiles: Bool,
                              store runStore: RunStore, stdout: Terminal, stderr: Terminal) -> Bool {
        guard !targets.isEmpty else { return true }
        var allWritten = true
        var records: [(profile: String, record: RunRecord)] = []
        for run in runs {
            do throws(StoreError) {
                guard let loaded = try RunRecord.load(from: runStore, id: run.runID) else { continue }
                records.append((run.profile.name, loaded))
            } catch {
                stderr.printError("cannot read run \(run.runID) back for its reports: \(error)")
                allWritten = false
            }
        }
        func write(_ text: String, to path: String, format: ExportFormat, append: Bool = false) {
            do throws(ExportWriteError) {
                if append { try ExportFileWriter.append(text, to: path) } else { try ExportFileWriter.write(text, to: path) }
                if output.format == .text && !quiet { stdout.line("\(format.rawValue) report: \(path)") }
            } catch {
                stderr.printError(error.description)
                allWritten = false
            }
        }
        for target in targets where target.format == .md {
            guard !records.isEmpty else { continue }
            let summaryFile = ProcessEnvironment.all["GITHUB_STEP_SUMMARY"].map(CanonicalPath.of)
            write(MarkdownExport.render(records.map(\.record)), to: target.path, format: target.format,
                  append: summaryFile != nil && summaryFile == CanonicalPath.of(target.path))
        }
        for (profile, record) in records {
            for target in targets where target.format != .md {
                let path = target.path(profile: profile, severalProfiles: severalProfiles)
                write(Exporter.render(record, as: target.format, creatorVersion: VersionInfo.version), to: path, format: target.format)
            }
        }
        return allWritten
    }
}
