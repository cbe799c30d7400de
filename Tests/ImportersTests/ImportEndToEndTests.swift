import FixtureServer
import Foundation
import Testing

/// The `workbench` binary end to end: every sample imports and validates; curl imports send what curl sends;
/// a run exported as HAR imports and runs again; curl and .http exports replay.
@Suite("Import and export end to end (binary)", .serialized)
struct ImportEndToEndTests {
    static let samples: [(kind: String, file: String, requests: Int)] = [
        ("postman", "shop.postman_collection.json", 11), ("http", "api.http", 8),
        ("curl", "commands.sh", 9), ("har", "browser.har", 7),
    ]

    @Test("every sample imports (report on stderr) and `workbench validate` accepts the result", arguments: samples)
    func importsAndValidates(_ sample: (kind: String, file: String, requests: Int)) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for data in ["avatar.txt", "payload.json"] {
            try FileManager.default.copyItem(atPath: Samples.path(data), toPath: dir.appendingPathComponent(data).path)
        }
        let out = dir.appendingPathComponent("imported.json").path
        var args = ["import", sample.kind, Samples.path(sample.file), "--out", out]
        if sample.kind == "postman" { args += ["--environment", Samples.path("shop.postman_environment.json")] }
        let imported = try CLI.run(args)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported \(sample.requests) requests from"))
        #expect(imported.stderr.contains("could not be translated exactly:"))
        #expect(imported.stdout.isEmpty)
        let validated = try CLI.run(["validate", out])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        #expect(validated.stdout.contains("valid, \(sample.requests) requests"))
        let json = try CLI.run(["import", sample.kind, Samples.path(sample.file), "--output", "json"])
        let report = try #require(try CLI.json(json.stderr) as? [String: Any])
        #expect(report["requests"] as? Int == sample.requests)
        #expect((report["notes"] as? [[String: Any]])?.allSatisfy { $0["message"] is String } == true)
        #expect((try CLI.json(json.stdout) as? [String: Any])?["requests"] is [Any], "the collection goes to stdout")
    }

    @Test("an unreadable source exits 2 and says why")
    func badInput() throws {
        let missing = try CLI.run(["import", "curl", "/nonexistent/commands.sh"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /nonexistent/commands.sh"))
        let wrongFlag = try CLI.run(["import", "curl", Samples.path("commands.sh"), "--exclude", "x"])
        #expect(wrongFlag.status == 2)
    }

    @Test("an imported curl command sends what curl itself sends (method, path, query, headers, body)")
    func curlFidelity() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("avatar bytes\n".utf8).write(to: dir.appendingPathComponent("avatar.txt"))
        let base = server.baseURL
        let commands = """
        curl -sS -X POST "\(base)/echo?x=1&y=a%20b" -H 'Content-Type: application/json' -H "X-Quote: it's \\"quoted\\"" \\
          -d '{"a": "b c", "n": 1}'
        curl -sS -F 'caption=hello world' -F 'file=@avatar.txt;type=text/plain' \(base)/anything/upload
        curl -sS -u 'admin:p@ss' -b 'sid=1; theme=dark' -A 'agent/1' "\(base)/anything/auth"
        curl -sS --data-urlencode 'q=a b&c' -d 'n=1' -X PUT \(base)/anything/form
        """
        let script = dir.appendingPathComponent("commands.sh")
        try Data(commands.utf8).write(to: script)
        let collection = dir.appendingPathComponent("imported.json").path
        let imported = try CLI.run(["import", "curl", script.path, "--out", collection])
        #expect(imported.status == 0, "\(imported.stderr)")

        server.clearLog()
        let real = Process()
        real.executableURL = URL(fileURLWithPath: "/bin/sh")
        real.arguments = [script.path]
        real.currentDirectoryURL = dir
        real.standardOutput = FileHandle.nullDevice
        try real.run()
        real.waitUntilExit()
        #expect(real.terminationStatus == 0, "curl must be installed (scripts/setup installs it)")
        let byCurl = server.requestLog()
        server.clearLog()
        let ran = try CLI.run(["run", collection, "--profile", "native"], environment: ["WORKBENCH_DB": dir.appendingPathComponent("w.db").path])
        #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
        let byWorkbench = server.requestLog()
        try #require(byCurl.count == 4 && byWorkbench.count == 4)
        for (c, w) in zip(byCurl, byWorkbench) {
            #expect(c.method == w.method)
            #expect(c.path == w.path)
            #expect(c.query == w.query)
            var names = ["x-quote", "authorization", "cookie"]
            if c.path != "/anything/upload" { names.append("content-type") }
            if c.path == "/anything/auth" { names.append("user-agent") }
            for name in names {
                #expect(c.header(name) == w.header(name), "\(c.method) \(c.path): header \(name)")
            }
            if c.path != "/anything/upload" { #expect(c.bodySize == w.bodySize, "\(c.path)") }
        }
    }

    static func roundTripCollection(base: String) -> String {
        """
        {"name": "Round trip", "variables": {"base": "\(base)", "token": {"value": "tok-12345", "secret": true}},
         "requests": [
          {"name": "get", "url": "{{base}}/get?a=1", "headers": {"Authorization": "Bearer {{token}}"}, "assert": [{"status": 200}]},
          {"group": "users", "requests": [
            {"name": "create", "method": "POST", "url": "{{base}}/echo", "body": {"json": {"n": 1, "who": "{{token}}"}}, "assert": [{"status": 200}]},
            {"name": "missing", "url": "{{base}}/status/404", "assert": [{"status": 404}]}
          ]},
          {"name": "hop", "url": "{{base}}/redirect/2", "options": {"followRedirects": true}, "assert": [{"status": 200}]}
         ]}
        """
    }

    /// (id, outcome, status) per request of a `run --output json` document's first run.
    static func outcomes(_ stdout: String) throws -> [String] {
        let document = try #require(try CLI.json(stdout) as? [String: Any])
        let runs = try #require(document["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        return results.map { r in
            let status = (r["observed"] as? [String: Any])?["status"] as? Int
            return "\(r["id"] ?? "?") \(r["outcome"] ?? "?") \(status.map(String.init) ?? "-")"
        }
    }

    @Test("round trip: run → export --format har → import har → run again gives the same requests and statuses")
    func harRoundTrip() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["WORKBENCH_DB": dir.appendingPathComponent("runs.db").path]
        let original = dir.appendingPathComponent("original.json")
        try Data(Self.roundTripCollection(base: server.baseURL).utf8).write(to: original)

        let first = try CLI.run(["run", original.path, "--output", "json"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let har = dir.appendingPathComponent("run.har").path
        #expect(try CLI.run(["export", "last", "--format", "har", "--out", har], environment: env).status == 0)
        let back = dir.appendingPathComponent("back.json").path
        let imported = try CLI.run(["import", "har", har, "--out", back])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("did not keep the request body"))
        #expect(imported.stderr.contains("redacted secret {{token}}"))
        #expect(try CLI.run(["validate", back]).status == 0)

        let collection = try #require(try CLI.json(String(contentsOfFile: back, encoding: .utf8)) as? [String: Any])
        #expect(collection["name"] as? String == "Round trip")
        #expect(!(try String(contentsOfFile: back, encoding: .utf8)).contains("tok-12345"), "the HAR never held the secret")

        let second = try CLI.run(["run", back, "--output", "json", "--var", "token=tok-12345"], environment: env)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try Self.outcomes(second.stdout) == Self.outcomes(first.stdout))
        #expect(try Self.outcomes(first.stdout) == ["get passed 200", "users/create passed 200", "users/missing passed 404", "hop passed 200"])
    }

    @Test("export --format curl replays against the server; secrets are ${REFERENCES} unless --reveal")
    func curlExportReplays() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["WORKBENCH_DB": dir.appendingPathComponent("runs.db").path]
        let original = dir.appendingPathComponent("original.json")
        try Data(Self.roundTripCollection(base: server.baseURL).utf8).write(to: original)
        #expect(try CLI.run(["run", original.path], environment: env).status == 0)
        let sentByWorkbench = server.requestLog()

        let script = dir.appendingPathComponent("replay.sh").path
        let exported = try CLI.run(["export", "last", "--format", "curl", "--out", script], environment: env)
        #expect(exported.status == 0, "\(exported.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("tok-12345"))
        #expect(text.contains("\"${TOKEN}\""))
        #expect(text.contains("#   export TOKEN='…'"))

        server.clearLog()
        let replay = Process()
        replay.executableURL = URL(fileURLWithPath: "/bin/sh")
        replay.arguments = [script]
        var processEnv = ProcessInfo.processInfo.environment
        processEnv["TOKEN"] = "tok-12345"
        replay.environment = processEnv
        replay.standardOutput = FileHandle.nullDevice
        try replay.run()
        replay.waitUntilExit()
        #expect(replay.terminationStatus == 0)
        let sentByCurl = server.requestLog()
        #expect(sentByCurl.map { "\($0.method) \($0.path)?\($0.query) \($0.bodySize)" } == sentByWorkbench.map { "\($0.method) \($0.path)?\($0.query) \($0.bodySize)" })
        #expect(sentByCurl.first?.header("authorization") == "Bearer tok-12345")

        let revealed = try CLI.run(["export", "last", "--format", "curl", "--reveal"], environment: env)
        #expect(revealed.status == 0)
        #expect(revealed.stdout.contains("Bearer tok-12345"))
        #expect(revealed.stderr.contains("--reveal: the export holds the values of token"))
        let overridden = try CLI.run(["export", "last", "--format", "http", "--reveal", "--var", "token=other-999"], environment: env)
        #expect(overridden.stdout.contains("@token = other-999\n"))
        #expect(try CLI.run(["export", "last", "--format", "json", "--reveal"], environment: env).status == 2)
    }

    @Test("export --format http reads back with import http, and validates")
    func httpExportImports() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["WORKBENCH_DB": dir.appendingPathComponent("runs.db").path]
        let original = dir.appendingPathComponent("original.json")
        try Data(Self.roundTripCollection(base: server.baseURL).utf8).write(to: original)
        #expect(try CLI.run(["run", original.path], environment: env).status == 0)
        let file = dir.appendingPathComponent("run.http").path
        #expect(try CLI.run(["export", "last", "--format", "http", "--out", file], environment: env).status == 0)
        let back = dir.appendingPathComponent("back.json").path
        let imported = try CLI.run(["import", "http", file, "--out", back])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported 4 requests"))
        let collection = try #require(try CLI.json(String(contentsOfFile: back, encoding: .utf8)) as? [String: Any])
        let requests = try #require(collection["requests"] as? [[String: Any]])
        let create = try #require(requests.first { $0["name"] as? String == "users-create" })
        #expect((create["body"] as? [String: Any])?["text"] as? String == #"{"n":1,"who":"{{token}}"}"#)
        #expect(imported.stderr.contains("renamed 'users/create' to 'users-create'"))
    }
}
