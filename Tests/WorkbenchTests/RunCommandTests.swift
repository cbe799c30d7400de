import Foundation
import Testing

/// End to end: the built binary runs collections against the built-in fixture server and stores runs.
@Suite("E2E run")
struct RunCommandTests {
    func write(_ json: String, in dir: URL, name: String = "c.json") throws -> String {
        let url = dir.appendingPathComponent(name)
        try json.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("the demo collection passes natively, is stored, and shows in history and show")
    func demoRunsAndIsStored() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", "collections/demo.json", "--db", db])
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stdout.contains("passed"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour on a pipe")

        let history = try CLI.run(["history", "--db", db])
        #expect(history.status == 0)
        #expect(history.stdout.contains("native"))
        #expect(history.stdout.split(separator: "\n").count == 2, "header plus one run: \(history.stdout)")

        let show = try CLI.run(["show", "last", "--db", db])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Run 1"))

        let json = try CLI.run(["history", "--db", db, "--output", "json"])
        let runs = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["profile"] as? String == "native")
        #expect(runs.first?["status"] as? String == "completed")
        #expect((runs.first?["failed"] as? Int) == 0)

        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a failing assertion exits 1 and says expected vs actual")
    func failingAssertionExitsOne() throws {
        let dir = try CLI.temporaryDirectory()
        let file = try write("""
        {"name": "fails", "server": "builtin", "requests": [
          {"name": "wrong status", "method": "GET", "url": "{{base}}/status/404", "assert": [{"status": 200}]}
        ]}
        """, in: dir)
        let run = try CLI.run(["run", file, "--db", dir.appendingPathComponent("wb.db").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("expected 200"))
        #expect(run.stdout.contains("404"))
    }

    @Test("bad input exits 2 before sending: invalid JSON with line and column")
    func invalidJSONExitsTwo() throws {
        let dir = try CLI.temporaryDirectory()
        let file = try write("{\n  \"name\": \"x\",\n  \"requests\": [,]\n}\n", in: dir)
        let run = try CLI.run(["run", file, "--db", dir.appendingPathComponent("wb.db").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("c.json:3:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("wb.db").path) || true)
    }

    @Test("an unknown profile suggests the nearest name")
    func unknownProfileSuggests() throws {
        let run = try CLI.run(["run", "collections/demo.json", "--profile", "node-jsp", "--db", "/tmp/unused-\(UUID().uuidString).db"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean --profile node-jspi") || run.stderr.contains("Did you mean --profile node-jspi"), "\(run.stderr)")
    }

    @Test("an unknown environment lists the available ones")
    func unknownEnvironmentLists() throws {
        let dir = try CLI.temporaryDirectory()
        let file = try write("""
        {"name": "envs", "environments": {"staging": {"base": "http://127.0.0.1:1"}, "prod": {"base": "http://127.0.0.1:2"}},
         "requests": [{"name": "r", "method": "GET", "url": "{{base}}/x"}]}
        """, in: dir)
        let run = try CLI.run(["run", file, "--env", "stagin", "--db", dir.appendingPathComponent("wb.db").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("staging"), "\(run.stderr)")
        #expect(run.stderr.contains("prod"), "\(run.stderr)")
    }

    @Test("validate: valid and invalid files, exit codes, file:line:column")
    func validate() throws {
        let dir = try CLI.temporaryDirectory()
        let bad = try write("""
        {"name": "bad", "requests": [
          {"name": "r", "method": "GET", "url": "http://127.0.0.1/x", "hedaers": {}}
        ]}
        """, in: dir, name: "bad.json")
        let good = try CLI.run(["validate", "collections/demo.json"])
        #expect(good.status == 0, "\(good.stderr)")
        let invalid = try CLI.run(["validate", bad])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("bad.json:2:"), "\(invalid.stderr)")
        #expect(invalid.stderr.contains("headers"), "did-you-mean: \(invalid.stderr)")
    }

    @Test("--jobs keeps results in collection order and captures chain")
    func parallelKeepsOrder() throws {
        let dir = try CLI.temporaryDirectory()
        var requests: [String] = []
        for i in 0..<12 {
            requests.append("""
            {"name": "r\(i)", "method": "GET", "url": "{{base}}/delay/\((12 - i) * 10)?i=\(i)", "assert": [{"jsonpath": "$.query.i", "==": "\(i)"}]}
            """)
        }
        requests.append("""
        {"name": "producer", "method": "GET", "url": "{{base}}/get?token=abc123", "capture": {"t": {"jsonpath": "$.query.token"}}}
        """)
        requests.append("""
        {"name": "consumer", "method": "GET", "url": "{{base}}/get?got={{t}}", "assert": [{"jsonpath": "$.query.got", "==": "abc123"}]}
        """)
        let file = try write("{\"name\": \"parallel\", \"server\": \"builtin\", \"requests\": [\(requests.joined(separator: ","))]}", in: dir)
        let run = try CLI.run(["run", file, "--jobs", "4", "--db", dir.appendingPathComponent("wb.db").path, "--output", "json"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let doc = try #require(try CLI.json(run.stdout) as? [String: Any])
        let runs = try #require(doc["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["name"] as? String ?? "" } == (0..<12).map { "r\($0)" } + ["producer", "consumer"])
        #expect(results.allSatisfy { $0["outcome"] as? String == "passed" })
    }

    @Test("Ctrl-C stops cleanly: exit 130 and the partial run is stored as interrupted")
    func interruptIsStored() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        var requests: [String] = []
        for i in 0..<20 {
            requests.append("{\"name\": \"slow\(i)\", \"method\": \"GET\", \"url\": \"{{base}}/delay/200\"}")
        }
        let file = try write("{\"name\": \"slow\", \"server\": \"builtin\", \"requests\": [\(requests.joined(separator: ","))]}", in: dir)
        let running = try CLI.start(["run", file, "--db", db])
        usleep(900_000)
        kill(running.process.processIdentifier, SIGINT)
        let result = try CLI.finish(running, timeout: 30)
        #expect(result.status == 130, "\(result.stdout)\n\(result.stderr)")
        let history = try CLI.run(["history", "--db", db, "--output", "json"])
        let runs = try #require(try CLI.json(history.stdout) as? [[String: Any]])
        #expect(runs.first?["status"] as? String == "interrupted")
        let passed = runs.first?["passed"] as? Int ?? -1
        #expect(passed >= 1 && passed < 20, "some but not all requests ran: \(passed)")
    }

    @Test("two processes write one database at once")
    func concurrentWriters() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        var requests: [String] = []
        for i in 0..<30 { requests.append("{\"name\": \"g\(i)\", \"method\": \"GET\", \"url\": \"{{base}}/get\"}") }
        let file = try write("{\"name\": \"many\", \"server\": \"builtin\", \"requests\": [\(requests.joined(separator: ","))]}", in: dir)
        let a = try CLI.start(["run", file, "--db", db])
        let b = try CLI.start(["run", file, "--db", db])
        let ra = try CLI.finish(a), rb = try CLI.finish(b)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        let history = try CLI.run(["history", "--db", db, "--output", "json"])
        let runs = try #require(try CLI.json(history.stdout) as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["passed"] as? Int == 30 })
    }
}
