import Engine

/// One request's card in the HTML report: outcome, effects, assertions, Python's view, and every exchange.
enum HTMLCard {
    static func anchor(_ r: RequestResult) -> String { "r-\(r.index + 1)" }

    static func render(_ r: RequestResult) -> String {
        let outcome = r.outcome.rawValue
        var h = "<article class=\"card \(outcome)\" id=\"\(anchor(r))\">\n"
        h += "<h3><span class=\"badge \(outcome)\">\(outcome)</span> <span class=\"method\">\(HTMLText.escape(r.method))</span> "
        h += "<span class=\"name\">\(HTMLText.escape(ExportText.displayName(r)))</span></h3>\n"
        h += "<p class=\"url mono\">\(HTMLText.escape(r.url))</p>\n"
        h += facts(r)
        if let note = r.expectationNote { h += "<p class=\"note\">\(HTMLText.escape(note))</p>\n" }
        if let python = r.pythonError {
            h += "<div class=\"exception\"><strong>\(HTMLText.escape(python.type))</strong>"
            if !python.message.isEmpty { h += ": \(HTMLText.escape(python.message))" }
            if let cause = r.error {
                h += "<br><span class=\"cause\">cause: \(HTMLText.escape(cause.kind.rawValue)): \(HTMLText.escape(cause.message))</span>"
            }
            h += "</div>\n"
        }
        h += effects(r)
        h += assertions(r)
        h += captures(r)
        if let observed = r.observed { h += pythonView(observed) }
        if !r.exchanges.isEmpty {
            h += "<h4>On the wire (\(r.exchanges.count) exchange\(r.exchanges.count == 1 ? "" : "s"))</h4>\n"
            h += HTMLWaterfall.request(r)
            for (position, exchange) in r.exchanges.enumerated() { h += HTMLExchange.render(exchange, number: position + 1) }
        }
        h += "</article>\n"
        return h
    }

    private static func facts(_ r: RequestResult) -> String {
        var items: [(String, String)] = []
        if let observed = r.observed { items.append(("Status", String(observed.status))) }
        if r.outcome != .skipped { items.append(("Duration", ExportText.duration(r.durationMicros))) }
        if !r.groupPath.isEmpty { items.append(("Group", r.groupPath.joined(separator: " / "))) }
        guard !items.isEmpty else { return "" }
        return "<dl class=\"facts\">" + items.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd>" }.joined() + "</dl>\n"
    }

    private static func effects(_ r: RequestResult) -> String {
        guard !r.effects.isEmpty else { return "" }
        var h = "<h4>Profile effects</h4>\n<ul class=\"effects\">\n"
        for e in r.effects { h += "<li><code>\(HTMLText.escape(e.code))</code> \(HTMLText.escape(e.message))</li>\n" }
        return h + "</ul>\n"
    }

    private static func assertions(_ r: RequestResult) -> String {
        guard !r.assertions.isEmpty else { return "" }
        var h = "<h4>Assertions</h4>\n<table class=\"assertions\">\n<thead><tr><th></th><th>Assertion</th><th>Expected</th><th>Actual</th></tr></thead>\n<tbody>\n"
        for a in r.assertions {
            h += "<tr class=\"\(a.passed ? "pass" : "fail")\"><td>\(a.passed ? "✓" : "✗")</td><td>\(HTMLText.escape(a.description))"
            if let message = a.message { h += "<br><span class=\"why\">\(HTMLText.escape(message))</span>" }
            h += "</td><td class=\"mono\">\(HTMLText.escape(a.expected))</td><td class=\"mono\">\(HTMLText.escape(a.actual))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n"
    }

    private static func captures(_ r: RequestResult) -> String {
        guard !r.captures.isEmpty else { return "" }
        var h = "<h4>Captures</h4>\n<ul class=\"captures\">\n"
        for c in r.captures {
            let value = c.value.map { $0.serialized() } ?? "nothing: " + (c.error ?? "no value")
            h += "<li><code>\(HTMLText.escape(c.name))</code> = <span class=\"mono\">\(HTMLText.escape(value))</span></li>\n"
        }
        return h + "</ul>\n"
    }

    private static func pythonView(_ o: ObservedResponse) -> String {
        var h = "<h4>What Python sees</h4>\n<pre class=\"wire observed\">"
        h += HTMLText.escape("\(o.status) · \(o.url)") + "\n"
        for field in o.headers { h += HTMLText.escape("\(field.name): \(field.value)") + "\n" }
        h += "</pre>\n"
        return h
    }
}

/// One exchange as sent and received, with its body, in a `<details>` element (open by default).
enum HTMLExchange {
    static func render(_ e: Exchange, number: Int) -> String {
        var title = "\(number). \(e.kind.rawValue) · \(e.request.method) \(e.request.url)"
        if let response = e.response { title += " → \(response.status)" }
        if let error = e.error { title += " → \(error.kind.rawValue)" }
        title += " · " + ExportText.duration(TimingPhases(e.timings).total)
        var h = "<details class=\"exchange \(e.kind.rawValue)\" open>\n<summary>\(HTMLText.escape(title))</summary>\n"
        h += "<pre class=\"wire sent\">"
        h += HTMLText.escape("> \(e.request.method) \(e.request.url)") + "\n"
        for field in e.request.headers { h += HTMLText.escape("> \(field.name): \(field.value)") + "\n" }
        if e.request.bodySize > 0 { h += HTMLText.escape("> (\(ExportText.bytes(e.request.bodySize)) body; its bytes are not stored)") + "\n" }
        h += "</pre>\n"
        if let response = e.response {
            h += "<pre class=\"wire received\">"
            h += HTMLText.escape("< HTTP/\(response.httpVersion) \(response.status) \(response.reason)") + "\n"
            for field in response.headers { h += HTMLText.escape("< \(field.name): \(field.value)") + "\n" }
            h += "</pre>\n"
            h += HTMLBody.render(response)
        }
        if let error = e.error {
            h += "<p class=\"exception\">\(HTMLText.escape("\(error.kind.rawValue): \(error.message)"))</p>\n"
        }
        if let address = e.remoteAddress {
            h += "<p class=\"meta\">\(HTMLText.escape("\(address):\(e.remotePort.map(String.init) ?? "?") · started \(ExportText.isoTimestamp(e.startedAt))"))</p>\n"
        }
        return h + "</details>\n"
    }
}
