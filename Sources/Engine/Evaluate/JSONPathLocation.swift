/// Where a node sits in the queried value: a chain of member names and array indices, shared between siblings.
final class JSONPathLocation: Sendable {
    /// One step from a parent to a child.
    enum Step: Sendable {
        case name(String)
        case index(Int)
    }

    let parent: JSONPathLocation?
    let step: Step

    init(parent: JSONPathLocation?, step: Step) {
        self.parent = parent
        self.step = step
    }

    /// The RFC 9535 normalized path (§2.7), e.g. `$['items'][0]`.
    static func normalizedPath(_ location: JSONPathLocation?) -> String {
        var steps: [Step] = []
        var cursor = location
        while let current = cursor {
            steps.append(current.step)
            cursor = current.parent
        }
        var out = "$"
        for step in steps.reversed() {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .name(let name):
                out += "['"
                appendEscaped(name, to: &out)
                out += "']"
            }
        }
        return out
    }

    /// Normalized-path escaping: `\b \f \n \r \t \' \\`, other controls as lowercase `\u00xx`.
    static func appendEscaped(_ name: String, to out: inout String) {
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u00" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
