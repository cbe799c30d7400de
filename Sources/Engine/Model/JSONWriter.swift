/// Serialises `JSONValue` to JSON text (compact or pretty, always valid UTF-8 JSON).
extension JSONValue {
    /// JSON text for this value. `pretty` indents with two spaces.
    public func serialized(pretty: Bool = false, sortedKeys: Bool = false) -> String {
        var writer = JSONTextWriter()
        writer.value(self, pretty: pretty, sortedKeys: sortedKeys)
        return writer.text
    }

    /// The text `serialized(pretty:sortedKeys:)` writes, built as a `String` piece by piece: the reference
    /// `JSONTextWriter` must match (tests compare them), kept out of every hot path.
    package func referenceSerialized(pretty: Bool = false, sortedKeys: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, sortedKeys: sortedKeys, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, sortedKeys: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += JSONValue.format(number: n)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(to: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{"
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(member.key, to: &out)
                out += pretty ? ": " : ":"
                member.value.write(to: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// Integral numbers print without a fraction; non-finite numbers print as `null` (JSON has no NaN).
    static func format(number n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 {
            return String(Int64(n))
        }
        return "\(n)"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        var s = s
        s.withUTF8 { bytes in
            // Copy unescaped runs in bulk; escape only quotes, backslashes and control bytes.
            var runStart = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                if runStart < i { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<i]), as: UTF8.self) }
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                runStart = i + 1
            }
            if runStart < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self) }
        }
        out += "\""
    }
}

/// Writes compact JSON text straight into a byte buffer, byte for byte what `JSONValue.serialized()` writes,
/// so hot paths (the store's JSON columns) need not build a `JSONValue` tree first. The caller writes the
/// punctuation (`[`, `,`, `:` …) with `raw`; values with the typed methods.
public struct JSONTextWriter {
    private var bytes: [UInt8]

    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends punctuation or other text that is already JSON (`[`, `]`, `{`, `}`, `,`, `:`).
    public mutating func raw(_ literal: StaticString) {
        // One byte (`[`, `,`, `]` …, most calls) is appended as a byte: `append(contentsOf:)` costs ~90 instructions a call.
        if literal.utf8CodeUnitCount == 1 {
            bytes.append(literal.utf8Start.pointee)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
    }

    /// Appends a JSON string literal: quotes, backslashes and control bytes escaped as `JSONValue` escapes them.
    public mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { source in
            var runStart = 0
            var i = 0
            let count = source.count
            while i < count {
                let b = source[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else {
                    i += 1
                    continue
                }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i])) }
                switch b {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    let hex = String(b, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                i += 1
                runStart = i
            }
            if runStart < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...])) }
        }
        bytes.append(0x22)
    }

    /// Appends a number as `JSONValue.number` prints it (integral values without a fraction).
    public mutating func number(_ n: Double) {
        append(JSONValue.format(number: n))
    }

    /// Appends an integer as `JSONValue.number(Double(n))` prints it.
    public mutating func int(_ n: Int) {
        if n > -1_000_000_000_000_000 && n < 1_000_000_000_000_000 { append(String(n)) } else { number(Double(n)) }
    }

    /// Appends `true` or `false`.
    public mutating func bool(_ flag: Bool) {
        if flag { raw("true") } else { raw("false") }
    }

    /// Appends any value, compact.
    public mutating func value(_ value: JSONValue) {
        self.value(value, pretty: false, sortedKeys: false)
    }

    /// Appends any value; `pretty` puts each element and member on its own line, indented two spaces per
    /// level, with `": "` after keys; `sortedKeys` writes object members sorted by key.
    public mutating func value(_ value: JSONValue, pretty: Bool, sortedKeys: Bool, indent: Int = 0) {
        switch value {
        case .array(let items):
            if items.isEmpty { raw("[]"); return }
            bytes.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(0x2C) }
                if pretty { newline(indent: indent + 1) }
                self.value(item, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { newline(indent: indent) }
            bytes.append(0x5D)
        case .object(let object):
            if object.isEmpty { raw("{}"); return }
            bytes.append(0x7B)
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (i, member) in members.enumerated() {
                if i > 0 { bytes.append(0x2C) }
                if pretty { newline(indent: indent + 1) }
                string(member.key)
                if pretty { raw(": ") } else { bytes.append(0x3A) }
                self.value(member.value, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { newline(indent: indent) }
            bytes.append(0x7D)
        case .null: raw("null")
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        }
    }

    private mutating func newline(indent: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
