/// Evaluation of filter expressions and the RFC 9535 function extensions (§2.3.5, §2.4).
extension JSONPathEvaluator {
    /// The result of a function call, by its declared type.
    enum FunctionResult {
        case value(JSONValue?)
        case logical(Bool)
        case nodes([JSONValue])
    }

    func test(_ expression: JSONPathLogical, current: JSONValue) -> Bool {
        switch expression {
        case .or(let items):
            return items.contains { test($0, current: current) }
        case .and(let items):
            return items.allSatisfy { test($0, current: current) }
        case .not(let inner):
            return !test(inner, current: current)
        case .comparison(let left, let op, let right):
            return JSONPathComparison.compare(value(left, current: current), op, value(right, current: current))
        case .exists(let query):
            return !nodes(query, current: current).isEmpty
        case .function(let call):
            switch self.call(call, current: current) {
            case .logical(let result): return result
            case .nodes(let nodes): return !nodes.isEmpty
            case .value: return false
            }
        }
    }

    /// A value expression's value, or `nil` for Nothing.
    func value(_ expression: JSONPathValueExpression, current: JSONValue) -> JSONValue? {
        switch expression {
        case .literal(let value):
            return value
        case .query(let query):
            let selected = nodes(query, current: current)
            return selected.count == 1 ? selected.first : nil
        case .function(let call):
            if case .value(let value) = self.call(call, current: current) { return value }
            return nil
        }
    }

    private func nodes(_ query: JSONPathQuery, current: JSONValue) -> [JSONValue] {
        select(query, current: current).map(\.value)
    }

    private func nodes(_ expression: JSONPathNodesExpression, current: JSONValue) -> [JSONValue] {
        switch expression {
        case .query(let query):
            return nodes(query, current: current)
        case .function(let call):
            if case .nodes(let nodes) = self.call(call, current: current) { return nodes }
            return []
        }
    }

    private func valueArgument(_ argument: JSONPathArgument?, current: JSONValue) -> JSONValue? {
        guard case .value(let expression)? = argument else { return nil }
        return value(expression, current: current)
    }

    private func nodesArgument(_ argument: JSONPathArgument?, current: JSONValue) -> [JSONValue] {
        guard case .nodes(let expression)? = argument else { return [] }
        return nodes(expression, current: current)
    }

    func call(_ call: JSONPathFunctionCall, current: JSONValue) -> FunctionResult {
        let first = call.arguments.first
        switch call.function {
        case .length:
            switch valueArgument(first, current: current) {
            case .string(let s)?: return .value(.number(Double(s.unicodeScalars.count)))
            case .array(let items)?: return .value(.number(Double(items.count)))
            case .object(let object)?: return .value(.number(Double(object.distinctMembers.count)))
            default: return .value(nil)
            }
        case .count:
            return .value(.number(Double(nodesArgument(first, current: current).count)))
        case .value:
            let selected = nodesArgument(first, current: current)
            return .value(selected.count == 1 ? selected.first : nil)
        case .match, .search:
            let second = call.arguments.dropFirst().first
            guard case .string(let subject)? = valueArgument(first, current: current),
                  case .string(let pattern)? = valueArgument(second, current: current),
                  let regex = regexes.regex(for: pattern)
            else { return .logical(false) }
            if call.function == .match {
                return .logical(subject.wholeMatch(of: regex) != nil)
            }
            return .logical(subject.firstMatch(of: regex) != nil)
        }
    }
}

/// I-Regexp patterns compiled to Swift `Regex`es (or known invalid), kept for one query call.
final class JSONPathRegexCache {
    /// Keyed by scalars: canonically equivalent patterns written differently are different patterns.
    private var compiled: [[Unicode.Scalar]: Regex<AnyRegexOutput>?] = [:]

    func regex(for pattern: String) -> Regex<AnyRegexOutput>? {
        let key = Array(pattern.unicodeScalars)
        if let known = compiled[key] { return known }
        let regex = IRegexp.compile(pattern)
        compiled[key] = .some(regex)
        return regex
    }
}
