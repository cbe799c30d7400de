import Engine

/// One self-contained HTML page for a run: summary, request table, waterfall, and a card per request.
///
/// Nothing in it loads anything: styles are inline, there is no script, no font, no image but inline ones,
/// and a Content-Security-Policy (`default-src 'none'`) makes the browser refuse anything that slipped in.
/// Every piece of text from the run is escaped.
enum HTMLExport {
    static func render(_ record: RunRecord, creatorVersion: String) -> String {
        let info = record.info
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="workbench \(HTMLText.escape(creatorVersion))">
        <link rel="icon" href="data:,">
        <title>\(HTMLText.escape("Workbench · \(record.title) · run \(record.id)"))</title>
        <style>\(HTMLStyle.css)</style>
        </head>
        <body>

        """
        h += summary(record)
        h += requestTable(record)
        h += HTMLWaterfall.run(record)
        h += "<section id=\"requests\">\n<h2>Requests</h2>\n"
        for result in record.results { h += HTMLCard.render(result) }
        h += "</section>\n"
        h += "<footer>Written by workbench \(HTMLText.escape(creatorVersion)) from run \(record.id) of "
        h += "\(HTMLText.escape(info.collectionPath)). Self-contained: no scripts, nothing loaded from the network. "
        h += "Secrets were redacted before the run was stored.</footer>\n</body>\n</html>\n"
        return h
    }

    private static func summary(_ record: RunRecord) -> String {
        let info = record.info
        let c = record.counts
        var meta = ["run \(record.id)", "started \(ExportText.readableTimestamp(info.startedAt))", "status \(record.status.rawValue)",
                    "mode \(info.settings.mode.rawValue)"]
        if let environment = info.environment { meta.append("environment \(environment)") }
        if let origin = info.settings.origin { meta.append("page origin \(origin)") }
        meta.append("host \(info.host)")
        var h = "<header id=\"summary\">\n"
        h += "<h1><span class=\"collection\">\(HTMLText.escape(info.collectionName))</span> "
        h += "<span class=\"profile\">· \(HTMLText.escape(info.profile))</span></h1>\n"
        h += "<p class=\"meta\">\(HTMLText.escape(meta.joined(separator: " · ")))</p>\n"
        h += "<p class=\"meta path\">\(HTMLText.escape(info.collectionPath))</p>\n"
        h += "<div class=\"counts\">"
        h += "<span class=\"count total\">\(c.total) requests</span>"
        for (name, n) in [("passed", c.passed), ("failed", c.failed), ("errored", c.errored), ("skipped", c.skipped)] {
            h += "<span class=\"count \(name)\(n == 0 ? " zero" : "")\">\(n) \(name)</span>"
        }
        h += "<span class=\"count duration\">\(HTMLText.escape(ExportText.duration(record.effectiveDurationMicros)))</span>"
        h += "</div>\n</header>\n"
        return h
    }

    private static func requestTable(_ record: RunRecord) -> String {
        var h = "<section id=\"overview\">\n<h2>Overview</h2>\n<table class=\"overview\">\n"
        h += "<thead><tr><th>#</th><th>Outcome</th><th>Request</th><th>Method</th><th>Status</th><th>Duration</th><th>Effects</th></tr></thead>\n<tbody>\n"
        for r in record.results {
            let status = r.observed.map { String($0.status) } ?? r.pythonError?.type ?? (r.outcome == .skipped ? "—" : "no response")
            h += "<tr class=\"\(r.outcome.rawValue)\"><td>\(r.index + 1)</td>"
            h += "<td><span class=\"badge \(r.outcome.rawValue)\">\(r.outcome.rawValue)</span></td>"
            h += "<td><a href=\"#\(HTMLCard.anchor(r))\">\(HTMLText.escape(ExportText.displayName(r)))</a></td>"
            h += "<td class=\"mono\">\(HTMLText.escape(r.method))</td><td class=\"mono\">\(HTMLText.escape(status))</td>"
            h += "<td class=\"num\">\(r.outcome == .skipped ? "—" : HTMLText.escape(ExportText.duration(r.durationMicros)))</td>"
            h += "<td>\(r.effects.map { "<code>\(HTMLText.escape($0.code))</code>" }.joined(separator: " "))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</section>\n"
        return h
    }
}
