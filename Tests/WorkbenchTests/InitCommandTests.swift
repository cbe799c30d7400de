import Foundation
import Testing

/// End to end: `workbench init` writes a collection that validates, runs offline, and names the schema;
/// `--version` names the libraries.
@Suite("E2E init and version")
struct InitCommandTests {
    @Test("init NAME writes NAME.json that validates and runs offline; its $schema resolves to the repo's schema")
    func initRunsOffline() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("shop.json").path
        let created = try CLI.run(["init", dir.appendingPathComponent("shop").path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("workbench run"), "says what to do next: \(created.stdout)")

        let document = try #require(try CLI.json(String(contentsOfFile: file, encoding: .utf8)) as? [String: Any])
        #expect(document["name"] as? String == "shop")
        #expect((document["environments"] as? [String: Any])?.keys.sorted() == ["ci", "local"])
        #expect((document["requests"] as? [Any])?.count == 2)
        let schema = try #require(document["$schema"] as? String)
        // Relative to the collection's folder (a directory URL, or the last component would be dropped).
        let folder = URL(fileURLWithPath: dir.path, isDirectory: true)
        let resolved = URL(fileURLWithPath: schema, relativeTo: folder).standardizedFileURL.resolvingSymlinksInPath()
        let repoSchema = CLI.packageRoot.appendingPathComponent("schema/collection.schema.json").resolvingSymlinksInPath()
        #expect(resolved.path == repoSchema.path, "$schema \(schema) should lead to the schema file")

        let validate = try CLI.run(["validate", file])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        for env in ["local", "ci"] {
            let db = dir.appendingPathComponent("\(env).db").path
            let run = try CLI.run(["run", file, "--env", env, "--db", db, "--output", "json"])
            #expect(run.status == 0, "--env \(env): \(run.stdout)\n\(run.stderr)")
        }
    }

    @Test("init refuses to overwrite without --force, and replaces with it")
    func initKeepsExistingFiles() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("api.json").path
        try "{}".write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["init", file])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "{}")
        let forced = try CLI.run(["init", file, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"requests\""))
        let missingDirectory = try CLI.run(["init", dir.appendingPathComponent("no/such/dir/x").path])
        #expect(missingDirectory.status == 2)
    }

    @Test("--version names workbench, libcurl and SQLite versions")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.range(of: #"^workbench \d+\.\d+\.\d+ \(libcurl \d+\.\d+\.\d+, SQLite 3\.\d+\.\d+\)$"#, options: .regularExpression) != nil,
                "\(line)")
    }
}
