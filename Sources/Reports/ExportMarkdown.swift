import Engine
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A GitHub-flavoured Markdown summary of one or more runs (one per profile), fit for a CI job summary
/// (`$GITHUB_STEP_SUMMARY`, GitLab and Buildkite annotations): totals, the profile matrix when several
/// profiles ran, and each request that did not meet its expectations with expected vs actual.
///
/// Pure and bounded: the same records give the same bytes, and failure details stop after
/// `failureLimit` requests per run so that a summary stays well under GitHub's 1 MiB limit.
public enum MarkdownExport {
    /// Failure details written per run; the rest are counted.
    public static let failureLimit = 50
    /// Assertion lines written per failing request.
    static let assertionLimit = 10
    /// Longest expected/actual value written in full.
    static let valueLimit = 200

    /// The summary of `records` (the runs of one invocation, one per profile) as Markdown.
    public static func render(_ records: [RunRecord]) -> String {
        guard let first = records.first else { return "## Workbench\n\nNo runs.\n" }
        var total = RunCounts()
        for record in records { total.addCounts(record.counts) }
        let bad = total.failed + total.errored
        let mark = bad == 0 && records.allSatisfy({ $0.status == .completed }) ? "✅" : "❌"
        let profiles = records.map(\.info.profile).joined(separator: ", ")
        var md = "## \(mark) \(inline(first.info.collectionName)) · \(inline(profiles))\n\n"
        md += "**\(total.passed) passed** · **\(total.failed) failed** · **\(total.errored) errored** · \(total.skipped) skipped"
        md += " — \(total.total) request result\(total.total == 1 ? "" : "s") in \(records.count) run\(records.count == 1 ? "" : "s")"
        if let shard = first.info.shard, !shard.isEmpty { md += " (shard \(inline(shard)))" }
        md += "\n\n"
        md += runTable(records)
        if records.count > 1 { md += "\n" + matrix(records) }
        let failing = records.filter { $0.results.contains(where: isFailure) }
        if !failing.isEmpty {
            md += "\n### Failures\n"
            for record in failing { md += failures(record, severalProfiles: records.count > 1) }
        }
        return md
    }

    // MARK: Parts

    private static func runTable(_ records: [RunRecord]) -> String {
        var md = "| profile | run | status | passed | failed | errored | skipped | duration |\n"
        md += "|---|---:|---|---:|---:|---:|---:|---:|\n"
        for record in records {
            let c = record.counts
            md += "| \(cell(record.info.profile)) | \(record.id) | \(record.status.rawValue) | \(c.passed) | \(c.failed) "
                + "| \(c.errored) | \(c.skipped) | \(ExportText.duration(record.effectiveDurationMicros)) |\n"
        }
        return md
    }

    /// One row per request (in the order first seen), one column per profile.
    private static func matrix(_ records: [RunRecord]) -> String {
        var ids: [String] = []
        var seen = Set<String>()
        for record in records {
            for result in record.results where seen.insert(result.requestID).inserted { ids.append(result.requestID) }
        }
        var md = "### Profile matrix\n\n"
        md += "✅ met its expectations, ❌ did not, ⏭️ skipped; the word says what the runtime did.\n\n"
        md += "| request | " + records.map { cell($0.info.profile) }.joined(separator: " | ") + " |\n"
        md += "|---|" + String(repeating: "---|", count: records.count) + "\n"
        let byID = records.map { record in
            Dictionary(record.results.map { ($0.requestID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for id in ids {
            let cells = byID.map { results -> String in
                guard let result = results[id] else { return "" }
                return "\(outcomeMark(result.outcome)) \(verdict(result))"
            }
            md += "| \(cell(id)) | " + cells.joined(separator: " | ") + " |\n"
        }
        return md
    }

    private static func failures(_ record: RunRecord, severalProfiles: Bool) -> String {
        let failing = record.results.filter(isFailure)
        var md = ""
        for result in failing.prefix(failureLimit) {
            md += "\n#### \(outcomeMark(result.outcome)) \(inline(result.requestID))"
            if severalProfiles { md += " · \(inline(record.info.profile))" }
            md += "\n\n"
            md += "`\(result.method)` \(inline(result.url))"
            if let status = result.observed?.status { md += " → \(status)" }
            md += "\n\n"
            let failed = result.assertions.filter { !$0.passed }
            for assertion in failed.prefix(assertionLimit) {
                md += "- \(inline(assertion.description)): expected \(inline(clipped(assertion.expected))), "
                    + "actual \(inline(clipped(assertion.actual)))"
                if let message = assertion.message, !message.isEmpty { md += " — \(text(message))" }
                md += "\n"
            }
            if failed.count > assertionLimit { md += "- … and \(failed.count - assertionLimit) more failed assertions\n" }
            if let python = result.pythonError {
                md += "- Python sees \(inline(python.type)): \(text(clipped(python.message)))\n"
            }
            if let error = result.error {
                md += "- cause: \(inline(error.kind.rawValue)): \(text(clipped(error.message)))\n"
            }
            if let note = result.expectationNote, !note.isEmpty { md += "- \(text(note))\n" }
            let effects = result.effects.map { inline($0.code) }
            if !effects.isEmpty { md += "- effects: " + effects.joined(separator: ", ") + "\n" }
            if failed.isEmpty && result.pythonError == nil && result.error == nil && result.expectationNote == nil {
                md += "- did not meet its expectations\n"
            }
        }
        if failing.count > failureLimit {
            md += "\n… and \(failing.count - failureLimit) more requests that did not pass in run \(record.id)"
                + " (`workbench show \(record.id)`).\n"
        }
        return md
    }

    // MARK: Words

    private static func isFailure(_ result: RequestResult) -> Bool {
        result.outcome == .failed || result.outcome == .errored
    }

    private static func outcomeMark(_ outcome: Outcome) -> String {
        switch outcome {
        case .passed: return "✅"
        case .failed, .errored: return "❌"
        case .skipped: return "⏭️"
        }
    }

    /// A short word for a profile-matrix cell: what the runtime did. The terminal matrix (`workbench run
    /// --profile all`) uses the same words.
    public static func verdict(_ result: RequestResult) -> String {
        if result.outcome == .skipped { return "skipped" }
        let codes = Set(result.effects.map(\.code))
        if result.observed == nil {
            if let code = ["cors-blocked", "sync-unsupported", "method-refused", "option-refused"].first(where: codes.contains) {
                return code
            }
            if let python = result.pythonError { return python.type.replacing("httpx.", with: "") }
            return result.error?.kind.rawValue ?? "error"
        }
        let notable = ["timeout-not-enforced", "double-decoding", "cors-header-hidden", "header-dropped", "body-dropped",
                       "option-ignored", "cookie-not-stored", "origin-null"]
        return notable.first(where: codes.contains) ?? (result.outcome == .passed ? "pass" : "fail")
    }

    // MARK: Escaping

    /// A value as an inline code span, safe inside a table cell: the fence is longer than any backtick run
    /// inside, `|` is escaped (GitHub splits cells before parsing code spans), line breaks become `⏎`.
    static func inline(_ value: String) -> String {
        var body = ""
        var longestRun = 0, run = 0
        for character in value {
            if character == "`" { run += 1; longestRun = max(longestRun, run) } else { run = 0 }
            switch character {
            case "\n", "\r", "\r\n": body += "⏎"
            case "|": body += "\\|"
            default: body.append(character)
            }
        }
        guard !body.isEmpty else { return "` `" }
        let fence = String(repeating: "`", count: longestRun + 1)
        let pad = body.first == "`" || body.last == "`" || body.first == " " || body.last == " " ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// Free text with Markdown's active characters escaped, on one line.
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "&": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// A table cell of plain text.
    private static func cell(_ value: String) -> String { text(value) }

    private static func clipped(_ value: String) -> String {
        guard value.count > valueLimit else { return value }
        return String(value.prefix(valueLimit)) + "…"
    }
}

extension RunCounts {
    /// Adds another run's counts.
    fileprivate mutating func addCounts(_ other: RunCounts) {
        passed += other.passed
        failed += other.failed
        errored += other.errored
        skipped += other.skipped
    }
}
