/// The formats `workbench export` and `workbench run --report` write.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// HTTP Archive 1.2: one entry per exchange (every preflight and redirect hop).
    case har
    /// JUnit XML: one `testsuite` per run, one `testcase` per request.
    case junit
    /// The whole run as Workbench's stable JSON (docs/exports.md).
    case json
    /// Test Anything Protocol, version 13.
    case tap
    /// RFC 4180 CSV, one row per request.
    case csv
    /// One self-contained HTML page: summary, waterfall, a card per request.
    case html
    /// A shell script: one runnable curl command per request, as sent (secrets as `${NAME}` references).
    case curl
    /// A `.http` file (JetBrains HTTP Client / VS Code REST Client), one block per request.
    case http
    /// A Markdown summary for CI job summaries (`$GITHUB_STEP_SUMMARY`): totals, profile matrix, failures.
    case md

    /// The usual file extension (without the dot).
    public var fileExtension: String {
        switch self {
        case .har: return "har"
        case .junit: return "xml"
        case .json: return "json"
        case .tap: return "tap"
        case .csv: return "csv"
        case .html: return "html"
        case .md: return "md"
        case .curl: return "curl.sh"
        case .http: return "http"
        }
    }
}

/// Renders a run record in an export format. Pure: the same record gives the same bytes.
public enum Exporter {
    /// The export of `record` as text (every format is UTF-8 text).
    /// - Parameter creatorVersion: Workbench's version, written where a format names its producer (HAR `creator`).
    public static func render(_ record: RunRecord, as format: ExportFormat, creatorVersion: String) -> String {
        switch format {
        case .har: return HARExport.render(record, creatorVersion: creatorVersion)
        case .junit: return JUnitExport.render(record)
        case .json: return JSONExport.render(record)
        case .tap: return TAPExport.render(record)
        case .csv: return CSVExport.render(record)
        case .html: return HTMLExport.render(record, creatorVersion: creatorVersion)
        case .md: return MarkdownExport.render([record])
        case .curl: return CurlExport.render(record)
        case .http: return HTTPFileExport.render(record)
        }
    }
}
