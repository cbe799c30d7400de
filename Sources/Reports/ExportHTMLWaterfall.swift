import Engine

/// Waterfall charts in pure CSS: each exchange is a row of coloured phase segments (dns, connect, tls, send,
/// wait, receive) placed by percentages; hover titles give the times.
enum HTMLWaterfall {
    /// The run's chart: one row per request, on the run's time axis.
    static func run(_ record: RunRecord) -> String {
        let sent = record.results.filter { !$0.exchanges.isEmpty }
        let start = sent.map(\.startedAt).min() ?? record.info.startedAt
        let ends = sent.flatMap { r in
            [offset(r.startedAt, from: start) + r.durationMicros] + r.exchanges.map { offset($0.startedAt, from: start) + TimingPhases($0.timings).total }
        }
        let span = max(ends.max() ?? 0, 1)
        var h = "<section id=\"waterfall\">\n<h2>Waterfall</h2>\n"
        h += "<p class=\"meta\">\(HTMLText.escape("Time axis: \(ExportText.duration(span)) from the first request's start."))</p>\n"
        h += "<div class=\"waterfall\">\n"
        for r in record.results {
            h += "<div class=\"wf-row\"><a class=\"wf-label\" href=\"#\(HTMLCard.anchor(r))\">\(HTMLText.escape(ExportText.displayName(r)))</a>"
            h += "<div class=\"wf-track\">"
            if r.exchanges.isEmpty {
                h += "<span class=\"wf-none\">\(r.outcome == .skipped ? "skipped" : "not sent")</span>"
            }
            for exchange in r.exchanges {
                h += bar(exchange, start: offset(exchange.startedAt, from: start), span: span)
            }
            h += "</div><span class=\"wf-time\">\(r.exchanges.isEmpty ? "" : HTMLText.escape(ExportText.duration(r.durationMicros)))</span></div>\n"
        }
        h += "</div>\n" + legend + "</section>\n"
        return h
    }

    /// A request's own chart: one row per exchange, on the request's time axis.
    static func request(_ r: RequestResult) -> String {
        let ends = r.exchanges.map { offset($0.startedAt, from: r.startedAt) + TimingPhases($0.timings).total }
        let span = max(ends.max() ?? 0, r.durationMicros, 1)
        var h = "<div class=\"waterfall small\">\n"
        for (position, exchange) in r.exchanges.enumerated() {
            h += "<div class=\"wf-row\"><span class=\"wf-label\">\(position + 1). \(HTMLText.escape(exchange.kind.rawValue))</span><div class=\"wf-track\">"
            h += bar(exchange, start: offset(exchange.startedAt, from: r.startedAt), span: span)
            h += "</div><span class=\"wf-time\">\(HTMLText.escape(ExportText.duration(TimingPhases(exchange.timings).total)))</span></div>\n"
        }
        return h + "</div>\n"
    }

    /// The segments of one exchange, absolutely placed on a track of `span` microseconds.
    private static func bar(_ exchange: Exchange, start: Int64, span: Int64) -> String {
        var h = ""
        var at = max(start, 0)
        for (name, micros) in TimingPhases(exchange.timings).segments where micros > 0 {
            let title = "\(exchange.kind.rawValue) \(exchange.request.method) · \(name) \(ExportText.duration(micros))"
            h += "<span class=\"seg \(name)\" style=\"left:\(HTMLText.percent(at, of: span));width:\(HTMLText.percent(micros, of: span))\" "
            h += "title=\"\(HTMLText.escape(title))\"></span>"
            at += micros
        }
        if exchange.error != nil && exchange.response == nil {
            h += "<span class=\"seg failed\" style=\"left:max(0px, calc(\(HTMLText.percent(at, of: span)) - 3px));width:3px\" title=\"no response\"></span>"
        }
        return h
    }

    private static func offset(_ time: Double, from start: Double) -> Int64 {
        Int64(((time - start) * 1e6).rounded())
    }

    private static let legend = "<p class=\"legend\">"
        + ["dns", "connect", "tls", "send", "wait", "receive"].map { "<span class=\"key \($0)\"></span>\($0)" }.joined(separator: " ")
        + "</p>\n"
}
