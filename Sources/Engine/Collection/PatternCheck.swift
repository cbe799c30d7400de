/// Load-time checks of the patterns a collection holds: regular expressions and JSONPath queries.
enum PatternCheck {
    /// Compiles `pattern` with Swift Regex; nil when it compiles, else an error at `location`.
    static func regexError(_ pattern: String, what: String, at location: SourceLocation) -> InputError? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return InputError("invalid regular expression in \(what) \"\(pattern)\": \(error)", at: location)
        }
    }

    /// Checks a JSONPath query; nil when it is valid.
    ///
    /// Compiles the query with the RFC 9535 compiler; its message says what is wrong and where.
    static func jsonPathError(_ path: String, what: String, at location: SourceLocation) -> InputError? {
        do {
            _ = try JSONPath.compile(path)
        } catch {
            return InputError("invalid JSONPath in \(what): \(error.message)", at: location)
        }
        return nil
    }

    /// The number of capture groups in a regular expression: unescaped `(` outside character classes,
    /// not opening a non-capturing or lookaround group (`(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?>`, flags).
    static func captureGroupCount(_ pattern: String) -> Int {
        let chars = Array(pattern)
        var count = 0
        var inClass = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                if i + 1 < chars.count, chars[i + 1] == "]" { i += 1 }
            } else if c == "(" {
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    // Named groups capture: (?<name>…), (?'name'…), (?P<name>…).
                    if i + 2 < chars.count {
                        let next = chars[i + 2]
                        if next == "'" || next == "P" { count += 1 }
                        if next == "<", i + 3 < chars.count, chars[i + 3] != "=", chars[i + 3] != "!" { count += 1 }
                    }
                } else {
                    count += 1
                }
            }
            i += 1
        }
        return count
    }
}
