/// Recursive-descent parser for RFC 9535 queries: the query, its segments and selectors.
/// Filter expressions are parsed in `JSONPathFilterParser.swift`.
struct JSONPathParser {
    var lexer: JSONPathLexer
    /// The current (not yet consumed) token.
    var token: JSONPathToken
    /// Nesting of filter expressions, bounded so hostile input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 64
    /// I-JSON's exact integer range, which indices and slice bounds must lie in (§2.1).
    static let maxInteger = 9_007_199_254_740_991

    private init(lexer: JSONPathLexer, token: JSONPathToken) {
        self.lexer = lexer
        self.token = token
    }

    /// Parses a whole query (`jsonpath-query`): no blank space before `$` or after the last segment.
    static func parse(_ text: String) throws(JSONPathSyntaxError) -> JSONPathQuery {
        var lexer = JSONPathLexer(text)
        let first = try lexer.next()
        var parser = JSONPathParser(lexer: lexer, token: first)
        if first.spaceBefore {
            throw JSONPathSyntaxError(message: "blank space is not allowed before '$'", offset: 0)
        }
        switch first.kind {
        case .root: break
        case .current:
            throw JSONPathSyntaxError(message: "a query must start with '$' ('@' is only valid inside a filter)", offset: first.offset)
        case .end:
            throw JSONPathSyntaxError(message: "empty query, expected '$'", offset: first.offset)
        default:
            throw JSONPathSyntaxError(message: "a query must start with '$'", offset: first.offset)
        }
        try parser.advance()
        let segments = try parser.parseSegments()
        guard case .end = parser.token.kind else {
            throw parser.unexpected()
        }
        if parser.token.spaceBefore {
            throw JSONPathSyntaxError(message: "blank space is not allowed at the end of the query", offset: parser.token.offset)
        }
        return JSONPathQuery(absolute: true, segments: segments)
    }

    mutating func advance() throws(JSONPathSyntaxError) {
        token = try lexer.next()
    }

    /// An error for a token that cannot come where it is.
    func unexpected() -> JSONPathSyntaxError {
        if case .end = token.kind {
            return JSONPathSyntaxError(message: "unexpected end of the query", offset: token.offset)
        }
        return JSONPathSyntaxError(message: "unexpected \(token.display)", offset: token.offset)
    }

    func fail(_ message: String) -> JSONPathSyntaxError {
        JSONPathSyntaxError(message: message, offset: token.offset)
    }

    /// `segments = *(S segment)`: reads segments while the next token starts one.
    mutating func parseSegments() throws(JSONPathSyntaxError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        while true {
            switch token.kind {
            case .dot:
                try advance()
                if token.spaceBefore { throw fail("blank space is not allowed after '.'") }
                switch token.kind {
                case .star:
                    try advance()
                    segments.append(.child([.wildcard]))
                case .word(let name):
                    try advance()
                    segments.append(.child([.name(name)]))
                default:
                    throw fail("expected a member name or '*' after '.'")
                }
            case .dotDot:
                try advance()
                if token.spaceBefore { throw fail("blank space is not allowed after '..'") }
                switch token.kind {
                case .star:
                    try advance()
                    segments.append(.descendant([.wildcard]))
                case .word(let name):
                    try advance()
                    segments.append(.descendant([.name(name)]))
                case .openBracket:
                    segments.append(.descendant(try parseBracketedSelection()))
                default:
                    throw fail("expected a member name, '*' or '[' after '..'")
                }
            case .openBracket:
                segments.append(.child(try parseBracketedSelection()))
            default:
                return segments
            }
        }
    }

    /// `"[" S selector *(S "," S selector) S "]"`; the current token is `[`.
    private mutating func parseBracketedSelection() throws(JSONPathSyntaxError) -> [JSONPathSelector] {
        try advance()
        var selectors: [JSONPathSelector] = []
        while true {
            selectors.append(try parseSelector())
            switch token.kind {
            case .comma:
                try advance()
            case .closeBracket:
                try advance()
                return selectors
            default:
                throw fail("expected ',' or ']'")
            }
        }
    }

    private mutating func parseSelector() throws(JSONPathSyntaxError) -> JSONPathSelector {
        switch token.kind {
        case .string(let name):
            try advance()
            return .name(name)
        case .star:
            try advance()
            return .wildcard
        case .question:
            try advance()
            return .filter(try parseFilterExpression())
        case .number, .colon:
            return try parseIndexOrSlice()
        default:
            throw fail("expected a selector (a name, an index, a slice, '*' or a filter)")
        }
    }

    /// `index-selector` or `slice-selector = [start S] ":" S [end S] [":" [S step]]`.
    private mutating func parseIndexOrSlice() throws(JSONPathSyntaxError) -> JSONPathSelector {
        var start: Int?
        if case .number(let text) = token.kind {
            start = try integer(text)
            try advance()
        }
        guard case .colon = token.kind else {
            if let start { return .index(start) }
            throw fail("expected an index or a slice")
        }
        try advance()
        var end: Int?
        if case .number(let text) = token.kind {
            end = try integer(text)
            try advance()
        }
        var step: Int?
        if case .colon = token.kind {
            try advance()
            if case .number(let text) = token.kind {
                step = try integer(text)
                try advance()
            }
        }
        return .slice(start: start, end: end, step: step)
    }

    /// `int = "0" / (["-"] DIGIT1 *DIGIT)` within ±(2^53−1); the current token holds `text`.
    private func integer(_ text: String) throws(JSONPathSyntaxError) -> Int {
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            throw fail("expected an integer, found \(text)")
        }
        if text == "-0" { throw fail("'-0' is not a valid index (write 0)") }
        guard let value = Int(text), (-JSONPathParser.maxInteger...JSONPathParser.maxInteger).contains(value) else {
            throw fail("integer \(text) is out of range (at most 2^53-1 in magnitude)")
        }
        return value
    }
}
