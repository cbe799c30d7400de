import Engine

/// RFC 4180 CSV: a header row, one row per request, CRLF line ends, fields quoted when they hold a comma,
/// a quote, CR or LF (quotes doubled). Times are milliseconds with three decimals.
enum CSVExport {
    static let header = ["index", "id", "name", "method", "url", "status", "outcome", "python_error", "duration_ms",
                         "dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "total_ms", "effects"]

    static func render(_ record: RunRecord) -> String {
        var rows = [header]
        for r in record.results { rows.append(row(r)) }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func row(_ r: RequestResult) -> [String] {
        let status = r.observed?.status
        var timing = ["", "", "", "", ""]
        if !r.exchanges.isEmpty {
            let phases = r.exchanges.map { TimingPhases($0.timings) }
            let dns = phases.reduce(Int64(0)) { $0 + ($1.dns ?? 0) }
            let connect = phases.reduce(Int64(0)) { $0 + ($1.connect ?? 0) }
            let tls = phases.reduce(Int64(0)) { $0 + ($1.tls ?? 0) }
            let total = phases.reduce(Int64(0)) { $0 + $1.total }
            let firstByte = r.exchanges.last.map { $0.timings.firstByte } ?? 0
            timing = [ExportText.millis(dns), ExportText.millis(connect), ExportText.millis(tls),
                      ExportText.millis(firstByte), ExportText.millis(total)]
        }
        return [
            String(r.index), r.requestID, r.name, r.method, r.url, status.map(String.init) ?? "", r.outcome.rawValue,
            r.pythonError.map(ExportText.pythonErrorLine) ?? "", ExportText.millis(r.durationMicros),
        ] + timing + [r.effects.map(\.code).joined(separator: ";")]
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
