import Foundation
import Testing

/// The HTML report as a person sees it: rendered by Chromium (Debian's `chromium`), headless.
@Suite("E2E export HTML in Chromium")
struct E2EExportHTMLTests {
    /// The browser, when installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs Chromium headless on `file` with `extra` flags; (status, stdout, stderr).
    static func chromium(_ file: String, profile: URL, extra: [String] = []) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)"] + extra + ["--dump-dom", "file://\(file)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = CLI.CollectedOutput()
        try process.run()
        collected.drain(out.fileHandleForReading, error: false)
        collected.drain(err.fileHandleForReading, error: true)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        // Chromium's helper processes may hold the pipes a moment longer than the browser itself.
        _ = collected.waitForEndOfFile(seconds: 15)
        let (o, e) = collected.texts
        return (process.terminationStatus, o, e)
    }

    @Test("Chromium renders the report: the summary and every request appear, no console error",
          .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium): the HTML report was not rendered"))
    func rendersInChromium() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let html = dir.appendingPathComponent("report.html").path
        let run = try CLI.run(["run", "collections/demo.json", "--profile", "browser-main", "--quiet", "--db", db, "--report", "html:\(html)"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let json = try CLI.run(["export", "last", "--format", "json", "--db", db])
        let results = try #require((try CLI.json(json.stdout) as? [String: Any])?["results"] as? [[String: Any]])
        let names = results.compactMap { $0["name"] as? String }
        #expect(names.count >= 5)

        let (status, dom, stderr) = try Self.chromium(html, profile: dir.appendingPathComponent("chromium-1"))
        #expect(status == 0, "\(stderr)")
        #expect(dom.contains("<h1>"), "no DOM dumped: \(stderr)")
        for text in ["Demo", "browser-main", "requests", "passed"] { #expect(dom.contains(text), "summary lacks \(text)") }
        for name in names { #expect(dom.contains(Self.escaped(name)), "the DOM lacks request \(name)") }

        let (_, _, log) = try Self.chromium(html, profile: dir.appendingPathComponent("chromium-2"), extra: ["--enable-logging=stderr", "--v=0"])
        let consoleLines = log.split(separator: "\n").filter { $0.contains(":CONSOLE(") || $0.contains("Refused to") || $0.contains("Uncaught") }
        #expect(consoleLines.isEmpty, "console messages: \(consoleLines.joined(separator: "\n"))")

        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(Self.networkReferences(page) == [])
    }

    /// `&`, `<`, `>` as the DOM serialiser writes them in text.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// `src=`, `href=` or any other attribute, or the style sheet, pointing at the network. URLs are allowed only
    /// as text (inside the exchanges).
    static func networkReferences(_ html: String) -> [String] {
        var found: [String] = []
        let attribute = try? NSRegularExpression(pattern: #"[a-zA-Z-]+\s*=\s*("[^"]*"|'[^']*')"#)
        for match in attribute?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? [] {
            guard let r = Range(match.range, in: html) else { continue }
            let text = html[r].lowercased()
            if text.contains("http:") || text.contains("https:") || text.contains("=\"//") { found.append(String(text)) }
        }
        if let a = html.range(of: "<style>"), let b = html.range(of: "</style>"), a.upperBound < b.lowerBound {
            let css = html[a.upperBound..<b.lowerBound].lowercased()
            if css.contains("http") || css.contains("url(") || css.contains("@import") { found.append("style sheet") }
        }
        return found
    }
}
