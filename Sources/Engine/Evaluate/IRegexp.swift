/// I-Regexp (RFC 9485), the regular expression dialect of JSONPath's `match()` and `search()`,
/// checked against its grammar and translated to a Swift `Regex` that works on Unicode scalars.
///
/// Every literal is emitted as a `\u{…}` escape, so nothing in the pattern can take on a Swift-specific
/// meaning. `.` matches any scalar except LF and CR, as in XML Schema and RFC 9485.
enum IRegexp {
    /// The compiled regex, or `nil` when `pattern` is not a valid I-Regexp.
    static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        guard let translated = translate(pattern) else { return nil }
        do {
            return try Regex(translated).matchingSemantics(.unicodeScalar)
        } catch {
            return nil
        }
    }

    /// The pattern in Swift regex syntax, or `nil` when it is not a valid I-Regexp.
    static func translate(_ pattern: String) -> String? {
        var translator = Translator(Array(pattern.unicodeScalars))
        guard let out = translator.regexp(), translator.atEnd else { return nil }
        return out
    }

    private struct Translator {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index >= scalars.count }
        func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
            index + ahead < scalars.count ? scalars[index + ahead] : nil
        }

        static func literal(_ s: Unicode.Scalar) -> String {
            "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
        }

        /// `i-regexp = branch *( "|" branch )`
        mutating func regexp() -> String? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { return nil }
            guard var out = branch() else { return nil }
            while peek() == "|" {
                index += 1
                guard let next = branch() else { return nil }
                out += "|" + next
            }
            return out
        }

        /// `branch = *piece`, `piece = atom [ quantifier ]`
        mutating func branch() -> String? {
            var out = ""
            while let s = peek(), s != "|", s != ")" {
                guard let atom = atom() else { return nil }
                out += atom
                if let quantifier = quantifier() {
                    guard let q = quantifier else { return nil }
                    out += q
                }
            }
            return out
        }

        /// `nil` when there is no quantifier, `.some(nil)` when it is malformed.
        mutating func quantifier() -> String?? {
            switch peek() {
            case "*", "+", "?":
                let s = scalars[index]
                index += 1
                return .some(String(Character(s)))
            case "{":
                index += 1
                guard let low = digits() else { return .some(nil) }
                var out = "{" + low
                if peek() == "," {
                    index += 1
                    out += ","
                    if let high = digits() {
                        guard let l = Int(low), let h = Int(high), l <= h else { return .some(nil) }
                        out += high
                    }
                }
                guard peek() == "}" else { return .some(nil) }
                index += 1
                return .some(out + "}")
            default:
                return nil
            }
        }

        mutating func digits() -> String? {
            var out = ""
            while let s = peek(), s >= "0", s <= "9" {
                out.unicodeScalars.append(s)
                index += 1
            }
            guard !out.isEmpty, out.count <= 9 else { return nil }
            return out
        }

        /// `atom = NormalChar / charClass / ( "(" i-regexp ")" )`
        mutating func atom() -> String? {
            guard let s = peek() else { return nil }
            switch s {
            case "(":
                index += 1
                guard let inner = regexp(), peek() == ")" else { return nil }
                index += 1
                return "(?:" + inner + ")"
            case ".":
                index += 1
                return "[^\\u{A}\\u{D}]"
            case "[":
                return classExpression()
            case "\\":
                return escape(inClass: false)
            case ")", "*", "+", "?", "]", "{", "|", "}":
                return nil
            default:
                index += 1
                return Translator.literal(s)
            }
        }

        /// `SingleCharEsc`, `catEsc` or `complEsc`; the current scalar is `\`.
        mutating func escape(inClass: Bool) -> String? {
            index += 1
            guard let e = peek() else { return nil }
            index += 1
            switch e {
            case "n": return Translator.literal("\n")
            case "r": return Translator.literal("\r")
            case "t": return Translator.literal("\t")
            case "(", ")", "*", "+", ",", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}":
                return Translator.literal(e)
            case "p", "P":
                guard peek() == "{" else { return nil }
                index += 1
                var name = ""
                while let c = peek(), c != "}" {
                    name.unicodeScalars.append(c)
                    index += 1
                }
                guard peek() == "}", IRegexp.categories.contains(name) else { return nil }
                index += 1
                return "\\\(Character(e)){\(name)}"
            default:
                return nil
            }
        }

        /// `charClassExpr = "[" [ "^" ] ( "-" / CCE1 ) *CCE1 [ "-" ] "]"`; the current scalar is `[`.
        mutating func classExpression() -> String? {
            index += 1
            var out = "["
            if peek() == "^" {
                index += 1
                out += "^"
            }
            var first = true
            while true {
                guard let s = peek() else { return nil }
                if s == "]" {
                    if first { return nil }
                    index += 1
                    return out + "]"
                }
                if s == "-" {
                    // A '-' is literal only first or last in the class.
                    if first || peek(1) == "]" {
                        index += 1
                        out += Translator.literal("-")
                        first = false
                        continue
                    }
                    return nil
                }
                first = false
                if s == "\\", let e = peek(1), e == "p" || e == "P" {
                    guard let category = escape(inClass: true) else { return nil }
                    out += category
                    continue
                }
                guard let low = classChar() else { return nil }
                if peek() == "-", let after = peek(1), after != "]" {
                    index += 1
                    guard let high = classChar(), low.value <= high.value else { return nil }
                    out += Translator.literal(low) + "-" + Translator.literal(high)
                } else {
                    out += Translator.literal(low)
                }
            }
        }

        /// `CCchar`: a scalar other than `- [ \ ]`, or a single-character escape.
        mutating func classChar() -> Unicode.Scalar? {
            guard let s = peek() else { return nil }
            switch s {
            case "[", "]", "-":
                return nil
            case "\\":
                guard let e = peek(1) else { return nil }
                let resolved: Unicode.Scalar
                switch e {
                case "n": resolved = "\n"
                case "r": resolved = "\r"
                case "t": resolved = "\t"
                case "(", ")", "*", "+", ",", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}": resolved = e
                default: return nil
                }
                index += 2
                return resolved
            default:
                index += 1
                return s
            }
        }
    }

    /// The Unicode general categories I-Regexp allows in `\p{…}` and `\P{…}`.
    static let categories: Set<String> = [
        "L", "Ll", "Lm", "Lo", "Lt", "Lu",
        "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps",
        "S", "Sc", "Sk", "Sm", "So",
        "Z", "Zl", "Zp", "Zs",
        "C", "Cc", "Cf", "Cn", "Co",
    ]
}
