import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

/// Collects the elements of an XML document with Foundation's parser (independent of the writer).
final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text: [String: String] = [:]
    private var stack: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        stack.append("\(name)#\(elements.count - 1)")
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { text[top, default: ""] += string }
    }
    func text(of index: Int) -> String { text["\(elements[index].name)#\(index)"] ?? "" }

    static func parse(_ xml: String) throws -> XMLCollector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = XMLCollector()
        parser.delegate = collector
        guard parser.parse() else { throw XMLError(message: "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)") }
        return collector
    }
    struct XMLError: Error { var message: String }
}

/// RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false } }
            else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\r", chars.first == "\n" { chars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
        else { field.unicodeScalars.append(c) }
    }
    return rows
}

@Suite("Export JUnit")
struct ExportJUnitTests {
    let xml = Exporter.render(ExportFixture.record, as: .junit, creatorVersion: ExportFixture.version)

    @Test("well-formed, one suite with the run's counts, one testcase per request")
    func structure() throws {
        let doc = try XMLCollector.parse(xml)
        let suite = try #require(doc.elements.first { $0.name == "testsuite" })
        #expect(suite.attributes["name"] == "Golden · browser-main")
        #expect(suite.attributes["tests"] == "7")
        #expect(suite.attributes["failures"] == "1")
        #expect(suite.attributes["errors"] == "2")
        #expect(suite.attributes["skipped"] == "1")
        #expect(suite.attributes["time"] == "0.500")
        #expect(suite.attributes["timestamp"] == "2024-05-01T12:51:30")
        let cases = doc.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] ?? "" } == ["sample json", "create", "blocked put", "redirect chain", "not yet",
                                                            "search & <filter> \"bytes\", 'raw'", "offline"])
        #expect(cases.map { $0.attributes["classname"] ?? "" } == ["Golden", "users", "cors", "Golden", "later", "Golden", "Golden"])
        #expect(cases[3].attributes["time"] == "0.026")
    }

    @Test("failure lists every failed assertion with expected and actual; error names the exception and cause")
    func failureAndError() throws {
        let doc = try XMLCollector.parse(xml)
        let failureIndex = try #require(doc.elements.firstIndex { $0.name == "failure" })
        #expect(doc.elements[failureIndex].attributes["message"] == "jsonpath $.json.n == 3: expected 3, got 4 (and 1 more)")
        let failure = doc.text(of: failureIndex)
        #expect(failure.contains("expected: 3\n  actual:   4"))
        #expect(failure.contains("jsonpath $.json.note contains \"<i>\""))
        #expect(failure.contains("substring not found, & that's that"))
        let errors = doc.elements.indices.filter { doc.elements[$0].name == "error" }
        #expect(errors.count == 2)
        #expect(doc.elements[errors[1]].attributes["type"] == "httpx.ConnectError")
        #expect(doc.text(of: errors[1]).contains("cause: connection-refused: Failed to connect"))
        #expect(doc.elements.first { $0.name == "skipped" }?.attributes["message"] == "skip: true in the collection")
        let outs = doc.elements.indices.filter { doc.elements[$0].name == "system-out" }.map(doc.text(of:))
        #expect(outs.contains { $0.contains("effect cors-blocked") })
    }

    @Test("control characters are removed and markup escaped")
    func escaping() {
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(XMLText.escape("a&b<c>\"d'\u{01}\u{1F}\u{7F}e\tf", attribute: true) == "a&amp;b&lt;c&gt;&quot;d&apos;e&#9;f")
        #expect(XMLText.escape("<x> & \"y\"\u{0B}") == "&lt;x&gt; &amp; \"y\"")
    }
}

@Suite("Export TAP")
struct ExportTAPTests {
    let tap = Exporter.render(ExportFixture.record, as: .tap, creatorVersion: ExportFixture.version)

    @Test("version line, plan, one test line per request in order, SKIP directive")
    func lines() {
        let lines = tap.split(separator: "\n").map(String.init)
        #expect(lines[0] == "TAP version 13")
        #expect(lines[1] == "1..7")
        let tests = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(tests == [
            "ok 1 - sample json", "not ok 2 - users/create", "not ok 3 - cors/blocked put", "ok 4 - redirect chain",
            "ok 5 - later/not yet # SKIP skip: true in the collection", "ok 6 - search & <filter> \"bytes\", 'raw'", "not ok 7 - offline",
        ])
    }

    @Test("YAML diagnostics under a failure carry expected and actual")
    func diagnostics() throws {
        let block = try #require(tap.components(separatedBy: "not ok 2 - users/create\n").last?.components(separatedBy: "  ...").first)
        #expect(block.hasPrefix("  ---\n"))
        #expect(block.contains("  severity: \"fail\""))
        #expect(block.contains("    - assertion: \"jsonpath $.json.n == 3\"\n      expected: \"3\"\n      actual: \"4\""))
        let offline = try #require(tap.components(separatedBy: "not ok 7 - offline\n").last)
        #expect(offline.contains("exception: \"httpx.ConnectError\""))
    }

    @Test("a # in a name is escaped so it does not start a directive")
    func hashEscaped() {
        var record = ExportFixture.record
        record.results = [RequestResult(index: 0, requestID: "a # SKIP b", name: "a # SKIP b", groupPath: [], method: "GET",
                                        url: "http://x/", outcome: .passed, startedAt: 0, durationMicros: 1)]
        #expect(Exporter.render(record, as: .tap, creatorVersion: "t").contains("ok 1 - a \\# SKIP b\n"))
    }
}

@Suite("Export CSV")
struct ExportCSVTests {
    let csv = Exporter.render(ExportFixture.record, as: .csv, creatorVersion: ExportFixture.version)

    @Test("RFC 4180: CRLF records, header row, same field count everywhere, quoting")
    func structure() {
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = parseCSV(csv)
        #expect(rows.count == 8)
        #expect(rows[0] == ["index", "id", "name", "method", "url", "status", "outcome", "python_error", "duration_ms", "dns_ms",
                            "connect_ms", "tls_ms", "first_byte_ms", "total_ms", "effects"])
        #expect(rows.allSatisfy { $0.count == 15 })
        #expect(rows[6][2] == "search & <filter> \"bytes\", 'raw'")
        #expect(csv.contains("\"search & <filter> \"\"bytes\"\", 'raw'\""))
    }

    @Test("values: status, outcome, python error, phase times in ms, effects")
    func values() {
        let rows = parseCSV(csv)
        #expect(Array(rows[1][5...13]) == ["200", "passed", "", "2.100", "0.120", "0.220", "0.000", "1.900", "2.100"])
        #expect(rows[3][5] == "", "Python saw no status: the request was blocked")
        #expect(rows[3][7] == "pyodide.ffi.JsException: TypeError: Failed to fetch")
        #expect(rows[3][14] == "cors-blocked")
        #expect(rows[4][11] == "6.000")
        #expect(rows[5][5] == "" && rows[5][9] == "")
        #expect(CSVExport.field("a\r\nb") == "\"a\r\nb\"")
    }
}

@Suite("Export JSON")
struct ExportJSONTests {
    @Test("the run's info and counts, then every result as RequestResult.json")
    func document() throws {
        let text = Exporter.render(ExportFixture.record, as: .json, creatorVersion: ExportFixture.version)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["format"] as? String == "workbench-run")
        #expect(root["version"] as? Int == 1)
        let run = try #require(root["run"] as? [String: Any])
        #expect((run["collection"] as? [String: Any])?["name"] as? String == "Golden")
        #expect(run["profile"] as? String == "browser-main")
        #expect(run["environment"] as? String == "ci")
        #expect(run["status"] as? String == "completed")
        #expect((run["settings"] as? [String: Any])?["origin"] as? String == ExportFixture.page)
        #expect((run["counts"] as? [String: Any])?["errored"] as? Int == 2)
        let results = try #require(root["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String ?? "" } == ExportFixture.results.map(\.requestID))
        let expected = JSONValue.array(ExportFixture.results.map(\.json)).serialized(pretty: true)
        let parsedExpected = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [[String: Any]]
        #expect((parsedExpected.map { NSArray(array: $0) }) == NSArray(array: results))
    }
}

@Suite("Export HTML")
struct ExportHTMLTests {
    let html = Exporter.render(ExportFixture.record, as: .html, creatorVersion: ExportFixture.version)

    @Test("self-contained: no script, no external reference in any attribute or in the style sheet")
    func selfContained() {
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("@import") && !html.contains("url("))
        #expect(HTMLChecks.externalReferences(html) == [])
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }

    @Test("everything from the run is escaped")
    func escaped() {
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("search &amp; &lt;filter&gt; &quot;bytes&quot;, &#39;raw&#39;"))
        #expect(!html.contains("<filter>"))
        #expect(HTMLText.escape("<a href='x'>&\u{01}</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
    }

    @Test("summary, every request's card, assertions, exception, exchanges, waterfall")
    func content() {
        for name in ["Golden", "browser-main", "7 requests", "3 passed", "1 failed", "2 errored", "1 skipped"] {
            #expect(html.contains(name), "missing \(name)")
        }
        for r in ExportFixture.results {
            #expect(html.contains("id=\"r-\(r.index + 1)\""))
            #expect(html.contains(HTMLText.escape(r.requestID)))
        }
        #expect(html.contains("pyodide.ffi.JsException"))
        #expect(html.contains("<code>cors-blocked</code>"))
        #expect(html.contains("&quot;author&quot;: &quot;Yours Truly&quot;"), "JSON bodies are pretty-printed")
        #expect(html.contains("1. preflight · OPTIONS"))
        #expect(html.contains("class=\"seg tls\""))
        #expect(html.contains("0000  00 01 02 03"), "binary bodies as a hex dump")
        #expect(html.contains("the store kept 36 B of 4.0 KiB"))
    }

    @Test("large bodies are cut with a note")
    func largeBody() {
        var record = ExportFixture.record
        var r = ExportFixture.sample
        let big = Array((0..<1000).map { "line \($0)" }.joined(separator: "\n").utf8)
        r.exchanges[0].response?.body = big
        r.exchanges[0].response?.bodySize = Int64(big.count)
        record.results = [r]
        let page = Exporter.render(record, as: .html, creatorVersion: "t")
        #expect(page.contains("showing 300 of 1000 lines"))
        #expect(!page.contains("line 300\n"))
    }
}

/// Checks of the HTML report shared with the end-to-end tests.
enum HTMLChecks {
    /// Attribute values (any attribute) and style text that point at the network.
    static func externalReferences(_ html: String) -> [String] {
        var found: [String] = []
        let attribute = try? NSRegularExpression(pattern: #"[a-zA-Z-]+\s*=\s*("[^"]*"|'[^']*')"#)
        let range = NSRange(html.startIndex..., in: html)
        for match in attribute?.matches(in: html, range: range) ?? [] {
            guard let r = Range(match.range, in: html) else { continue }
            let text = String(html[r]).lowercased()
            if text.contains("http:") || text.contains("https:") || text.contains("=\"//") || text.contains("='//") { found.append(text) }
        }
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>"), start.upperBound < end.lowerBound {
            let css = html[start.upperBound..<end.lowerBound].lowercased()
            if css.contains("http") || css.contains("url(") || css.contains("@import") { found.append("style sheet") }
        }
        return found
    }
}

@Suite("Export helpers")
struct ExportHelperTests {
    @Test("timestamps in UTC without Foundation")
    func timestamps() {
        #expect(ExportText.isoTimestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(ExportText.isoTimestamp(951_782_400.25) == "2000-02-29T00:00:00.250Z")
        #expect(ExportText.isoTimestamp(ExportFixture.t0 + 0.0015) == "2024-05-01T12:51:30.002Z")
        #expect(ExportText.isoTimestampSeconds(4_102_444_799) == "2099-12-31T23:59:59")
        #expect(ExportText.isoTimestamp(-1) == "1969-12-31T23:59:59.000Z")
    }

    @Test("fixed-point milliseconds")
    func millis() {
        #expect(ExportText.millis(0) == "0.000")
        #expect(ExportText.millis(12_345) == "12.345")
        #expect(ExportText.millis(-1000) == "-1.000")
        #expect(ExportText.seconds(26_400) == "0.026")
    }

    @Test("--report FORMAT:FILE and the per-profile file name")
    func reportTarget() throws {
        let target = try ReportTarget.parse("junit:out/results.xml").get()
        #expect(target == ReportTarget(format: .junit, path: "out/results.xml"))
        #expect(target.path(profile: "native", severalProfiles: false) == "out/results.xml")
        #expect(target.path(profile: "native", severalProfiles: true) == "out/results-native.xml")
        #expect(ReportTarget(format: .har, path: "dir.d/report").path(profile: "node", severalProfiles: true) == "dir.d/report-node")
        #expect(ReportTarget(format: .har, path: ".hidden").path(profile: "node", severalProfiles: true) == ".hidden-node")
        #expect(ReportTarget(format: .har, path: "a:b.har").path(profile: "x/y", severalProfiles: true) == "a:b-x_y.har")
        #expect(throws: ReportTargetError.self) { try ReportTarget.parse("xml:out.xml").get() }
        #expect(throws: ReportTargetError.self) { try ReportTarget.parse("junit").get() }
        #expect(throws: ReportTargetError.self) { try ReportTarget.parse("junit:").get() }
    }

    @Test("phases add up to the exchange's total even when points are missing")
    func phases() {
        let failed = TimingPhases(Timings(dns: 15, connect: 0, tls: 0, pretransfer: 0, firstByte: 0, total: 210))
        #expect(failed.dns == 15 && failed.connect == nil && failed.total == 210)
        let tls = TimingPhases(Timings(dns: 1000, connect: 3000, tls: 9000, pretransfer: 9100, firstByte: 15000, total: 15200))
        #expect(tls.segments.map(\.micros) == [1000, 2000, 6000, 100, 5900, 200])
        #expect(tls.harConnect == 8000)
        // As the transport records a reused plain-HTTP connection: each missing phase repeats the previous point.
        let reused = TimingPhases(Timings(dns: 23, connect: 23, tls: 23, pretransfer: 100, firstByte: 900, total: 1000))
        #expect(reused.dns == 23 && reused.connect == nil && reused.tls == nil && reused.harConnect == nil)
        #expect(reused.segments.map(\.micros) == [23, 77, 800, 100])
        let plain = TimingPhases(Timings(dns: 20, connect: 600, tls: 600, pretransfer: 650, firstByte: 1000, total: 1100))
        #expect(plain.connect == 580 && plain.tls == nil && plain.total == 1100)
    }
}
