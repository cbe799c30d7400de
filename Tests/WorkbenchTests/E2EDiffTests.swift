import Foundation
import Testing

/// End to end: runs stored by the built binary, then history filters, prune, trend and diff on them.
@Suite("E2E diff, trend and history")
struct E2EDiffTests {
    /// A one-request collection whose echoed JSON body carries `{{price}}`; volatile echo fields are ignored
    /// by the collection's own `diff.ignorePaths`.
    private func collection(in dir: URL) throws -> String {
        let url = dir.appendingPathComponent("prices.json")
        try """
        {"name": "prices", "server": "builtin",
         "diff": {"ignorePaths": ["$.headers", "$.url", "$.body"]},
         "requests": [{"group": "shop", "requests": [
           {"name": "price", "method": "POST", "url": "{{base}}/echo",
            "body": {"json": {"price": "{{price}}", "item": "tea"}}, "assert": [{"status": 200}]}]}]}
        """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Two runs of `prices.json`, with price 10 then 12.
    private func twoRuns() throws -> (file: String, db: String) {
        let dir = try CLI.temporaryDirectory()
        let file = try collection(in: dir)
        let db = dir.appendingPathComponent("wb.db").path
        for price in ["10", "12"] {
            let run = try CLI.run(["run", file, "--var", "price=\(price)", "--db", db])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        }
        return (file, db)
    }

    @Test("diff last~1 last shows the changed body value and exits 1; ignoring that path exits 0")
    func diffRuns() throws {
        let (_, db) = try twoRuns()
        let diff = try CLI.run(["diff", "last~1", "last", "--db", db])
        #expect(diff.status == 1, "\(diff.stdout)\n\(diff.stderr)")
        #expect(diff.stdout.contains(#"$.json.price: "10" → "12""#), "\(diff.stdout)")
        #expect(diff.stdout.contains("~ shop/price"))
        #expect(diff.stdout.contains("1 request differs, 0 equal"))
        #expect(diff.stdout.contains("date (default)"))

        let ignored = try CLI.run(["diff", "last~1", "last", "--db", db, "--ignore-path", "$.json.price"])
        #expect(ignored.status == 0, "\(ignored.stdout)\n\(ignored.stderr)")
        #expect(ignored.stdout.contains("No differences"))

        let json = try CLI.run(["diff", "1", "2", "--db", db, "--output", "json"])
        #expect(json.status == 1)
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(object["equal"] as? Bool == false)
        let requests = try #require(object["requests"] as? [[String: Any]])
        let changes = try #require(requests.first?["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["kind"] as? String == "body-changed")
        #expect(changes.first?["path"] as? String == "$.json.price")
        #expect(changes.first?["normalizedPath"] as? String == "$['json']['price']")
        #expect(changes.first?["to"] as? String == "12")
    }

    @Test("diff: an unknown run or a bad flag is bad input (exit 2)")
    func diffBadInput() throws {
        let (_, db) = try twoRuns()
        let unknown = try CLI.run(["diff", "last~5", "last", "--db", db])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("last~1 is the oldest"), "\(unknown.stderr)")
        #expect(try CLI.run(["diff", "last", "--db", db]).status == 2)
        #expect(try CLI.run(["diff", "1", "2", "--ignore-path", "$[", "--db", db]).status == 2)
        #expect(try CLI.run(["diff", "1", "2", "--timing-threshold", "fast", "--db", db]).status == 2)
        #expect(try CLI.run(["diff", "--profiles", "native,node", "--db", db]).status == 2)
    }

    @Test("diff --profiles native,browser-main on the demo shows the CORS differences")
    func diffProfiles() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", "collections/demo.json", "--profile", "native,browser-main", "--db", db, "--quiet"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let diff = try CLI.run(["diff", "--profiles", "native,browser-main", "--collection", "collections/demo.json", "--db", db])
        #expect(diff.status == 1, "\(diff.stdout)\n\(diff.stderr)")
        #expect(diff.stdout.contains("A: native"))
        #expect(diff.stdout.contains("B: browser-main"))
        #expect(diff.stdout.contains("~ cross-origin/no CORS"), "\(diff.stdout)")
        #expect(diff.stdout.contains("+ effect cors-blocked"))
        #expect(diff.stdout.contains("~ status: 200 → no response"))
        #expect(diff.stdout.contains("In every request"), "effects common to every request are printed once")

        let implicit = try CLI.run(["diff", "--profiles", "native,browser-main", "--db", db, "--output", "json"])
        #expect(implicit.status == 1)
        let object = try #require(try CLI.json(implicit.stdout) as? [String: Any])
        #expect((object["a"] as? [String: Any])?["profile"] as? String == "native")
        #expect((object["b"] as? [String: Any])?["profile"] as? String == "browser-main")
    }

    @Test("history filters, trend and prune on stored runs")
    func historyTrendPrune() throws {
        let (file, db) = try twoRuns()
        func count(_ extra: [String]) throws -> Int {
            let result = try CLI.run(["history", "--db", db, "--output", "json"] + extra)
            #expect(result.status == 0, "\(extra): \(result.stderr)")
            return (try CLI.json(result.stdout) as? [Any])?.count ?? -1
        }
        #expect(try count([]) == 2)
        #expect(try count(["--collection", file]) == 2)
        #expect(try count(["--collection", "prices"]) == 2)
        #expect(try count(["--collection", "other"]) == 0)
        #expect(try count(["--since", "1h"]) == 2)
        #expect(try count(["--since", "2999-01-01"]) == 0)
        #expect(try count(["--profile", "browser-main"]) == 0)
        #expect(try count(["--failed"]) == 0)
        #expect(try count(["--limit", "1"]) == 1)
        #expect(try CLI.run(["history", "--since", "yesterday", "--db", db]).status == 2)

        let trend = try CLI.run(["trend", "shop/price", "--collection", file, "--db", db])
        #expect(trend.status == 0, "\(trend.stdout)\n\(trend.stderr)")
        #expect(trend.stdout.contains("p95"))
        #expect(trend.stdout.contains("first byte"))
        #expect(trend.stdout.contains("passing in all 2 runs"))
        #expect(trend.stdout.contains { "▁▂▃▄▅▆▇█".contains($0) })
        let trendJSON = try #require(try CLI.json(try CLI.run(["trend", "shop/price", "--db", db, "--output", "json"]).stdout) as? [String: Any])
        #expect((trendJSON["runs"] as? [Any])?.count == 2)
        let missing = try CLI.run(["trend", "shop/nope", "--db", db])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("shop/price"), "suggests the ids that exist: \(missing.stderr)")

        #expect(try CLI.run(["history", "prune", "--db", db]).status == 2)
        let prune = try CLI.run(["history", "prune", "--keep", "1", "--db", db])
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.contains("Removed 1 run "), "\(prune.stdout)")
        #expect(try count([]) == 1)
        let none = try CLI.run(["history", "prune", "--older-than", "2000-01-01", "--db", db, "--output", "json"])
        #expect((try CLI.json(none.stdout) as? [String: Any])?["removed"] as? Int == 0)
    }
}
