/// The syntax tree of a compiled JSONPath query (RFC 9535), checked for well-typedness when built.

/// A query: `$` or `@` followed by segments.
struct JSONPathQuery: Sendable {
    /// True for `$…` (root), false for `@…` (current node, inside filters).
    var absolute: Bool
    var segments: [JSONPathSegment]

    /// A singular query: only child segments with one name or index selector each (§2.3.5.1).
    var isSingular: Bool {
        segments.allSatisfy { segment in
            guard case .child(let selectors) = segment, selectors.count == 1 else { return false }
            switch selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }
}

/// A child segment (`[…]`, `.name`, `.*`) or a descendant segment (`..[…]`, `..name`, `..*`).
enum JSONPathSegment: Sendable {
    case child([JSONPathSelector])
    case descendant([JSONPathSelector])
}

/// One selector inside a segment.
enum JSONPathSelector: Sendable {
    case name(String)
    case wildcard
    case index(Int)
    case slice(start: Int?, end: Int?, step: Int?)
    case filter(JSONPathLogical)
}

/// A logical expression of a filter: true or false for each candidate node.
indirect enum JSONPathLogical: Sendable {
    case or([JSONPathLogical])
    case and([JSONPathLogical])
    case not(JSONPathLogical)
    case comparison(JSONPathValueExpression, JSONPathComparisonOperator, JSONPathValueExpression)
    /// An existence test: the query selects at least one node.
    case exists(JSONPathQuery)
    /// A function whose result is LogicalType, or NodesType (true when non-empty).
    case function(JSONPathFunctionCall)
}

/// Something that yields a value or Nothing: a comparable, or a ValueType function argument.
enum JSONPathValueExpression: Sendable {
    case literal(JSONValue)
    /// A singular query: the value of its one node, or Nothing.
    case query(JSONPathQuery)
    /// A function whose declared result is ValueType.
    case function(JSONPathFunctionCall)
}

/// A NodesType argument: a query, or a function returning NodesType.
enum JSONPathNodesExpression: Sendable {
    case query(JSONPathQuery)
    case function(JSONPathFunctionCall)
}

/// A checked function argument, by the type its parameter declares.
enum JSONPathArgument: Sendable {
    case value(JSONPathValueExpression)
    case logical(JSONPathLogical)
    case nodes(JSONPathNodesExpression)
}

/// The types of RFC 9535's function extension system (§2.4.1).
enum JSONPathType: Sendable, Equatable {
    case value
    case logical
    case nodes

    var display: String {
        switch self {
        case .value: return "ValueType"
        case .logical: return "LogicalType"
        case .nodes: return "NodesType"
        }
    }
}

/// The function extensions RFC 9535 defines (§2.4.4–2.4.8); no others are registered.
enum JSONPathFunction: String, Sendable, CaseIterable {
    case length
    case count
    case match
    case search
    case value

    var parameters: [JSONPathType] {
        switch self {
        case .length: return [.value]
        case .count: return [.nodes]
        case .match, .search: return [.value, .value]
        case .value: return [.nodes]
        }
    }

    var result: JSONPathType {
        switch self {
        case .length, .count, .value: return .value
        case .match, .search: return .logical
        }
    }
}

/// A function call with its checked arguments.
struct JSONPathFunctionCall: Sendable {
    var function: JSONPathFunction
    var arguments: [JSONPathArgument]
}
