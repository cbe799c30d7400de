/// A JSON value with the place each node starts in its source text, so errors can name a line and column.
public indirect enum LocatedJSON: Sendable {
    case null(SourceLocation)
    case bool(Bool, SourceLocation)
    case number(Double, SourceLocation)
    case string(String, SourceLocation)
    case array([LocatedJSON], SourceLocation)
    /// Members in document order; each key carries its own location.
    case object([(key: String, keyLocation: SourceLocation, value: LocatedJSON)], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .null(let l), .bool(_, let l), .number(_, let l), .string(_, let l), .array(_, let l), .object(_, let l):
            return l
        }
    }

    /// The plain value, locations dropped.
    public var value: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b, _): return .bool(b)
        case .number(let n, _): return .number(n)
        case .string(let s, _): return .string(s)
        case .array(let items, _): return .array(items.map(\.value))
        case .object(let members, _): return .object(JSONObject(members.map { ($0.key, $0.value.value) }))
        }
    }

    /// `string`, `number`, … as used in error messages.
    public var typeName: String { value.typeName }
}

/// A strict RFC 8259 JSON parser that reports errors with line and column.
///
/// Written here rather than using `JSONDecoder` because every node must keep its location for
/// user-facing errors ("collection.json:12:5: unknown key 'hedaers'").
public struct JSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    private static let maxDepth = 512

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Parses a whole document with locations.
    public static func parseLocated(_ bytes: [UInt8], file: String) throws(InputError) -> LocatedJSON {
        try parseDocument(bytes, file: file, building: LocatedNodes.self)
    }

    /// Parses a whole document, locations dropped (built directly, without the located tree: the
    /// same values and errors as `parseLocated(_:file:).value`, for less work).
    public static func parse(_ bytes: [UInt8], file: String = "<body>") throws(InputError) -> JSONValue {
        try parseDocument(bytes, file: file, building: PlainNodes.self)
    }

    private static func parseDocument<B: JSONNodeBuilder>(_ bytes: [UInt8], file: String, building: B.Type) throws(InputError) -> B.Node {
        var parser = JSONParser(bytes: bytes, file: file)
        // A UTF-8 byte order mark is tolerated.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            parser.index = 3
            parser.lineStart = 3
        }
        parser.skipWhitespace()
        let value = try parser.parseValue(B.self)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the JSON document")
        }
        return value
    }

    /// Parses a string holding JSON text.
    public static func parse(_ text: String, file: String = "<text>") throws(InputError) -> JSONValue {
        try parse(Array(text.utf8), file: file)
    }

    /// Where the column count was last taken (same line): nodes are visited in increasing order, so counting
    /// on from there keeps locating every node linear in the document's size even on one long line.
    private var countedIndex = 0
    private var countedColumn = 1
    private var countedLine = 0

    /// The location of the current byte, counted incrementally.
    private mutating func currentLocation() -> SourceLocation {
        if countedLine != line || countedIndex > index || countedIndex < lineStart {
            countedLine = line
            countedIndex = lineStart
            countedColumn = 1
        }
        while countedIndex < index && countedIndex < bytes.count {
            if bytes[countedIndex] & 0xC0 != 0x80 { countedColumn += 1 }
            countedIndex += 1
        }
        return SourceLocation(file: file, line: line, column: countedColumn)
    }

    private var location: SourceLocation {
        // Columns count characters, not bytes: count UTF-8 lead bytes since the line start.
        var column = 1
        var i = lineStart
        while i < index && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private func error(_ message: String) -> InputError {
        InputError("invalid JSON: \(message)", at: location)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        return "byte 0x\(String(b, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    /// Where the node at the current byte starts, when the builder keeps locations.
    private mutating func start<B: JSONNodeBuilder>(_: B.Type) -> SourceLocation {
        B.locates ? currentLocation() : SourceLocation(file: file, line: 0, column: 0)
    }

    private mutating func parseValue<B: JSONNodeBuilder>(_: B.Type) throws(InputError) -> B.Node {
        guard index < bytes.count else { throw error("unexpected end of file, expected a value") }
        let start = start(B.self)
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(B.self, start)
        case UInt8(ascii: "["): return try parseArray(B.self, start)
        case UInt8(ascii: "\""): return B.string(try parseString(), start)
        case UInt8(ascii: "t"): try expectWord("true"); return B.bool(true, start)
        case UInt8(ascii: "f"): try expectWord("false"); return B.bool(false, start)
        case UInt8(ascii: "n"): try expectWord("null"); return B.null(start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return B.number(try parseNumber(), start)
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func expectWord(_ word: String) throws(InputError) {
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else { throw error("invalid literal, expected '\(word)'") }
            index += 1
        }
    }

    private mutating func enter() throws(InputError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func parseObject<B: JSONNodeBuilder>(_: B.Type, _ start: SourceLocation) throws(InputError) -> B.Node {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members = B.noMembers
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return B.object(members, start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key, found \(describeCurrent())")
            }
            let keyLocation = self.start(B.self)
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after key \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(B.self)
            B.add(key, keyLocation, value, to: &members)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return B.object(members, start)
            }
            throw error("expected ',' or '}', found \(describeCurrent())")
        }
    }

    private mutating func parseArray<B: JSONNodeBuilder>(_: B.Type, _ start: SourceLocation) throws(InputError) -> B.Node {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [B.Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return B.array(items, start)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(B.self))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return B.array(items, start)
            }
            throw error("expected ',' or ']', found \(describeCurrent())")
        }
    }

    // MARK: Strings and numbers

    private mutating func parseString() throws(InputError) -> String {
        let startIndex = index
        index += 1  // opening quote
        // Fast path: a string without escapes is its bytes, validated as UTF-8 in one go (ASCII needs no
        // validation: most keys and header values are ASCII, and decoding them skips the generic validator).
        var end = index
        var high: UInt8 = 0
        while end < bytes.count {
            let b = bytes[end]
            if b == UInt8(ascii: "\"") {
                let from = index
                let text = bytes.withUnsafeBufferPointer { buffer -> String? in
                    let run = UnsafeBufferPointer(rebasing: buffer[from..<end])
                    return high < 0x80 ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
                }
                guard let text else { break }
                index = end + 1
                return text
            }
            if b < 0x20 || b == UInt8(ascii: "\\") { break }
            high |= b
            end += 1
        }
        var scalars = String.UnicodeScalarView()
        var runStart = index
        index = end  // the bytes before `end` are plain: the run goes on from there
        func flush(_ parser: JSONParser, into scalars: inout String.UnicodeScalarView, from: Int, to: Int) throws(InputError) {
            guard from < to else { return }
            guard let text = String(validating: parser.bytes[from..<to], as: UTF8.self) else {
                throw parser.error("string is not valid UTF-8")
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                try flush(self, into: &scalars, from: runStart, to: index)
                index += 1
                return String(scalars)
            }
            if b < 0x20 {
                throw error(b == 0x0A ? "unterminated string (a newline inside a string must be written \\n)" : "control character in string")
            }
            if b == UInt8(ascii: "\\") {
                try flush(self, into: &scalars, from: runStart, to: index)
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let high = try parseHex4()
                    if (0xD800...0xDBFF).contains(high) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate \\u\(String(high, radix: 16))")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low),
                              let scalar = UnicodeScalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                            throw error("invalid surrogate pair")
                        }
                        scalars.append(scalar)
                    } else {
                        guard let scalar = UnicodeScalar(high) else { throw error("unpaired surrogate \\u\(String(high, radix: 16))") }
                        scalars.append(scalar)
                    }
                default:
                    index -= 2  // point at the backslash
                    throw error("invalid escape '\\\(Character(UnicodeScalar(e)))'")
                }
                runStart = index
                continue
            }
            index += 1
        }
        index = startIndex  // strings hold no raw newline: the opening quote is on the current line
        throw InputError("invalid JSON: unterminated string (it starts here and the file ends before its closing quote)", at: location)
    }

    private mutating func parseHex4() throws(InputError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(InputError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("numbers cannot have leading zeros") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits expected after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits expected in exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number '\(text)'") }
        return value
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
