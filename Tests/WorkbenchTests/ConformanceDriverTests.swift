import Foundation
import Testing

/// The conformance driver end to end, without Chromium: `conformance/driver.py` starts `workbench serve
/// --conformance`, runs a few cases through node's fetch and `workbench run --profile node-jspi`, and writes a
/// report whose comparisons agree. The whole suite (Chromium included) is `scripts/conformance`.
@Suite(.serialized) struct ConformanceDriverTests {
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @Test(.enabled(if: tool("node") != nil && tool("python3") != nil, "needs node and python3"))
    func nodeContextAgreesAndReportsVersions() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.tool("python3")))
        process.currentDirectoryURL = CLI.packageRoot
        process.arguments = [CLI.packageRoot.appendingPathComponent("conformance/driver.py").path, "--bin", CLI.binary,
                             "--contexts", "nf", "--only", "p01,p02,p14,b03,b05,m01,c18", "--out", out.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("7 comparisons, 7 agree"), "\(printed)")

        let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let versions = try #require(report["versions"] as? [String: String])
        #expect(versions["node"]?.hasPrefix("v") == true)
        let cases = try #require(report["cases"] as? [[String: Any]])
        #expect(cases.count == 7)
        // p14 (TRACE) is refused by node before sending: nothing of it may reach the server on either side.
        let trace = try #require(cases.first { $0["id"] as? String == "p14" })
        let nf = try #require((trace["contexts"] as? [String: Any])?["nf"] as? [String: Any])
        let server = try #require(nf["server"] as? [String: [Any]])
        #expect(server["runtime"]?.isEmpty == true && server["workbench"]?.isEmpty == true)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }
}
