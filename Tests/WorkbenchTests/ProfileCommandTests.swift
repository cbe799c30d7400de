import Foundation
import Testing

/// End to end: profile listing, custom profiles, multi-profile runs, strict mode.
@Suite("E2E profiles")
struct ProfileCommandTests {
    @Test("profiles lists every built-in; show prints the rules table")
    func listAndShow() throws {
        let list = try CLI.run(["profiles"])
        #expect(list.status == 0)
        for name in ["native", "browser-main", "browser-worker", "node-jspi", "node", "browser-main-jspi", "browser-worker-jspi"] {
            #expect(list.stdout.contains(name), "\(name)")
        }
        let show = try CLI.run(["profiles", "show", "browser-main"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("CORS"))
        #expect(show.stdout.contains("refused"))
        let json = try CLI.run(["profiles", "show", "node-jspi", "--output", "json"])
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(object["name"] as? String == "node-jspi")
        #expect(object["cors"] as? Bool == false)
        let unknown = try CLI.run(["profiles", "show", "browser-mian"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("browser-main"))
    }

    @Test("the demo under every profile exits 0, stores one run per profile in one group, and prints the matrix")
    func demoUnderAllProfiles() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", "collections/demo.json", "--profile", "all", "--db", db])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("Profile matrix"))
        #expect(run.stdout.contains("cors-blocked"))
        #expect(run.stdout.contains("timeout-not-enforced"))
        let history = try CLI.run(["history", "--db", db, "--output", "json"])
        let runs = try #require(try CLI.json(history.stdout) as? [[String: Any]])
        #expect(runs.count == 7)
        let groups = Set(runs.compactMap { $0["group"] as? String })
        #expect(groups.count == 1, "one group for the whole invocation")
        #expect(Set(runs.compactMap { $0["profile"] as? String }).count == 7)
        let origins = Set(runs.filter { ($0["profile"] as? String)?.hasPrefix("browser") == true }.compactMap { $0["origin"] as? String })
        #expect(origins.count == 1 && origins.first?.hasPrefix("http://localhost:") == true, "\(origins)")
    }

    @Test("a custom profile file extends a built-in and changes the page origin")
    func customProfileFile() throws {
        let dir = try CLI.temporaryDirectory()
        let profile = dir.appendingPathComponent("same-page.json")
        // Page origin = the API's origin: the cross-origin requests of a browser become same-origin.
        let collection = dir.appendingPathComponent("c.json")
        try """
        {"name": "custom", "server": "builtin", "requests": [
          {"name": "api", "url": "{{base}}/get", "assert": [{"status": 200}]}
        ]}
        """.write(to: collection, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("wb.db").path
        let blocked = try CLI.run(["run", collection.path, "--profile", "browser-main", "--db", db])
        #expect(blocked.status == 1, "cross-origin without CORS is blocked: \(blocked.stdout)")
        #expect(blocked.stdout.contains("cors-blocked"))

        // A profile whose page is the API's own origin: 127.0.0.1 on the base port is only known at run time,
        // so the test uses --origin through a profile with an unrelated pageOrigin and checks the precedence.
        try #"{"name": "elsewhere", "extends": "browser-main", "pageOrigin": "http://example.test:9000"}"#
            .write(to: profile, atomically: true, encoding: .utf8)
        let custom = try CLI.run(["run", collection.path, "--profile", profile.path, "--db", db, "--output", "json"])
        let doc = try #require(try CLI.json(custom.stdout) as? [String: Any])
        let runs = try #require(doc["runs"] as? [[String: Any]])
        #expect(runs.first?["profile"] as? String == "elsewhere")
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let exchange = try #require((results.first?["exchanges"] as? [[String: Any]])?.first)
        let request = try #require(exchange["request"] as? [String: Any])
        let headers = try #require(request["headers"] as? [[String]])
        #expect(headers.contains(["Origin", "http://example.test:9000"]), "\(headers)")

        let bad = dir.appendingPathComponent("bad.json")
        try #"{"name": "bad", "extends": "browser-main", "corz": true}"#.write(to: bad, atomically: true, encoding: .utf8)
        let invalid = try CLI.run(["run", collection.path, "--profile", bad.path, "--db", db])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("cors"), "\(invalid.stderr)")
    }

    @Test("--strict turns an ignored option into a refusal before sending")
    func strictRefuses() throws {
        let dir = try CLI.temporaryDirectory()
        let collection = dir.appendingPathComponent("c.json")
        try """
        {"name": "strict", "server": "builtin", "requests": [
          {"name": "proxied", "url": "{{page}}/get", "options": {"proxy": "http://127.0.0.1:9"}, "assert": [{"status": 200}]}
        ]}
        """.write(to: collection, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("wb.db").path
        let lenient = try CLI.run(["run", collection.path, "--profile", "node-jspi", "--db", db])
        #expect(lenient.status == 0, "the proxy is ignored by node: \(lenient.stdout)")
        #expect(lenient.stdout.contains("option-ignored"))
        let strict = try CLI.run(["run", collection.path, "--profile", "node-jspi", "--strict", "--db", db])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("option-refused"))
    }
}
