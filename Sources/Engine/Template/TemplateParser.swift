/// Parses `{{…}}` expressions in collection strings into a `Template`.
///
/// Syntax: `{{ name }}` (spaces optional) refers to a variable; `{{$generator arg…}}` calls a built-in
/// generator (VS Code REST Client / httpyac spellings, see `Generators`); `\{{` writes a literal `{{`.
public enum TemplateParser {
    /// Characters a variable name may hold after its first letter or underscore.
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }

    /// True when `name` is a valid variable name: a letter or `_`, then letters, digits, `_`, `-` or `.`.
    public static func isValidVariableName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy(isNameCharacter)
    }

    /// Parses `text`. Errors carry `location` (where the string starts) and quote the offending expression.
    public static func parse(_ text: String, location: SourceLocation?) throws(InputError) -> Template {
        // Most strings (URLs, header values) hold no expression: one byte scan instead of a walk by Character.
        if !text.utf8.contains(UInt8(ascii: "{")) {
            return Template(raw: text, parts: text.isEmpty ? [] : [.literal(text)], location: location)
        }
        var parts: [TemplatePart] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            let rest = text[i...]
            if rest.hasPrefix("\\{{") {
                literal += "{{"
                i = text.index(i, offsetBy: 3)
                continue
            }
            guard rest.hasPrefix("{{") else {
                literal.append(text[i])
                i = text.index(after: i)
                continue
            }
            let contentStart = text.index(i, offsetBy: 2)
            guard let close = text[contentStart...].firstRange(of: "}}") else {
                throw InputError(
                    "unclosed '{{' in \"\(text)\"; close the expression with '}}', or write '\\\\{{' for a literal '{{'",
                    at: location)
            }
            let expression = String(text[contentStart..<close.lowerBound])
            let part = try parseExpression(expression, in: text, location: location)
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(part)
            i = close.upperBound
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return Template(raw: text, parts: parts, location: location)
    }

    private static func parseExpression(_ expression: String, in text: String, location: SourceLocation?) throws(InputError) -> TemplatePart {
        let trimmed = expression.trimmingWhitespace()
        if trimmed.isEmpty {
            throw InputError("empty expression '{{\(expression)}}' in \"\(text)\"; write a variable name, e.g. {{token}}", at: location)
        }
        if trimmed.hasPrefix("$") {
            let words = trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let name = words.first ?? ""
            let arguments = Array(words.dropFirst())
            do {
                try Generators.validate(name: name, arguments: arguments)
            } catch {
                throw InputError("\(error.message) in \"\(text)\"", at: location)
            }
            return .generator(name: name, arguments: arguments)
        }
        guard isValidVariableName(trimmed) else {
            throw InputError(
                "invalid variable name '\(trimmed)' in \"\(text)\"; names start with a letter or '_' and hold letters, digits, '_', '-' or '.' (generators start with '$', e.g. {{$guid}})",
                at: location)
        }
        return .variable(trimmed)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
