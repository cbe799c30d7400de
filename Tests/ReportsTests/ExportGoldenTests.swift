import Foundation
import Testing
@testable import Reports

/// Every format's output for the hand-made run, compared byte for byte with `Golden/golden.<ext>`.
/// `UPDATE_GOLDEN=1 swift test --filter ReportsTests.ExportGolden` rewrites the files (then review the diff).
@Suite("Export golden files")
struct ExportGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test("each format matches its golden file", arguments: ExportFormat.allCases)
    func matchesGolden(_ format: ExportFormat) throws {
        let output = Exporter.render(ExportFixture.record, as: format, creatorVersion: ExportFixture.version)
        let file = Self.directory.appendingPathComponent("golden.\(format.fileExtension)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: file)
            return
        }
        let expected = try #require(try? Data(contentsOf: file), "missing \(file.path): run with UPDATE_GOLDEN=1 to create it")
        let actual = Data(output.utf8)
        if actual != expected {
            let want = String(decoding: expected, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            let got = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
            Issue.record("""
                \(format.rawValue) export differs from \(file.lastPathComponent) at line \(line + 1):
                  golden: \(line < want.count ? String(want[line]) : "<end>")
                  actual: \(line < got.count ? String(got[line]) : "<end>")
                Run with UPDATE_GOLDEN=1 if the change is intended.
                """)
        }
    }

    @Test("exports are deterministic: the same record gives the same bytes", arguments: ExportFormat.allCases)
    func deterministic(_ format: ExportFormat) {
        let a = Exporter.render(ExportFixture.record, as: format, creatorVersion: ExportFixture.version)
        let b = Exporter.render(ExportFixture.record, as: format, creatorVersion: ExportFixture.version)
        #expect(a == b)
    }
}
