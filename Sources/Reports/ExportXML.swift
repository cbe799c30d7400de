/// XML 1.0 text and attribute escaping.
enum XMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities; characters XML 1.0 does not allow (C0 controls but tab, LF and
    /// CR; DEL and C1 controls; U+FFFE, U+FFFF) removed. In attributes, tab, LF and CR become character
    /// references so that attribute-value normalisation keeps them.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "'": out += attribute ? "&apos;" : "'"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += attribute ? "&#13;" : "\r"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// `name="escaped value"`.
    static func attribute(_ name: String, _ value: String) -> String {
        "\(name)=\"\(escape(value, attribute: true))\""
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        return v != 0xFFFE && v != 0xFFFF
    }
}
