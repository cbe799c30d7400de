import Foundation
import Testing

/// End to end: secrets never reach the database, the terminal or JSON output; redaction is configurable.
@Suite("E2E redaction")
struct RedactionTests {
    func contains(_ file: String, _ needle: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file) else { return false }
        return data.range(of: Data(needle.utf8)) != nil
    }

    @Test("collection secrets, --secret and --redact-header are redacted; --keep-header keeps a default one")
    func configurableRedaction() throws {
        let dir = try CLI.temporaryDirectory()
        let collection = dir.appendingPathComponent("c.json")
        try """
        {"name": "secrets", "server": "builtin",
         "variables": {"apiKey": {"value": "CollectionSecret42", "secret": true}, "plain": "PlainValue77"},
         "requests": [
          {"name": "echo", "method": "POST", "url": "{{base}}/echo?k={{apiKey}}",
           "headers": {"X-Api-Key": "{{apiKey}}", "X-Session": "{{session}}", "X-Trace": "TraceValue99",
                       "Cookie": "sid=CookieValue55", "X-Plain": "{{plain}}"},
           "body": {"json": {"key": "{{apiKey}}", "session": "{{session}}"}},
           "assert": [{"status": 200}]}
        ]}
        """.write(to: collection, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("wb.db").path
        let run = try CLI.run(["run", collection.path, "--db", db, "-v", "--var", "session=SessionValue31",
                               "--secret", "session", "--redact-header", "X-Trace", "--keep-header", "Cookie"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let json = try CLI.run(["show", "last", "echo", "--db", db, "--output", "json"])
        #expect(json.status == 0)
        for secret in ["CollectionSecret42", "SessionValue31", "TraceValue99"] {
            #expect(!run.stdout.contains(secret), "terminal shows \(secret)")
            #expect(!json.stdout.contains(secret), "show --output json holds \(secret)")
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: db + suffix) {
                #expect(!contains(db + suffix, secret), "database\(suffix) holds \(secret)")
            }
        }
        #expect(json.stdout.contains("{{apiKey}}"), "a secret is stored as the variable that supplied it")
        #expect(json.stdout.contains("{{session}}"))
        #expect(json.stdout.contains("CookieValue55"), "--keep-header Cookie keeps it in clear")
        #expect(json.stdout.contains("PlainValue77"), "values that are not secret stay")
    }
}
