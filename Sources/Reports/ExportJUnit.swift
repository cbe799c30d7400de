import Engine

/// JUnit XML as CI servers read it (the Ant/Jenkins schema): `testsuites` › one `testsuite` for the run
/// (`collection · profile`) › one `testcase` per request.
enum JUnitExport {
    static func render(_ record: RunRecord) -> String {
        var counts = RunCounts()
        for result in record.results { counts.add(result.outcome) }
        let time = ExportText.seconds(record.effectiveDurationMicros)
        let totals = [
            XMLText.attribute("tests", String(counts.total)), XMLText.attribute("failures", String(counts.failed)),
            XMLText.attribute("errors", String(counts.errored)), XMLText.attribute("skipped", String(counts.skipped)),
            XMLText.attribute("time", time),
        ].joined(separator: " ")
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites \(XMLText.attribute("name", record.title)) \(totals)>\n"
        x += "  <testsuite \(XMLText.attribute("name", record.title)) \(totals) "
        x += "\(XMLText.attribute("timestamp", ExportText.isoTimestampSeconds(record.info.startedAt))) "
        x += "\(XMLText.attribute("hostname", record.info.host)) \(XMLText.attribute("id", String(record.id)))>\n"
        x += "    <properties>\n"
        for (name, value) in properties(record) {
            x += "      <property \(XMLText.attribute("name", name)) \(XMLText.attribute("value", value))/>\n"
        }
        x += "    </properties>\n"
        for result in record.results {
            x += testcase(result, collection: record.info.collectionName)
        }
        x += "  </testsuite>\n</testsuites>\n"
        return x
    }

    private static func properties(_ record: RunRecord) -> [(String, String)] {
        let info = record.info
        var list: [(String, String)] = [
            ("workbench.run", String(record.id)), ("workbench.status", record.status.rawValue),
            ("collection", info.collectionName), ("collection.path", info.collectionPath),
            ("collection.hash", info.collectionHash), ("profile", info.profile), ("mode", info.settings.mode.rawValue),
        ]
        if let environment = info.environment { list.append(("environment", environment)) }
        if let origin = info.settings.origin { list.append(("origin", origin)) }
        return list
    }

    private static func testcase(_ r: RequestResult, collection: String) -> String {
        let classname = r.groupPath.isEmpty ? collection : r.groupPath.joined(separator: "/")
        let head = "    <testcase \(XMLText.attribute("classname", classname)) \(XMLText.attribute("name", r.name)) "
            + XMLText.attribute("time", ExportText.seconds(r.durationMicros))
        var body = ""
        switch r.outcome {
        case .passed:
            break
        case .failed:
            let (message, text) = failure(r)
            body += "      <failure \(XMLText.attribute("message", message)) type=\"AssertionError\">"
            body += XMLText.escape(text) + "</failure>\n"
        case .errored:
            let type = r.pythonError?.type ?? r.error.map { "transport:\($0.kind.rawValue)" } ?? "error"
            let message = r.pythonError.map(ExportText.pythonErrorLine) ?? r.error?.message ?? r.expectationNote ?? "no response"
            var text = message
            if let cause = r.error { text += "\ncause: \(cause.kind.rawValue): \(cause.message)" + (cause.curlCode != 0 ? " (curl \(cause.curlCode))" : "") }
            if let note = r.expectationNote { text += "\n\(note)" }
            body += "      <error \(XMLText.attribute("message", message)) \(XMLText.attribute("type", type))>"
            body += XMLText.escape(text) + "</error>\n"
        case .skipped:
            if let note = r.expectationNote {
                body += "      <skipped \(XMLText.attribute("message", note))/>\n"
            } else {
                body += "      <skipped/>\n"
            }
        }
        var out = effectsText(r)
        if r.outcome == .passed, let note = r.expectationNote { out.append(note) }
        if !out.isEmpty {
            body += "      <system-out>" + XMLText.escape(out.joined(separator: "\n")) + "</system-out>\n"
        }
        return body.isEmpty ? head + "/>\n" : head + ">\n" + body + "    </testcase>\n"
    }

    /// The failure's one-line message and its full text: every failed assertion with expected and actual.
    private static func failure(_ r: RequestResult) -> (String, String) {
        let failed = r.assertions.filter { !$0.passed }
        guard let first = failed.first else {
            let note = r.expectationNote ?? "the request did not meet its expectation"
            return (note, note)
        }
        var message = "\(first.description): expected \(first.expected), got \(first.actual)"
        if failed.count > 1 { message += " (and \(failed.count - 1) more)" }
        let lines = failed.map { a in
            var line = "✗ \(a.description)\n  expected: \(a.expected)\n  actual:   \(a.actual)"
            if let extra = a.message { line += "\n  \(extra)" }
            return line
        }
        var text = lines.joined(separator: "\n")
        if let note = r.expectationNote { text += "\n\(note)" }
        return (message, text)
    }

    private static func effectsText(_ r: RequestResult) -> [String] {
        r.effects.map { "effect \($0.code): \($0.message)" }
    }
}
