/// HTML escaping and the small formatting helpers of the HTML report.
enum HTMLText {
    /// Text safe in element content and in double- or single-quoted attributes: `& < > " '` as entities,
    /// control characters other than tab, LF and CR removed.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v >= 0x20, !(0x7F...0x9F).contains(v) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// `part` of `whole` as a CSS percentage with three decimals, computed in integers (deterministic).
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0%" }
        let clamped = min(max(part, 0), whole)
        let thousandths = (clamped * 100_000 + whole / 2) / whole
        return "\(thousandths / 1000).\(ExportText.pad(Int(thousandths % 1000), 3))%"
    }
}
