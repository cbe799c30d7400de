import Engine
import Foundation
import Testing
@testable import Reports

/// The Markdown summary (`--report md:FILE`): golden files, table shape, escaping, bounded size.
/// `UPDATE_GOLDEN_MD=1 swift test --filter ReportsTests.MarkdownExportTests` rewrites its golden files.
@Suite("Markdown summary")
struct MarkdownExportTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The fixture run as a second profile: natively, the CORS-blocked request passes and the cookie is sent.
    static var nativeRecord: RunRecord {
        var record = ExportFixture.record
        record.id = 8
        record.info.profile = "native"
        record.info.settings.origin = nil
        record.results = record.results.map { result in
            var result = result
            result.effects = []
            if result.requestID == "cors/blocked put" {
                result.outcome = .passed
                result.pythonError = nil
                result.observed = ExportFixture.observed(ExportFixture.response(200, "OK", [], body: []), url: result.url)
            }
            return result
        }
        var counts = RunCounts()
        for result in record.results { counts.add(result.outcome) }
        record.counts = counts
        return record
    }

    func compare(_ output: String, golden name: String) throws {
        let file = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN_MD"] == "1" {
            try Data(output.utf8).write(to: file)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "missing \(file.path): run with UPDATE_GOLDEN_MD=1")
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = output.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(output == expected, """
            \(name) differs at line \((line ?? min(want.count, got.count)) + 1):
              golden: \(line.map { String(want[$0]) } ?? "<end>")
              actual: \(line.map { String(got[$0]) } ?? "<end>")
            """)
    }

    @Test("one run matches golden.md (the export format)")
    func singleRunGolden() throws {
        let output = Exporter.render(ExportFixture.record, as: .md, creatorVersion: ExportFixture.version)
        try compare(output, golden: "golden.md")
        #expect(output.hasPrefix("## ❌ `Golden` · `browser-main`\n"))
        #expect(output.contains("**3 passed** · **1 failed** · **2 errored** · 1 skipped"))
        #expect(!output.contains("### Profile matrix"), "one profile: no matrix")
        #expect(output.contains("- `jsonpath $.json.n == 3`: expected `3`, actual `4`"), "expected vs actual")
    }

    @Test("two profiles: totals, matrix and failures match summary.md")
    func twoProfilesGolden() throws {
        let output = MarkdownExport.render([ExportFixture.record, Self.nativeRecord])
        try compare(output, golden: "summary.md")
        #expect(output.contains("### Profile matrix"))
        #expect(output.contains("| `cors/blocked put` | ❌ cors-blocked | ✅ pass |") || output.contains("| cors/blocked put | ❌ cors-blocked | ✅ pass |"))
        #expect(output.contains("#### ❌ `users/create` · `native`"))
        #expect(output.contains("**7 passed** · **2 failed** · **3 errored** · 2 skipped"))
    }

    @Test("every table row has as many cells as its header")
    func tablesAreWellFormed() throws {
        let output = MarkdownExport.render([ExportFixture.record, Self.nativeRecord])
        var header: Int?
        var tables = 0
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { header = nil; continue }
            let cells = Self.cellCount(String(line))
            if let header {
                #expect(cells == header, "row \(line)")
            } else {
                header = cells
                tables += 1
            }
        }
        #expect(tables == 2, "run table and matrix")
    }

    /// Cells of a GitHub table row: `|` splits cells unless escaped with a backslash.
    static func cellCount(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count - 1
    }

    @Test("values with backticks, pipes and newlines stay in their code span and cell")
    func escaping() {
        #expect(MarkdownExport.inline("a|b") == "`a\\|b`")
        #expect(MarkdownExport.inline("has `tick`") == "`` has `tick` ``")
        #expect(MarkdownExport.inline("x\ny") == "`x⏎y`")
        #expect(MarkdownExport.inline("") == "` `")
        #expect(MarkdownExport.text("*bold* <b> [link](x) #1 a_b") == "\\*bold\\* \\<b\\> \\[link\\](x) \\#1 a\\_b")
        #expect(Self.cellCount("| \(MarkdownExport.inline("a|b|c")) | \(MarkdownExport.text("d|e")) |") == 2)
    }

    @Test("failure details stop after the limit and say how many more")
    func boundedFailures() {
        var record = ExportFixture.record
        let template = ExportFixture.create
        record.results = (0..<(MarkdownExport.failureLimit + 12)).map { index in
            var result = template
            result.index = index
            result.requestID = "r\(index)"
            return result
        }
        record.counts = RunCounts(failed: record.results.count)
        let output = MarkdownExport.render([record])
        #expect(output.components(separatedBy: "\n#### ").count - 1 == MarkdownExport.failureLimit)
        #expect(output.contains("… and 12 more requests that did not pass in run 7 (`workbench show 7`)."))
    }
}
