/// Small text helpers for aligned terminal output.
enum Format {
    /// Milliseconds with a sensible precision: `0.42 ms`, `12.3 ms`, `1520 ms`, `12.4 s`.
    static func duration(micros: Int64) -> String {
        let ms = Double(micros) / 1000
        if ms < 1 { return fixed(ms, 2) + " ms" }
        if ms < 100 { return fixed(ms, 1) + " ms" }
        if ms < 10_000 { return String(Int(ms.rounded())) + " ms" }
        return fixed(ms / 1000, 1) + " s"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
            if digits == 0 { text = String(text[..<dot]) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    static func bytes(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return fixed(Double(n) / 1024, 1) + " KiB" }
        if n < 1024 * 1024 * 1024 { return fixed(Double(n) / 1048576, 1) + " MiB" }
        return fixed(Double(n) / 1073741824, 2) + " GiB"
    }

    /// Pads or cuts `text` to exactly `width` characters (cut text ends with `…`).
    static func cell(_ text: String, _ width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let count = text.count
        if count > width { return String(text.prefix(max(0, width - 1))) + "…" }
        let pad = String(repeating: " ", count: width - count)
        return alignRight ? pad + text : text + pad
    }

    /// Splits text into lines of at most `width` characters at spaces (long words are cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A local date and time `2026-11-25 14:03:12` for an epoch value.
    static func timestamp(_ epoch: Double) -> String {
        var t = time_t(epoch)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// `3s ago`, `5m ago`, `2h ago`, `4d ago`.
    static func age(_ epoch: Double, now: Double) -> String {
        let s = max(0, Int(now - epoch))
        if s < 60 { return "\(s)s ago" }
        if s < 3600 { return "\(s / 60)m ago" }
        if s < 86400 { return "\(s / 3600)h ago" }
        return "\(s / 86400)d ago"
    }

    /// Lays out rows as aligned columns; the last column takes what is left of `width`.
    static func table(_ header: [String], _ rows: [[String]], width: Int, rightAligned: Set<Int> = [], wrapLast: Bool = false) -> [String] {
        guard !header.isEmpty else { return [] }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let fixedWidth = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        if let last = widths.indices.last { widths[last] = max(8, min(widths[last], width - fixedWidth)) }
        func render(_ row: [String]) -> String {
            if wrapLast, let lastWidth = widths.last, let last = row.last, last.count > lastWidth {
                let indent = String(repeating: " ", count: fixedWidth + 2)
                let pieces = wrap(last, width: lastWidth)
                var first = row
                first[first.count - 1] = pieces.first ?? ""
                return ([renderOne(first)] + pieces.dropFirst().map { indent + $0 }).joined(separator: "\n")
            }
            return renderOne(row)
        }
        func renderOne(_ row: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let text = i < row.count ? row[i] : ""
                parts.append(i == widths.count - 1 && !rightAligned.contains(i) ? cell(text, w).trimmingTrailingSpaces : cell(text, w, alignRight: rightAligned.contains(i)))
            }
            return parts.joined(separator: "  ")
        }
        return [render(header)] + rows.map(render)
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
