import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// End to end: `workbench export` and `workbench run --report` on real runs against the built-in server.
/// (`E2EExportHARChecker.swift` is the HAR 1.2 checker of ReportsTests, shared by a symbolic link.)
@Suite("E2E export")
struct E2EExportTests {
    static let formats = ["har", "junit", "json", "tap", "csv", "html"]

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func xmlIsWellFormed(_ path: String) -> Bool {
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) else { return false }
        return parser.parse()
    }

    @Test("every format exports the last run to a 0600 file, or to stdout; the HAR passes the HAR 1.2 checks")
    func exportEveryFormat() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", "collections/demo.json", "--db", db, "--quiet"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for format in Self.formats {
            let out = dir.appendingPathComponent("export.\(format)").path
            let export = try CLI.run(["export", "last", "--format", format, "--out", out, "--db", db])
            #expect(export.status == 0, "\(format): \(export.stderr)")
            #expect(export.stdout.isEmpty)
            #expect(try mode(out) == 0o600, "\(format) file mode")
            let stdout = try CLI.run(["export", "1", "--format", format, "--db", db])
            #expect(stdout.status == 0)
            #expect(stdout.stdout == (try String(contentsOfFile: out, encoding: .utf8)), "\(format): stdout and file differ")
        }
        let har = try String(contentsOfFile: dir.appendingPathComponent("export.har").path, encoding: .utf8)
        #expect(HARChecker.check(har) == [])
        // Plain HTTP on kept-alive connections: no TLS anywhere, and later requests reuse the connection.
        let timings = (try JSONAny.parse(har)["log"]?["entries"]?.items ?? []).compactMap { $0["timings"] }
        #expect(!timings.isEmpty)
        #expect(timings.allSatisfy { $0["ssl"] == .number(-1) })
        #expect(timings.contains { $0["connect"] == .number(-1) }, "no reused connection in \(timings)")
        #expect(timings.contains { ($0["connect"]?.number ?? -1) > 0 }, "no new connection")
        #expect(xmlIsWellFormed(dir.appendingPathComponent("export.junit").path))
        let json = try #require(try CLI.json(try String(contentsOfFile: dir.appendingPathComponent("export.json").path, encoding: .utf8)) as? [String: Any])
        #expect((json["run"] as? [String: Any])?["profile"] as? String == "native")
        #expect((json["results"] as? [Any])?.isEmpty == false)
    }

    @Test("an unknown run is bad input (exit 2); an unwritable --out is reported")
    func errors() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let none = try CLI.run(["export", "last", "--format", "json", "--db", db])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no runs"), "\(none.stderr)")
        _ = try CLI.run(["run", "collections/demo.json", "--db", db, "--quiet"])
        let missing = try CLI.run(["export", "last~5", "--format", "json", "--db", db])
        #expect(missing.status == 2)
        let unwritable = try CLI.run(["export", "last", "--format", "csv", "--out", dir.appendingPathComponent("no/such/dir.csv").path, "--db", db])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write"), "\(unwritable.stderr)")
    }

    @Test("run --report junit:… --report har:… writes both reports, valid, mode 0600")
    func runWithReports() throws {
        let dir = try CLI.temporaryDirectory()
        let junit = dir.appendingPathComponent("results.xml").path
        let har = dir.appendingPathComponent("traffic.har").path
        let run = try CLI.run(["run", "collections/demo.json", "--db", dir.appendingPathComponent("wb.db").path,
                               "--report", "junit:\(junit)", "--report", "har:\(har)"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("junit report: \(junit)"))
        #expect(try mode(junit) == 0o600 && (try mode(har)) == 0o600)
        #expect(xmlIsWellFormed(junit))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"Demo · native\""))
        #expect(xml.contains("name=\"sample json\""))
        #expect(HARChecker.check(try String(contentsOfFile: har, encoding: .utf8)) == [])
    }

    @Test("with several profiles each run gets its own report, -PROFILE before the extension")
    func reportsPerProfile() throws {
        let dir = try CLI.temporaryDirectory()
        let run = try CLI.run(["run", "collections/demo.json", "--profile", "native,browser-main", "--quiet",
                               "--db", dir.appendingPathComponent("wb.db").path,
                               "--report", "junit:\(dir.path)/r.xml", "--report", "har:\(dir.path)/r.har"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for profile in ["native", "browser-main"] {
            let xml = "\(dir.path)/r-\(profile).xml"
            #expect(xmlIsWellFormed(xml), "\(xml)")
            #expect((try? String(contentsOfFile: xml, encoding: .utf8))?.contains("Demo · \(profile)") == true)
            let har = (try? String(contentsOfFile: "\(dir.path)/r-\(profile).har", encoding: .utf8)) ?? ""
            #expect(HARChecker.check(har) == [], "\(profile)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/r.xml"))
    }

    @Test("a bad --report is bad input before anything is sent")
    func badReport() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let unknown = try CLI.run(["run", "collections/demo.json", "--db", db, "--report", "pdf:out.pdf"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown format 'pdf'"), "\(unknown.stderr)")
        let noDir = try CLI.run(["run", "collections/demo.json", "--db", db, "--report", "junit:\(dir.path)/missing/r.xml"])
        #expect(noDir.status == 2)
        let history = try CLI.run(["history", "--db", db, "--output", "json"])
        #expect((try? CLI.json(history.stdout) as? [Any])?.isEmpty ?? true, "nothing was run")
    }

    @Test("a secret passed with --var reaches neither the database nor any export")
    func secretsStayOut() throws {
        let dir = try CLI.temporaryDirectory()
        let secret = "SuperSecretValue123"
        let collection = dir.appendingPathComponent("secret.json")
        try """
        {"name": "secrets", "server": "builtin", "requests": [
          {"name": "bearer", "method": "GET", "url": "{{base}}/headers?t={{token}}",
           "headers": {"Authorization": "Bearer {{token}}", "X-Token-Copy": "{{token}}"}, "assert": [{"status": 200}]},
          {"name": "echo", "method": "POST", "url": "{{page}}/echo", "body": {"json": {"token": "{{token}}"}}, "assert": [{"status": 200}]}
        ]}
        """.write(to: collection, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", collection.path, "--var", "token=\(secret)", "--db", db, "--verbose",
                               "--report", "html:\(dir.path)/report.html"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stdout.contains(secret), "the terminal output shows the secret")
        var checked: [String] = []
        for format in Self.formats {
            let out = dir.appendingPathComponent("export.\(format)").path
            let export = try CLI.run(["export", "last", "--format", format, "--out", out, "--db", db])
            #expect(export.status == 0, "\(export.stderr)")
            checked.append(out)
        }
        checked.append("\(dir.path)/report.html")
        // The database, its WAL and shared-memory files.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("wb.db") }
        #expect(names.contains("wb.db"))
        checked += names.map { "\(dir.path)/\($0)" }
        let needle = Data(secret.utf8)
        for path in checked {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(!bytes.isEmpty || path.hasSuffix("-shm") || path.hasSuffix("-wal"), "\(path) is empty")
            #expect(bytes.range(of: needle) == nil, "\(path) holds the secret")
        }
        // The exports still say where the secret went.
        let har = try String(contentsOfFile: dir.appendingPathComponent("export.har").path, encoding: .utf8)
        #expect(har.contains("{{token}}"))
    }
}
