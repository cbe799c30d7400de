/// One token of a JSONPath query, with where it starts and whether blank space precedes it.
struct JSONPathToken: Sendable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        case root  // $
        case current  // @
        case dot  // .
        case dotDot  // ..
        case star  // *
        case openBracket, closeBracket, openParen, closeParen
        case comma, colon, question
        case not  // !
        case and  // &&
        case or  // ||
        case comparison(JSONPathComparisonOperator)
        /// A quoted string literal, escapes resolved.
        case string(String)
        /// A number as written (`-12`, `1.5e3`); the parser decides whether it must be an integer.
        case number(String)
        /// A run of member-name characters: a member name, a literal word or a function name.
        case word(String)
        case end
    }

    var kind: Kind
    /// 0-based offset in Unicode scalars.
    var offset: Int
    /// True when blank space (space, tab, LF, CR) comes right before the token.
    var spaceBefore: Bool

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .root: return "'$'"
        case .current: return "'@'"
        case .dot: return "'.'"
        case .dotDot: return "'..'"
        case .star: return "'*'"
        case .openBracket: return "'['"
        case .closeBracket: return "']'"
        case .openParen: return "'('"
        case .closeParen: return "')'"
        case .comma: return "','"
        case .colon: return "':'"
        case .question: return "'?'"
        case .not: return "'!'"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .comparison(let op): return "'\(op.rawValue)'"
        case .string: return "a string"
        case .number(let text): return "number \(text)"
        case .word(let word): return "'\(word)'"
        case .end: return "the end of the query"
        }
    }
}

/// The comparison operators of filter expressions.
enum JSONPathComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A syntax error found while reading a JSONPath query: what, and at which 0-based scalar offset.
struct JSONPathSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}

/// Splits JSONPath text into tokens on demand (RFC 9535 §2.1 grammar), so errors come in text order.
struct JSONPathLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = index + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    /// `name-first`: ALPHA, `_`, or any non-ASCII scalar (surrogates cannot occur in a Swift string).
    static func isNameFirst(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" || s.value >= 0x80
    }

    static func isNameChar(_ s: Unicode.Scalar) -> Bool { isNameFirst(s) || isDigit(s) }

    /// How a scalar reads in an error message.
    static func describe(_ s: Unicode.Scalar) -> String {
        if s.value >= 0x20 && s.value < 0x7F { return "'\(Character(s))'" }
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    mutating func next() throws(JSONPathSyntaxError) -> JSONPathToken {
        let blankStart = index
        while let s = peek(), JSONPathLexer.isBlank(s) { index += 1 }
        let space = index > blankStart
        let start = index
        func token(_ kind: JSONPathToken.Kind, length: Int) -> JSONPathToken {
            index += length
            return JSONPathToken(kind: kind, offset: start, spaceBefore: space)
        }
        guard let s = peek() else { return JSONPathToken(kind: .end, offset: start, spaceBefore: space) }
        switch s {
        case "$": return token(.root, length: 1)
        case "@": return token(.current, length: 1)
        case ".": return peek(1) == "." ? token(.dotDot, length: 2) : token(.dot, length: 1)
        case "*": return token(.star, length: 1)
        case "[": return token(.openBracket, length: 1)
        case "]": return token(.closeBracket, length: 1)
        case "(": return token(.openParen, length: 1)
        case ")": return token(.closeParen, length: 1)
        case ",": return token(.comma, length: 1)
        case ":": return token(.colon, length: 1)
        case "?": return token(.question, length: 1)
        case "!": return peek(1) == "=" ? token(.comparison(.notEqual), length: 2) : token(.not, length: 1)
        case "<": return peek(1) == "=" ? token(.comparison(.lessOrEqual), length: 2) : token(.comparison(.less), length: 1)
        case ">": return peek(1) == "=" ? token(.comparison(.greaterOrEqual), length: 2) : token(.comparison(.greater), length: 1)
        case "=":
            guard peek(1) == "=" else { throw JSONPathSyntaxError(message: "expected '==' (a single '=' is not an operator)", offset: start) }
            return token(.comparison(.equal), length: 2)
        case "&":
            guard peek(1) == "&" else { throw JSONPathSyntaxError(message: "expected '&&'", offset: start) }
            return token(.and, length: 2)
        case "|":
            guard peek(1) == "|" else { throw JSONPathSyntaxError(message: "expected '||'", offset: start) }
            return token(.or, length: 2)
        case "'", "\"":
            let text = try readString(quote: s)
            return JSONPathToken(kind: .string(text), offset: start, spaceBefore: space)
        case "-", "0"..."9":
            let text = try readNumber()
            return JSONPathToken(kind: .number(text), offset: start, spaceBefore: space)
        default:
            if JSONPathLexer.isNameFirst(s) {
                var word = String.UnicodeScalarView()
                while let c = peek(), JSONPathLexer.isNameChar(c) {
                    word.append(c)
                    index += 1
                }
                return JSONPathToken(kind: .word(String(word)), offset: start, spaceBefore: space)
            }
            throw JSONPathSyntaxError(message: "unexpected character \(JSONPathLexer.describe(s))", offset: start)
        }
    }

    /// `number = (int / "-0") [ frac ] [ exp ]`; also covers `int`. Leading zeros are rejected here.
    private mutating func readNumber() throws(JSONPathSyntaxError) -> String {
        let start = index
        if peek() == "-" {
            index += 1
            guard let d = peek(), JSONPathLexer.isDigit(d) else {
                throw JSONPathSyntaxError(message: "expected a digit after '-'", offset: index)
            }
        }
        if peek() == "0" {
            index += 1
            if let d = peek(), JSONPathLexer.isDigit(d) {
                throw JSONPathSyntaxError(message: "leading zeros are not allowed in numbers", offset: index - 1)
            }
        } else {
            while let d = peek(), JSONPathLexer.isDigit(d) { index += 1 }
        }
        if peek() == "." {
            index += 1
            guard let d = peek(), JSONPathLexer.isDigit(d) else {
                throw JSONPathSyntaxError(message: "expected a digit after '.' in a number", offset: index)
            }
            while let d = peek(), JSONPathLexer.isDigit(d) { index += 1 }
        }
        if peek() == "e" || peek() == "E" {
            index += 1
            if peek() == "+" || peek() == "-" { index += 1 }
            guard let d = peek(), JSONPathLexer.isDigit(d) else {
                throw JSONPathSyntaxError(message: "expected a digit in the exponent", offset: index)
            }
            while let d = peek(), JSONPathLexer.isDigit(d) { index += 1 }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<index])
        return String(text)
    }

    /// A single- or double-quoted string literal with the RFC's escapes (§2.3.1.1).
    private mutating func readString(quote: Unicode.Scalar) throws(JSONPathSyntaxError) -> String {
        let open = index
        index += 1
        var out = String.UnicodeScalarView()
        while let s = peek() {
            if s == quote {
                index += 1
                return String(out)
            }
            if s.value < 0x20 {
                throw JSONPathSyntaxError(
                    message: "control character \(JSONPathLexer.describe(s)) in a string literal must be escaped", offset: index)
            }
            if s != "\\" {
                out.append(s)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard let e = peek() else { break }
            index += 1
            switch e {
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "/": out.append("/")
            case "\\": out.append("\\")
            case "u": out.append(try readUnicodeEscape(escapeStart))
            default:
                if e == quote {
                    out.append(e)
                } else {
                    throw JSONPathSyntaxError(message: "invalid escape '\\\(Character(e))' in a string literal", offset: escapeStart)
                }
            }
        }
        throw JSONPathSyntaxError(message: "unterminated string literal", offset: open)
    }

    private mutating func readHex4(_ escapeStart: Int) throws(JSONPathSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let h = peek(), let digit = JSONPathLexer.hexValue(h) else {
                throw JSONPathSyntaxError(message: "expected four hex digits after '\\u'", offset: escapeStart)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ s: Unicode.Scalar) -> UInt32? {
        switch s {
        case "0"..."9": return s.value - 0x30
        case "a"..."f": return s.value - 0x61 + 10
        case "A"..."F": return s.value - 0x41 + 10
        default: return nil
        }
    }

    private mutating func readUnicodeEscape(_ escapeStart: Int) throws(JSONPathSyntaxError) -> Unicode.Scalar {
        let high = try readHex4(escapeStart)
        if (0xDC00...0xDFFF).contains(high) {
            throw JSONPathSyntaxError(message: "lone low surrogate in '\\u' escape", offset: escapeStart)
        }
        if (0xD800...0xDBFF).contains(high) {
            guard peek() == "\\", peek(1) == "u" else {
                throw JSONPathSyntaxError(message: "high surrogate in '\\u' escape must be followed by a low surrogate escape", offset: escapeStart)
            }
            let lowStart = index
            index += 2
            let low = try readHex4(lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONPathSyntaxError(message: "expected a low surrogate after a high surrogate", offset: lowStart)
            }
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else {
                throw JSONPathSyntaxError(message: "invalid surrogate pair", offset: escapeStart)
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else {
            throw JSONPathSyntaxError(message: "invalid '\\u' escape", offset: escapeStart)
        }
        return scalar
    }
}
