import FixtureServer
import Foundation
import Testing

/// Security (issue #7), end to end through the built binary: what a user sees and what is stored.
/// Engine-level checks of the same points are `Tests/EngineTests/Security*.swift`; the table that maps
/// each point to its test is `docs/reliability.md`, "Security".
@Suite("E2E security", .serialized)
struct SecuritySuiteTests {
    // MARK: Helpers

    /// A self-signed certificate for `localhost` and `127.0.0.1` made with the `openssl` command line.
    static func selfSigned(in dir: URL) throws -> (certificate: String, key: String) {
        let certificate = dir.appendingPathComponent("self.pem").path
        let key = dir.appendingPathComponent("self.key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl could not make a certificate")
        return (certificate, key)
    }

    static func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// Runs `workbench args…` under `umask 000` (through `sh`, so only the child's umask changes).
    static func runWithOpenUmask(_ arguments: [String]) throws -> CLIResult {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 000 && exec " + quoted.joined(separator: " ")]
        process.currentDirectoryURL = CLI.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = CLI.CollectedOutput()
        try process.run()
        collected.drain(out.fileHandleForReading, error: false)
        collected.drain(err.fileHandleForReading, error: true)
        process.waitUntilExit()
        _ = collected.waitForEndOfFile(seconds: 30)
        let (o, e) = collected.texts
        return CLIResult(status: process.terminationStatus, stdout: o, stderr: e)
    }

    /// Every export format, read from `workbench export --help` (so a new format is covered without editing this test).
    static func exportFormats() throws -> [String] {
        let help = try CLI.run(["export", "--help"], environment: ["COLUMNS": "400"])
        let text = help.stdout.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        guard let start = text.firstRange(of: "The format: ") else { return [] }
        let list = text[start.upperBound...].prefix { $0 != "." }
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: TLS

    @Test("TLS: verification on by default; insecure (request, defaults, environment, --var) is shown on the request's line, in show and in export json")
    func tlsVerification() throws {
        let dir = try CLI.temporaryDirectory()
        let pair = try Self.selfSigned(in: dir)
        let server = try FixtureServer.start(FixtureServerConfiguration(tls: FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key)))
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        let collection = dir.appendingPathComponent("tls.json")
        try Self.write("""
        {"name": "tls", "variables": {"https": "\(https)", "off": false},
         "environments": {"lab": {"off": true}},
         "requests": [
          {"name": "strict", "url": "{{https}}/get"},
          {"name": "relaxed", "url": "{{https}}/get", "options": {"insecure": true}},
          {"name": "templated", "url": "{{https}}/get", "options": {"insecure": "{{off}}"}}
         ]}
        """, to: collection)
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", collection.path, "--db", db])
        #expect(run.status == 1, "strict fails against a self-signed server\n\(run.stdout)\n\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let strictIndex = try #require(lines.firstIndex { $0.contains("strict") })
        let relaxedIndex = try #require(lines.firstIndex { $0.contains("relaxed") })
        let strictBlock = lines[strictIndex..<relaxedIndex].joined(separator: "\n")
        #expect(strictBlock.contains("tls"), "the TLS failure is shown: \(strictBlock)")
        #expect(!strictBlock.contains("tls-unverified"))
        #expect(lines[relaxedIndex...].contains { $0.contains("tls-unverified") && $0.contains("TLS verification is off") },
                "the relaxed request's effects name tls-unverified:\n\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "tls-unverified").count - 1 == 1, "only the relaxed request (off is false)")

        let show = try CLI.run(["show", "last", "relaxed", "--db", db, "--output", "json"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("tls-unverified"), "show --output json records it: \(show.stdout.prefix(400))")
        let showText = try CLI.run(["show", "last", "relaxed", "--db", db])
        #expect(showText.stdout.contains("tls-unverified"), "show (text) lists it")
        let export = try CLI.run(["export", "last", "--format", "json", "--db", db])
        let json = try #require(try CLI.json(export.stdout) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        for result in results {
            let text = String(describing: result)
            let name = String(describing: result["name"] ?? result["id"] ?? "")
            #expect(text.contains("tls-unverified") == name.contains("relaxed"), "export json, \(name)")
        }

        // The environment and --var ways, each shown the same way.
        for extra in [["--env", "lab"], ["--var", "off=true"]] {
            let other = try CLI.run(["run", collection.path, "--db", db] + extra)
            #expect(other.stdout.components(separatedBy: "tls-unverified").count - 1 == 2, "\(extra): relaxed and templated\n\(other.stdout)")
            let stored = try CLI.run(["show", "last", "templated", "--db", db, "--output", "json"])
            #expect(stored.stdout.contains("tls-unverified"), "\(extra): stored")
        }

        // No command-line switch turns verification off: the collection is the only place (and it is shown).
        let help = try CLI.run(["run", "--help"])
        #expect(!help.stdout.lowercased().contains("insecure") && !help.stdout.contains("--no-verify"))

        // Under a browser profile the option is ignored (the browser's trust store decides) and said so.
        let browser = try CLI.run(["run", collection.path, "--db", db, "--profile", "browser-main"])
        #expect(browser.stdout.contains("option-ignored") && browser.stdout.contains("insecure (TLS verification off)"), "\(browser.stdout)")
        #expect(!browser.stdout.contains("tls-unverified"))
        #expect(server.requestLog().filter { $0.path == "/get" }.count == 5, "only native's insecure requests reached the server (1 + 2 + 2)")
    }

    // MARK: Schemes

    @Test("schemes: a redirect to file:// (native, followRedirects) and a url from a variable naming file:// read nothing")
    func onlyHTTP() throws {
        let dir = try CLI.temporaryDirectory()
        let server = try FixtureServer.start()
        defer { server.stop() }
        let collection = dir.appendingPathComponent("schemes.json")
        try Self.write("""
        {"name": "schemes", "variables": {"base": "\(server.baseURL)", "target": "file:///etc/passwd"},
         "requests": [
          {"name": "redirect", "url": "{{base}}/redirect-to?acao=*&url=file%3A%2F%2F%2Fetc%2Fpasswd", "options": {"followRedirects": true}},
          {"name": "ftp", "url": "{{base}}/redirect-to?acao=*&url=ftp%3A%2F%2F127.0.0.1%2Fx", "options": {"followRedirects": true}},
          {"name": "direct", "url": "{{target}}"}
         ]}
        """, to: collection)
        let db = dir.appendingPathComponent("wb.db").path
        for profile in ["native", "browser-worker"] {
            let run = try CLI.run(["run", collection.path, "--db", db, "--profile", profile, "-v"])
            #expect(run.status == 1, "\(profile): \(run.stdout)")
            #expect(!run.stdout.contains("root:x:0"), "\(profile): nothing of /etc/passwd")
            let export = try CLI.run(["export", "last", "--format", "json", "--db", db])
            #expect(!export.stdout.contains("root:x:0"))
            #expect(export.stdout.contains("unsupported-protocol") || export.stdout.contains("redirect-blocked"), "\(profile)")
        }
        #expect(server.requestLog().allSatisfy { $0.path == "/redirect-to" }, "no other request reached a server")
    }

    // MARK: Injection through captures, variables and the environment

    @Test("captured values cannot inject a header, change the method or leave their URL component (the server's log shows the wire)")
    func injectionThroughCaptures() throws {
        let dir = try CLI.temporaryDirectory()
        let server = try FixtureServer.start()
        defer { server.stop() }
        let collection = dir.appendingPathComponent("inject.json")
        try Self.write(#"""
        {"name": "inject", "variables": {"base": "BASE"},
         "requests": [
          {"name": "source", "method": "POST", "url": "{{base}}/echo",
           "body": {"json": {"seg": "a/../../status/500?x=1#f", "q": "1&admin=true", "hdr": "v\r\nX-Injected: 1",
                             "method": "GET /admin HTTP/1.1", "host": "evil.test@127.0.0.1", "dots": ".."}},
           "capture": {"seg": {"jsonpath": "$.json.seg"}, "q": {"jsonpath": "$.json.q"}, "hdr": {"jsonpath": "$.json.hdr"},
                       "method": {"jsonpath": "$.json.method"}, "host": {"jsonpath": "$.json.host"}, "dots": {"jsonpath": "$.json.dots"}}},
          {"name": "url", "url": "{{base}}/anything/{{seg}}?q={{q}}&keep=1", "assert": [{"status": 200}]},
          {"name": "header", "url": "{{base}}/anything/header", "headers": {"X-Id": "{{hdr}}"}},
          {"name": "env-header", "url": "{{base}}/anything/env", "headers": {"X-Env": "{{$processEnv WB_EVIL}}"}},
          {"name": "method", "method": "{{method}}", "url": "{{base}}/anything/method"},
          {"name": "host", "url": "http://{{host}}/anything/host"},
          {"name": "dots", "url": "{{base}}/anything/{{dots}}/x"}
         ]}
        """#.replacingOccurrences(of: "BASE", with: server.baseURL), to: collection)
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", collection.path, "--db", db], environment: ["WB_EVIL": "x\r\nX-Env-Injected: 1"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        let log = server.requestLog()
        #expect(log.map(\.path) == ["/echo", "/anything/a%2F..%2F..%2Fstatus%2F500%3Fx=1%23f"], "only source and url reached the server: \(log.map(\.path))")
        #expect(log.last?.query == "q=1%26admin%3Dtrue&keep=1")
        #expect(log.allSatisfy { $0.header("X-Injected") == nil && $0.header("X-Env-Injected") == nil })
        let show = try CLI.run(["show", "last", "--db", db, "--output", "json"])
        #expect(show.status == 0)
        for (name, words) in [("header", "line break"), ("env-header", "line break"), ("method", "not a valid method"),
                              ("host", "would change the URL's host"), ("dots", "dot segment")] {
            let line = run.stdout.split(separator: "\n").first { $0.contains(" \(name) ") || $0.hasSuffix(" \(name)") }
            #expect(line != nil, "\(name) listed")
            #expect(run.stdout.contains(words), "\(name): the reason '\(words)' is printed\n\(run.stdout)")
        }
    }

    // MARK: Files: modes and secrets

    @Test("under umask 000 the database, every export and every --report file are 0600, and none holds the secret")
    func fileModesAndSecrets() throws {
        let dir = try CLI.temporaryDirectory()
        let server = try FixtureServer.start()
        defer { server.stop() }
        let secret = "Sup3r-Secret/Value&x=1 é"
        let collection = dir.appendingPathComponent("secret.json")
        try Self.write("""
        {"name": "secret", "variables": {"base": "\(server.baseURL)", "token": {"value": "\(secret)", "secret": true}},
         "requests": [
          {"name": "echo", "method": "POST", "url": "{{base}}/anything/{{token}}?t={{token}}", "query": {"u": "{{token}}"},
           "headers": {"Authorization": "Bearer {{token}}", "X-Token": "{{token}}"},
           "body": {"json": {"token": "{{token}}", "note": "t={{token}}"}}, "assert": [{"status": 200}]},
          {"name": "form", "method": "POST", "url": "{{base}}/echo", "body": {"form": {"token": "{{token}}"}}, "assert": [{"status": 200}]}
         ]}
        """, to: collection)
        let db = dir.appendingPathComponent("data/wb.db").path
        let formats = try Self.exportFormats()
        #expect(formats.count >= 9, "export --help lists the formats: \(formats)")
        let reportFormats = formats.filter { $0 != "md" }
        var reports: [String] = reportFormats.map { dir.appendingPathComponent("report.\($0)").path }
        let md = dir.appendingPathComponent("summary.md").path
        var arguments = ["run", collection.path, "--db", db, "-v"]
        for (format, path) in zip(reportFormats, reports) { arguments += ["--report", "\(format):\(path)"] }
        if formats.contains("md") { arguments += ["--report", "md:\(md)"]; reports.append(md) }
        let run = try Self.runWithOpenUmask(arguments)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")

        var exports: [String] = []
        for format in formats {
            let out = dir.appendingPathComponent("export-\(format).out").path
            let export = try Self.runWithOpenUmask(["export", "last", "--format", format, "--out", out, "--db", db])
            #expect(export.status == 0, "\(format): \(export.stderr)")
            exports.append(out)
        }
        let checked = [db, db + "-wal", db + "-shm"].filter { FileManager.default.fileExists(atPath: $0) } + reports + exports
        #expect(checked.count >= 2 * formats.count + 1)
        for path in checked {
            #expect(Self.mode(path) == 0o600, "\(path): mode \(String(Self.mode(path) ?? -1, radix: 8))")
        }
        #expect(Self.mode(dir.appendingPathComponent("data").path) == 0o700, "the database's new folder is 0700")

        // The secret's prefix is unique and made of unreserved characters: any form of it (as is, percent-encoded
        // as a path segment or a query value, form-encoded, JSON-escaped) contains it.
        let needle = Data("Sup3r-Secret".utf8)
        for path in checked {
            #expect(Self.bytes(path).range(of: needle) == nil, "\(URL(fileURLWithPath: path).lastPathComponent) holds the secret")
        }
        #expect(!run.stdout.contains("Sup3r-Secret") && !run.stderr.contains("Sup3r-Secret"), "the terminal shows the secret")
        // The echo server saw the real value (the request was really sent with it).
        #expect(server.requestLog().first?.header("X-Token") == secret)
    }

    // MARK: The fixture server

    /// The local addresses `port` listens on, from /proc/net/tcp and tcp6 (hex `0100007F` is 127.0.0.1).
    static func listeningAddresses(port: Int) -> [String] {
        var found: [String] = []
        let hexPort = String(format: "%04X", port)
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }  // LISTEN
                let local = fields[1].split(separator: ":")
                if local.count == 2, local[1] == hexPort { found.append(String(local[0])) }
            }
        }
        return found
    }

    static func servePorts(_ running: CLI.Running) -> (base: Int, page: Int)? {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = running.collected.texts.0
            if let base = port(after: "base (API):", in: text), let page = port(after: "page origin:", in: text) { return (base, page) }
            usleep(50_000)
        }
        return nil
    }

    static func port(after label: String, in text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }),
              let colon = line.lastIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    @Test("workbench serve listens on 127.0.0.1 (and ::1 for the page origin) only; --host changes it")
    func serveBindsLoopback() throws {
        let running = try CLI.start(["serve", "--port", "0", "--page-port", "0"])
        defer { running.process.terminate(); _ = try? CLI.finish(running, timeout: 20) }
        let (base, page) = try #require(Self.servePorts(running), "serve printed its ports: \(running.collected.texts)")
        let baseAddresses = Self.listeningAddresses(port: base)
        let pageAddresses = Self.listeningAddresses(port: page)
        #expect(baseAddresses == ["0100007F"], "base listens on 127.0.0.1 only: \(baseAddresses)")
        #expect(!pageAddresses.isEmpty && pageAddresses.allSatisfy { $0 == "0100007F" || $0 == "00000000000000000000000001000000" },
                "page listens on 127.0.0.1 / ::1 only: \(pageAddresses)")

        let wide = try CLI.start(["serve", "--port", "0", "--page-port", "0", "--host", "0.0.0.0"])
        defer { wide.process.terminate(); _ = try? CLI.finish(wide, timeout: 20) }
        let (wideBase, _) = try #require(Self.servePorts(wide))
        #expect(Self.listeningAddresses(port: wideBase) == ["00000000"], "--host 0.0.0.0 is the explicit way to listen wider")
    }
}
