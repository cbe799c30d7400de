/// A compiled RFC 9535 JSONPath query.
///
/// The whole RFC is supported: child and descendant segments, name/wildcard/index/slice/filter selectors,
/// filter expressions with the RFC's comparison rules, and the `length`, `count`, `match`, `search` and
/// `value` function extensions with their well-typedness checks. There are no extensions.
///
/// ```swift
/// let path = try JSONPath.compile("$.items[?@.price < 10].name")
/// let names = path.query(body)
/// ```
public struct JSONPath: Sendable {
    /// The query as written.
    public let text: String
    let syntax: JSONPathQuery

    /// Parses and checks a query. Errors say what is wrong and at which character (1-based):
    /// `jsonpath $.items[?@.price > ]: expected a comparable at position 20`.
    public static func compile(_ text: String) throws(InputError) -> JSONPath {
        do {
            return JSONPath(text: text, syntax: try JSONPathParser.parse(text))
        } catch {
            throw InputError("jsonpath \(text): \(error.message) at position \(error.offset + 1)")
        }
    }

    /// True when the query can select at most one node (only single names or indices, no descendants).
    public var isSingular: Bool { syntax.isSingular }

    /// The values of the selected nodes, in the RFC's order.
    public func query(_ value: JSONValue) -> [JSONValue] {
        JSONPathEvaluator(root: value, trackPaths: false).select(syntax, current: value).map(\.value)
    }

    /// The selected nodes with their normalized paths (§2.7), e.g. `$['items'][0]`.
    public func queryPaths(_ value: JSONValue) -> [(path: String, value: JSONValue)] {
        JSONPathEvaluator(root: value, trackPaths: true).select(syntax, current: value).map {
            (path: JSONPathLocation.normalizedPath($0.location), value: $0.value)
        }
    }
}

extension JSONPath {
    /// A member name escaped for a normalized path (RFC 9535 §2.7), without the surrounding `['…']`.
    public static func escapedMemberName(_ name: String) -> String {
        var out = ""
        JSONPathLocation.appendEscaped(name, to: &out)
        return out
    }
}
