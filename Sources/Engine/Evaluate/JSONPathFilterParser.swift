/// Parsing of filter expressions (`[?…]`) and function calls, with RFC 9535's well-typedness checks (§2.4.3).
extension JSONPathParser {
    /// What a sub-expression turned out to be before its context decides how it is used.
    enum Operand {
        case literal(JSONValue)
        case query(JSONPathQuery)
        case function(JSONPathFunctionCall)
        case logical(JSONPathLogical)
    }

    /// An operand and the offset where it starts (for error positions).
    struct Parsed {
        var operand: Operand
        var offset: Int
    }

    /// `filter-selector = "?" S logical-expr`; the `?` is consumed.
    mutating func parseFilterExpression() throws(JSONPathSyntaxError) -> JSONPathLogical {
        try logical(try parseOr())
    }

    /// `logical-or-expr = logical-and-expr *(S "||" S logical-and-expr)`.
    private mutating func parseOr() throws(JSONPathSyntaxError) -> Parsed {
        let first = try parseAnd()
        guard case .or = token.kind else { return first }
        var items = [try logical(first)]
        while case .or = token.kind {
            try advance()
            items.append(try logical(try parseAnd()))
        }
        return Parsed(operand: .logical(.or(items)), offset: first.offset)
    }

    /// `logical-and-expr = basic-expr *(S "&&" S basic-expr)`.
    private mutating func parseAnd() throws(JSONPathSyntaxError) -> Parsed {
        let first = try parseBasic()
        guard case .and = token.kind else { return first }
        var items = [try logical(first)]
        while case .and = token.kind {
            try advance()
            items.append(try logical(try parseBasic()))
        }
        return Parsed(operand: .logical(.and(items)), offset: first.offset)
    }

    /// `basic-expr = paren-expr / comparison-expr / test-expr`; a bare operand is returned as is.
    private mutating func parseBasic() throws(JSONPathSyntaxError) -> Parsed {
        depth += 1
        defer { depth -= 1 }
        if depth > JSONPathParser.maxDepth {
            throw fail("filter expression nested more than \(JSONPathParser.maxDepth) levels deep")
        }
        let start = token.offset
        switch token.kind {
        case .not:
            try advance()
            let inner: JSONPathLogical
            switch token.kind {
            case .openParen:
                inner = try parseParenthesized()
            case .root, .current:
                inner = .exists(try parseFilterQuery())
            case .word:
                let operand = try parsePrimary(expecting: "'(', a query or a function after '!'")
                guard case .function = operand.operand else {
                    throw JSONPathSyntaxError(message: "expected '(', a query or a function after '!'", offset: operand.offset)
                }
                inner = try logical(operand)
            default:
                throw fail("expected '(', a query or a function after '!'")
            }
            try rejectComparison()
            return Parsed(operand: .logical(.not(inner)), offset: start)
        case .openParen:
            let inner = try parseParenthesized()
            try rejectComparison()
            return Parsed(operand: .logical(inner), offset: start)
        default:
            let left = try parsePrimary(expecting: "an expression")
            guard case .comparison(let op) = token.kind else { return left }
            let lhs = try comparable(left)
            try advance()
            let rhs = try comparable(try parsePrimary(expecting: "a comparable"))
            if case .comparison = token.kind {
                throw fail("comparisons cannot be chained (join them with '&&')")
            }
            return Parsed(operand: .logical(.comparison(lhs, op, rhs)), offset: start)
        }
    }

    private func rejectComparison() throws(JSONPathSyntaxError) {
        if case .comparison = token.kind {
            throw fail("a logical expression cannot be compared")
        }
    }

    /// `"(" S logical-expr S ")"`; the current token is `(`.
    private mutating func parseParenthesized() throws(JSONPathSyntaxError) -> JSONPathLogical {
        try advance()
        let inner = try logical(try parseOr())
        guard case .closeParen = token.kind else { throw fail("expected ')'") }
        try advance()
        return inner
    }

    /// `filter-query = rel-query / jsonpath-query`; the current token is `@` or `$`.
    private mutating func parseFilterQuery() throws(JSONPathSyntaxError) -> JSONPathQuery {
        let absolute: Bool
        if case .root = token.kind { absolute = true } else { absolute = false }
        try advance()
        return JSONPathQuery(absolute: absolute, segments: try parseSegments())
    }

    /// A literal, a query or a function call.
    private mutating func parsePrimary(expecting what: String) throws(JSONPathSyntaxError) -> Parsed {
        let start = token.offset
        switch token.kind {
        case .root, .current:
            return Parsed(operand: .query(try parseFilterQuery()), offset: start)
        case .string(let text):
            try advance()
            return Parsed(operand: .literal(.string(text)), offset: start)
        case .number(let text):
            guard let number = Double(text) else { throw fail("invalid number \(text)") }
            try advance()
            return Parsed(operand: .literal(.number(number)), offset: start)
        case .word(let word):
            try advance()
            if case .openParen = token.kind {
                if token.spaceBefore, JSONPathFunction(rawValue: word) != nil {
                    throw fail("blank space is not allowed between a function name and '('")
                }
                if !token.spaceBefore {
                    return Parsed(operand: .function(try parseFunctionCall(word, at: start)), offset: start)
                }
            }
            switch word {
            case "true": return Parsed(operand: .literal(.bool(true)), offset: start)
            case "false": return Parsed(operand: .literal(.bool(false)), offset: start)
            case "null": return Parsed(operand: .literal(.null), offset: start)
            default:
                if JSONPathFunction(rawValue: word) != nil {
                    throw JSONPathSyntaxError(message: "expected '(' after function name '\(word)'", offset: start)
                }
                throw JSONPathSyntaxError(
                    message: "unexpected '\(word)' (expected true, false, null, a number, a string, a query or a function call)",
                    offset: start)
            }
        default:
            throw fail("expected \(what)")
        }
    }

    /// `function-expr = function-name "(" S [function-argument *(S "," S function-argument)] S ")"`;
    /// the current token is `(`.
    private mutating func parseFunctionCall(_ name: String, at start: Int) throws(JSONPathSyntaxError) -> JSONPathFunctionCall {
        guard let function = JSONPathFunction(rawValue: name) else {
            throw JSONPathSyntaxError(message: "unknown function '\(name)()'", offset: start)
        }
        try advance()
        var arguments: [Parsed] = []
        if case .closeParen = token.kind {
            try advance()
        } else {
            argumentLoop: while true {
                arguments.append(try parseOr())
                switch token.kind {
                case .comma: try advance()
                case .closeParen:
                    try advance()
                    break argumentLoop
                default: throw fail("expected ',' or ')' in the arguments of \(name)()")
                }
            }
        }
        let parameters = function.parameters
        guard arguments.count == parameters.count else {
            let noun = parameters.count == 1 ? "argument" : "arguments"
            throw JSONPathSyntaxError(
                message: "\(name)() takes \(parameters.count) \(noun), found \(arguments.count)", offset: start)
        }
        var checked: [JSONPathArgument] = []
        for (position, (argument, parameter)) in zip(arguments, parameters).enumerated() {
            let context = "argument \(position + 1) of \(name)()"
            switch parameter {
            case .value:
                checked.append(.value(try valueExpression(argument, context: context)))
            case .logical:
                checked.append(.logical(try logical(argument)))
            case .nodes:
                switch argument.operand {
                case .query(let query):
                    checked.append(.nodes(.query(query)))
                case .function(let call) where call.function.result == .nodes:
                    checked.append(.nodes(.function(call)))
                default:
                    throw JSONPathSyntaxError(message: "\(context) must be a query (NodesType)", offset: argument.offset)
                }
            }
        }
        return JSONPathFunctionCall(function: function, arguments: checked)
    }

    /// An operand used as a comparable: a literal, a singular query, or a ValueType function.
    private func comparable(_ parsed: Parsed) throws(JSONPathSyntaxError) -> JSONPathValueExpression {
        try valueExpression(parsed, context: "a comparison")
    }

    private func valueExpression(_ parsed: Parsed, context: String) throws(JSONPathSyntaxError) -> JSONPathValueExpression {
        switch parsed.operand {
        case .literal(let value):
            return .literal(value)
        case .query(let query):
            guard query.isSingular else {
                throw JSONPathSyntaxError(
                    message: "\(context) needs a singular query (only single names or indices), not one that can select several nodes",
                    offset: parsed.offset)
            }
            return .query(query)
        case .function(let call):
            guard call.function.result == .value else {
                throw JSONPathSyntaxError(
                    message: "\(call.function.rawValue)() returns \(call.function.result.display) and cannot be used in \(context)",
                    offset: parsed.offset)
            }
            return .function(call)
        case .logical:
            throw JSONPathSyntaxError(message: "a logical expression cannot be used in \(context)", offset: parsed.offset)
        }
    }

    /// An operand used as a logical expression: a test (query or logical/nodes function) or a logical expression.
    func logical(_ parsed: Parsed) throws(JSONPathSyntaxError) -> JSONPathLogical {
        switch parsed.operand {
        case .logical(let expression):
            return expression
        case .query(let query):
            return .exists(query)
        case .function(let call):
            guard call.function.result != .value else {
                throw JSONPathSyntaxError(
                    message: "\(call.function.rawValue)() returns a value, which must be compared (for example \(call.function.rawValue)(…) > 0)",
                    offset: parsed.offset)
            }
            return .function(call)
        case .literal:
            throw JSONPathSyntaxError(message: "a literal cannot be used as a test; compare it with something", offset: parsed.offset)
        }
    }
}
