import Engine

/// TAP version 13 (https://testanything.org/tap-version-13-specification.html): a plan, one test line per
/// request, YAML diagnostics (`  ---` … `  ...`) under failures and errors.
enum TAPExport {
    static func render(_ record: RunRecord) -> String {
        var lines = ["TAP version 13", "1..\(record.results.count)", "# \(oneLine(record.title)) (run \(record.id))"]
        for (position, r) in record.results.enumerated() {
            let number = position + 1
            let name = description(ExportText.displayName(r))
            switch r.outcome {
            case .passed:
                lines.append("ok \(number) - \(name)")
                if !r.effects.isEmpty || r.expectationNote != nil { lines += diagnostics(r, severity: nil) }
            case .skipped:
                let reason = r.expectationNote.map { " " + oneLine($0) } ?? ""
                lines.append("ok \(number) - \(name) # SKIP" + reason)
            case .failed:
                lines.append("not ok \(number) - \(name)")
                lines += diagnostics(r, severity: "fail")
            case .errored:
                lines.append("not ok \(number) - \(name)")
                lines += diagnostics(r, severity: "error")
            }
        }
        let c = record.counts
        lines.append("# \(c.passed) passed, \(c.failed) failed, \(c.errored) errored, \(c.skipped) skipped")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The YAML block under a test line. Every scalar is a double-quoted YAML string (written as JSON strings,
    /// which YAML 1.2 reads as the same text).
    private static func diagnostics(_ r: RequestResult, severity: String?) -> [String] {
        var y = ["  ---"]
        func add(_ key: String, _ value: String, indent: String = "  ") { y.append("\(indent)\(key): \(quoted(value))") }
        let failed = r.assertions.filter { !$0.passed }
        if let severity {
            let message: String
            if let error = r.pythonError {
                message = ExportText.pythonErrorLine(error)
            } else if let first = failed.first {
                message = "\(first.description): expected \(first.expected), got \(first.actual)"
            } else {
                message = r.expectationNote ?? r.error?.message ?? r.outcome.rawValue
            }
            add("message", message)
            add("severity", severity)
        }
        add("method", r.method)
        add("url", r.url)
        if let status = r.observed?.status { y.append("  status: \(status)") }
        y.append("  duration_ms: \(ExportText.millis(r.durationMicros))")
        if failed.count == 1, let a = failed.first {
            add("expected", a.expected)
            add("actual", a.actual)
        }
        if !failed.isEmpty {
            y.append("  failures:")
            for a in failed {
                add("- assertion", a.description, indent: "    ")
                add("expected", a.expected, indent: "      ")
                add("actual", a.actual, indent: "      ")
                if let message = a.message { add("message", message, indent: "      ") }
            }
        }
        if let error = r.pythonError {
            add("exception", error.type)
            add("exception_message", error.message)
        }
        if let cause = r.error { add("cause", "\(cause.kind.rawValue): \(cause.message)") }
        if !r.effects.isEmpty {
            y.append("  effects:")
            for effect in r.effects {
                add("- code", effect.code, indent: "    ")
                add("message", effect.message, indent: "      ")
            }
        }
        if let note = r.expectationNote { add("note", note) }
        y.append("  ...")
        return y
    }

    private static func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }

    /// A test description: one line, `#` escaped (it would start a directive), no leading digits confusion.
    private static func description(_ text: String) -> String {
        oneLine(text).replacing("\\", with: "\\\\").replacing("#", with: "\\#")
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
