import Engine
import Reports

/// The profile matrix after a multi-profile run: one row per request, one column per profile.
enum MatrixView {
    static func print(_ runs: [ProfileRunSummary], collection: Collection, terminal t: Terminal) {
        guard !runs.isEmpty else { return }
        var ids: [String] = []
        var seen = Set<String>()
        for run in runs {
            for r in run.results where seen.insert(r.requestID).inserted { ids.append(r.requestID) }
        }
        let header = ["request"] + runs.map(\.profile.name)
        var rows: [[String]] = []
        var outcomes: [[Outcome?]] = []
        for id in ids {
            var row = [id]
            var rowOutcomes: [Outcome?] = []
            for run in runs {
                if let r = run.results.first(where: { $0.requestID == id }) {
                    row.append((r.outcome == .passed ? "✓ " : (r.outcome == .skipped ? "- " : "✗ ")) + MarkdownExport.verdict(r))
                    rowOutcomes.append(r.outcome)
                } else {
                    row.append("")
                    rowOutcomes.append(nil)
                }
            }
            rows.append(row)
            outcomes.append(rowOutcomes)
        }
        let lines = Format.table(header, rows, width: max(t.width, 40 + 22 * runs.count))
        t.line(t.bold("Profile matrix") + t.dim("  (✓ met expectations, ✗ did not; the word says what the runtime did)"))
        t.line(t.bold(lines[0]))
        for (i, line) in lines.dropFirst().enumerated() {
            var text = line
            if t.color {
                // Colour each cell's mark without changing the alignment.
                let failed = outcomes[i].contains { $0 == .failed || $0 == .errored }
                text = failed ? text.replacing("✗", with: t.paint("✗", .red)) : text
                text = text.replacing("✓", with: t.paint("✓", .green))
            }
            t.line(text)
        }
        let totals = runs.map { run -> String in
            let bad = run.counts.failed + run.counts.errored
            return "\(run.profile.name): " + (bad == 0 ? "all met" : "\(bad) not met") + " (run \(run.runID))"
        }
        t.line(t.dim(totals.joined(separator: " · ")))
    }
}
