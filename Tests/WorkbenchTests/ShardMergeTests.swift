import Foundation
import Testing

/// End to end: `run --shard K/N` and `--shard auto` (with the variables each CI system sets), one database per
/// shard as on separate CI machines, then `merge` into one history.
@Suite("E2E shard and merge")
struct ShardMergeTests {
    /// Every CI variable `--shard auto` reads, set empty so that the test's own environment cannot leak in.
    static let cleared: [String: String] = [
        "CI_NODE_INDEX": "", "CI_NODE_TOTAL": "", "CIRCLE_NODE_INDEX": "", "CIRCLE_NODE_TOTAL": "",
        "BUILDKITE_PARALLEL_JOB": "", "BUILDKITE_PARALLEL_JOB_COUNT": "", "JOB_COMPLETION_INDEX": "",
        "GITHUB_STEP_SUMMARY": "",
    ]

    /// Eight requests, all same-origin (so browser profiles pass too); `me` and `orders` need `login`'s token,
    /// `order` needs `orders`' id (two levels).
    static let collection = """
    {"name": "shards", "server": "builtin", "requests": [
      {"name": "login", "method": "POST", "url": "{{page}}/echo", "body": {"json": {"token": "tok-{{$randomInt 1000 9999}}"}},
       "assert": [{"status": 200}], "capture": {"token": {"jsonpath": "$.json.token"}}},
      {"name": "health", "url": "{{page}}/get", "assert": [{"status": 200}]},
      {"name": "me", "url": "{{page}}/echo", "headers": {"Authorization": "Bearer {{token}}"},
       "assert": [{"status": 200}, {"body": {"contains": "Bearer tok-"}}]},
      {"name": "orders", "method": "POST", "url": "{{page}}/echo", "body": {"json": {"id": 42, "auth": "{{token}}"}},
       "assert": [{"status": 200}, {"jsonpath": "$.json.auth", "matches": "^tok-"}], "capture": {"orderId": {"jsonpath": "$.json.id"}}},
      {"name": "status-204", "url": "{{page}}/status/204", "assert": [{"status": 204}]},
      {"name": "order", "url": "{{page}}/echo?order={{orderId}}", "assert": [{"status": 200}, {"body": {"contains": "order=42"}}]},
      {"name": "bytes", "url": "{{page}}/bytes/64", "assert": [{"status": 200}]},
      {"name": "last", "url": "{{page}}/get?n=8", "assert": [{"status": 200}]}
    ]}
    """
    static let names = ["login", "health", "me", "orders", "status-204", "order", "bytes", "last"]

    func setUp() throws -> (dir: URL, file: String) {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("shards.json").path
        try Self.collection.write(toFile: file, atomically: true, encoding: .utf8)
        return (dir, file)
    }

    /// The request ids a database's runs recorded, with the stored shard of each run (`export --format json`).
    func recorded(_ db: String) throws -> [(shard: String?, ids: [String])] {
        let history = try CLI.run(["history", "--db", db, "--output", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let runs = try #require(try? CLI.json(history.stdout) as? [[String: Any]],
                                "history of \(db): status \(history.status), stdout '\(history.stdout)', stderr '\(history.stderr)'")
        return try runs.compactMap { run in
            let id = try #require(run["id"] as? Int)
            let export = try CLI.run(["export", String(id), "--format", "json", "--db", db])
            #expect(export.status == 0, "\(export.stderr)")
            let document = try #require(try? CLI.json(export.stdout) as? [String: Any],
                                        "export \(id) of \(db): status \(export.status), stdout '\(export.stdout)', stderr '\(export.stderr)'")
            let info = try #require(document["run"] as? [String: Any])
            let results = try #require(document["results"] as? [[String: Any]])
            return (info["shard"] as? String, results.compactMap { $0["id"] as? String })
        }
    }

    /// Runs all `total` shards, each into its own database, with the environment `environment(k)` gives
    /// shard k (1-based); checks each passes, then that together they record every request exactly once.
    func runAllShards(total: Int, file: String, dir: URL, tag: String, arguments: (Int) -> [String],
                      environment: (Int) -> [String: String]) throws -> [String] {
        var databases: [String] = []
        var all: [String] = []
        for k in 1...total {
            let db = dir.appendingPathComponent("\(tag)-\(k).db").path
            databases.append(db)
            var env = Self.cleared
            for (name, value) in environment(k) { env[name] = value }
            let run = try CLI.run(["run", file, "--db", db] + arguments(k), environment: env)
            #expect(run.status == 0, "\(tag) shard \(k): stdout \(run.stdout)\nstderr \(run.stderr)")
            let runs = try recorded(db)
            #expect(runs.count == 1)
            #expect(runs.first?.shard == "\(k)/\(total)", "\(tag) shard \(k) is stored with the run")
            let ids = runs.first?.ids ?? []
            // Round-robin ownership by collection index, K counted from 1.
            let owned = Self.names.enumerated().filter { $0.offset % total == k - 1 }.map(\.element)
            #expect(ids == owned, "\(tag) shard \(k)/\(total) records its own share")
            all += ids
        }
        #expect(all.sorted() == Self.names.sorted(), "\(tag): every request recorded exactly once across the shards")
        return databases
    }

    @Test("--shard K/N: the shards together record each request once; captures cross shards; merge shows all")
    func explicitShardsThenMerge() throws {
        let (dir, file) = try setUp()
        for jobs in ["1", "4"] {
            let databases = try runAllShards(total: 3, file: file, dir: dir, tag: "explicit-jobs\(jobs)",
                                             arguments: { k in ["--shard", "\(k)/3", "--jobs", jobs] }, environment: { _ in [:] })
            let target = dir.appendingPathComponent("merged-jobs\(jobs).db").path
            let merge = try CLI.run(["merge"] + databases + ["--db", target], environment: Self.cleared)
            #expect(merge.status == 0, "\(merge.stdout)\n\(merge.stderr)")
            let merged = try recorded(target)
            #expect(merged.map(\.shard) == ["3/3", "2/3", "1/3"], "history lists the newest run first")
            #expect(merged.flatMap(\.ids).sorted() == Self.names.sorted())
        }
        // More shards than requests: the extra shards record nothing and still pass.
        let empty = dir.appendingPathComponent("empty.db").path
        let run = try CLI.run(["run", file, "--db", empty, "--shard", "9/9"], environment: Self.cleared)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try recorded(empty).first?.ids == [])
    }

    @Test("--shard auto reads GitLab, CircleCI, Buildkite and Kubernetes variables; shard → merge → history")
    func autoShardsPerCISystem() throws {
        let (dir, file) = try setUp()
        let total = 3
        let systems: [(tag: String, extra: [String], env: (Int) -> [String: String])] = [
            // GitLab `parallel: 3`: CI_NODE_INDEX 1…3.
            ("gitlab", [], { k in ["CI_NODE_INDEX": String(k), "CI_NODE_TOTAL": String(total)] }),
            // CircleCI `parallelism: 3`: CIRCLE_NODE_INDEX 0…2.
            ("circleci", [], { k in ["CIRCLE_NODE_INDEX": String(k - 1), "CIRCLE_NODE_TOTAL": String(total)] }),
            // Buildkite `parallelism: 3`: BUILDKITE_PARALLEL_JOB 0…2.
            ("buildkite", [], { k in ["BUILDKITE_PARALLEL_JOB": String(k - 1), "BUILDKITE_PARALLEL_JOB_COUNT": String(total)] }),
            // Kubernetes Indexed Job, completions 3: JOB_COMPLETION_INDEX 0…2, the total given on the command line.
            ("kubernetes", ["--shard-total", String(total)], { k in ["JOB_COMPLETION_INDEX": String(k - 1)] }),
        ]
        let target = dir.appendingPathComponent("merged.db").path
        var expectedRuns = 0
        for system in systems {
            let databases = try runAllShards(total: total, file: file, dir: dir, tag: system.tag,
                                             arguments: { _ in ["--shard", "auto"] + system.extra }, environment: system.env)
            let merge = try CLI.run(["merge"] + databases + ["--db", target], environment: Self.cleared)
            #expect(merge.status == 0, "\(system.tag) merge: \(merge.stdout)\n\(merge.stderr)")
            #expect(merge.stdout.components(separatedBy: "1 run copied").count - 1 == total, "\(merge.stdout)")
            expectedRuns += total
        }
        let history = try CLI.run(["history", "--db", target, "--output", "json", "--limit", "100"], environment: Self.cleared)
        let runs = try #require(try CLI.json(history.stdout) as? [[String: Any]])
        #expect(runs.count == expectedRuns, "every shard of every system is in the merged history")
        let merged = try recorded(target)
        #expect(Set(merged.compactMap(\.shard)) == ["1/3", "2/3", "3/3"])
        #expect(merged.flatMap(\.ids).sorted() == (0..<systems.count).flatMap { _ in Self.names }.sorted())
    }

    @Test("merging the same databases again adds nothing; JSON output says so")
    func mergeIsIdempotent() throws {
        let (dir, file) = try setUp()
        let one = dir.appendingPathComponent("one.db").path, two = dir.appendingPathComponent("two.db").path
        let target = dir.appendingPathComponent("target.db").path
        for (db, shard) in [(one, "1/2"), (two, "2/2")] {
            let run = try CLI.run(["run", file, "--db", db, "--shard", shard, "--profile", "native,browser-main"], environment: Self.cleared)
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        }
        let first = try CLI.run(["merge", one, two, "--db", target, "--output", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let document = try #require(try CLI.json(first.stdout) as? [String: Any])
        let sources = try #require(document["sources"] as? [[String: Any]])
        #expect(sources.map { ($0["copiedRuns"] as? [Int])?.count } == [2, 2])
        #expect(sources.map { $0["results"] as? Int } == [8, 8], "4 requests per shard, 2 profiles")

        let again = try CLI.run(["merge", one, two, "--db", target, "--output", "json"])
        #expect(again.status == 0)
        let againSources = try #require((try CLI.json(again.stdout) as? [String: Any])?["sources"] as? [[String: Any]])
        #expect(againSources.map { ($0["copiedRuns"] as? [Int])?.count } == [0, 0])
        #expect(againSources.map { $0["alreadyPresent"] as? Int } == [2, 2])
        let history = try CLI.run(["history", "--db", target, "--output", "json"])
        #expect((try CLI.json(history.stdout) as? [[String: Any]])?.count == 4)

        // The text form says the same.
        let text = try CLI.run(["merge", one, "--db", target])
        #expect(text.stdout.contains("0 runs copied, 2 already present"), "\(text.stdout)")
    }

    @Test("bad --shard values and incomplete CI variables exit 2 before anything is sent")
    func badShardInput() throws {
        let (dir, file) = try setUp()
        let db = dir.appendingPathComponent("bad.db").path
        let cases: [(arguments: [String], env: [String: String], message: String)] = [
            (["--shard", "0/3"], [:], "between 1 and 3"),
            (["--shard", "4/3"], [:], "between 1 and 3"),
            (["--shard", "3"], [:], "expected K/N"),
            (["--shard", "a/b"], [:], "expected K/N"),
            (["--shard", "1/0"], [:], "between 1 and"),
            (["--shard", "1/3", "--shard-total", "3"], [:], "only used with --shard auto"),
            (["--shard-total", "3"], [:], "only used with --shard auto"),
            (["--shard", "auto"], ["CI_NODE_INDEX": "2"], "CI_NODE_TOTAL is not set"),
            (["--shard", "auto"], ["CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "3"], "between 1 and 3"),
            (["--shard", "auto"], ["CIRCLE_NODE_INDEX": "3", "CIRCLE_NODE_TOTAL": "3"], "between 1 and 3"),
            (["--shard", "auto"], ["BUILDKITE_PARALLEL_JOB": "x", "BUILDKITE_PARALLEL_JOB_COUNT": "2"], "is not a number"),
            (["--shard", "auto"], ["JOB_COMPLETION_INDEX": "1"], "pass --shard-total"),
            (["--shard", "auto", "--shard-total", "2"], [:], "JOB_COMPLETION_INDEX is not set"),
        ]
        for item in cases {
            var env = Self.cleared
            for (k, v) in item.env { env[k] = v }
            let run = try CLI.run(["run", file, "--db", db] + item.arguments, environment: env)
            #expect(run.status == 2, "\(item.arguments) \(item.env): \(run.stderr)")
            #expect(run.stderr.contains(item.message), "\(item.arguments) \(item.env): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: db), "nothing was stored")
    }

    @Test("--shard auto without CI variables runs the whole collection, unsharded")
    func autoWithoutCI() throws {
        let (dir, file) = try setUp()
        let db = dir.appendingPathComponent("all.db").path
        let run = try CLI.run(["run", file, "--db", db, "--shard", "auto"], environment: Self.cleared)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("no CI shard variables"))
        let runs = try recorded(db)
        #expect(runs.count == 1)
        #expect(runs.first?.shard == nil)
        #expect(runs.first?.ids == Self.names)
    }

    @Test("merge refuses a missing source and the target itself with exit 2")
    func mergeRefusals() throws {
        let dir = try CLI.temporaryDirectory()
        let target = dir.appendingPathComponent("t.db").path
        let missing = try CLI.run(["merge", dir.appendingPathComponent("nope.db").path, "--db", target])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))
        let run = try CLI.run(["run", "collections/chaining.json", "--db", target], environment: Self.cleared)
        #expect(run.status == 0, "\(run.stderr)")
        let itself = try CLI.run(["merge", target, "--db", target])
        #expect(itself.status == 2)
        #expect(itself.stderr.contains("is the target database itself"))
    }
}
