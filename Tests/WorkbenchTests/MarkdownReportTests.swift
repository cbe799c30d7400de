import Foundation
import Testing

/// End to end: `run --report md:FILE` writes one summary for all profiles, and appends to `$GITHUB_STEP_SUMMARY`.
@Suite("E2E Markdown report")
struct MarkdownReportTests {
    static let collection = """
    {"name": "summary", "server": "builtin", "requests": [
      {"name": "ok", "url": "{{page}}/get", "assert": [{"status": 200}]},
      {"name": "wrong status", "url": "{{page}}/status/404", "assert": [{"status": 200}]}
    ]}
    """

    @Test("one Markdown file for several profiles: totals, matrix, expected vs actual")
    func severalProfilesOneFile() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("c.json").path
        try Self.collection.write(toFile: file, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("summary.md").path
        let run = try CLI.run(["run", file, "--profile", "native,browser-main", "--db", dir.appendingPathComponent("wb.db").path,
                               "--report", "md:\(report)", "--report", "junit:\(dir.appendingPathComponent("j.xml").path)"],
                              environment: ["GITHUB_STEP_SUMMARY": ""])
        #expect(run.status == 1, "a request fails: \(run.stdout)\n\(run.stderr)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.hasPrefix("## ❌ `summary` · `native, browser-main`"), "\(text)")
        #expect(text.contains("**2 passed** · **2 failed** · **0 errored** · 0 skipped"))
        #expect(text.contains("### Profile matrix"))
        #expect(text.contains("| wrong status | ❌ fail | ❌ fail |"), "\(text)")
        #expect(text.contains("- `status == 200`: expected `200`, actual `404`") || text.contains("expected `200`, actual `404`"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary-native.md").path), "one file, not one per profile")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("j-native.xml").path), "other formats stay per profile")
    }

    @Test("the file $GITHUB_STEP_SUMMARY names is appended to; another file is replaced")
    func appendsToStepSummary() throws {
        let dir = try CLI.temporaryDirectory()
        let summary = dir.appendingPathComponent("step_summary").path
        try "# Earlier step\n\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("wb.db").path
        for _ in 0..<2 {
            let run = try CLI.run(["run", "collections/chaining.json", "--db", db, "--report", "md:\(summary)"],
                                  environment: ["GITHUB_STEP_SUMMARY": summary])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("# Earlier step\n\n## ✅ `Chaining`"), "\(text)")
        #expect(text.components(separatedBy: "## ✅ `Chaining`").count - 1 == 2, "two runs appended")

        let other = dir.appendingPathComponent("other.md").path
        for _ in 0..<2 {
            _ = try CLI.run(["run", "collections/chaining.json", "--db", db, "--report", "md:\(other)"],
                            environment: ["GITHUB_STEP_SUMMARY": summary])
        }
        let replaced = try String(contentsOfFile: other, encoding: .utf8)
        #expect(replaced.components(separatedBy: "## ✅ `Chaining`").count - 1 == 1, "replaced, not appended")
    }
}
