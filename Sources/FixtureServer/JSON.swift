/// A JSON value with ordered object members, enough for the fixture server's bodies.
///
/// Numbers keep their source text so a parsed body is echoed back exactly.
enum JSON: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func int(_ value: Int) -> JSON { .number(String(value)) }

    static func optionalString(_ value: String?) -> JSON {
        value.map(JSON.string) ?? .null
    }
}

extension JSON {
    /// The compact JSON text of the value.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The JSON text followed by a newline, as UTF-8 bytes (what the routes send).
    var bodyBytes: [UInt8] {
        var out = text
        out.append("\n")
        return Array(out.utf8)
    }

    func write(to out: inout String) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .number(let text): out.append(text)
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let items):
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                item.write(to: &out)
            }
            out.append("]")
        case .object(let members):
            out.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",") }
                JSON.writeString(member.0, to: &out)
                out.append(":")
                member.1.write(to: &out)
            }
            out.append("}")
        }
    }

    static func writeString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u")
                    out.append(String(repeating: "0", count: 4 - hex.count))
                    out.append(hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
