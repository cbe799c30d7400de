/// A node selected by a query: its value and, when paths are tracked, where it is.
struct JSONPathNode {
    var value: JSONValue
    var location: JSONPathLocation?
}

/// Evaluates a compiled query against one argument (RFC 9535 §2.3–2.5). One evaluator serves one query call.
struct JSONPathEvaluator {
    let root: JSONValue
    let trackPaths: Bool
    /// Compiled I-Regexps for `match()`/`search()`, shared across the nodes of one call.
    let regexes = JSONPathRegexCache()

    /// The nodes `query` selects, starting at `root` (absolute) or `current` (relative).
    func select(_ query: JSONPathQuery, current: JSONValue) -> [JSONPathNode] {
        let start = query.absolute ? root : current
        var nodes = [JSONPathNode(value: start, location: nil)]
        for segment in query.segments {
            var next: [JSONPathNode] = []
            for node in nodes {
                switch segment {
                case .child(let selectors):
                    apply(selectors, to: node, into: &next)
                case .descendant(let selectors):
                    descend(selectors, from: node, into: &next)
                }
            }
            nodes = next
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// The descendant segment: the selectors applied to the node, then to each descendant in document order.
    private func descend(_ selectors: [JSONPathSelector], from node: JSONPathNode, into out: inout [JSONPathNode]) {
        apply(selectors, to: node, into: &out)
        switch node.value {
        case .array(let items):
            for (i, item) in items.enumerated() {
                descend(selectors, from: child(item, of: node, .index(i)), into: &out)
            }
        case .object(let object):
            for member in object.distinctMembers {
                descend(selectors, from: child(member.value, of: node, .name(member.key)), into: &out)
            }
        default:
            break
        }
    }

    private func child(_ value: JSONValue, of parent: JSONPathNode, _ step: JSONPathLocation.Step) -> JSONPathNode {
        JSONPathNode(value: value, location: trackPaths ? JSONPathLocation(parent: parent.location, step: step) : nil)
    }

    private func apply(_ selectors: [JSONPathSelector], to node: JSONPathNode, into out: inout [JSONPathNode]) {
        for selector in selectors {
            apply(selector, to: node, into: &out)
        }
    }

    private func apply(_ selector: JSONPathSelector, to node: JSONPathNode, into out: inout [JSONPathNode]) {
        switch selector {
        case .name(let name):
            if case .object(let object) = node.value, let value = object.member(named: name) {
                out.append(child(value, of: node, .name(name)))
            }
        case .wildcard:
            switch node.value {
            case .array(let items):
                for (i, item) in items.enumerated() { out.append(child(item, of: node, .index(i))) }
            case .object(let object):
                for member in object.distinctMembers { out.append(child(member.value, of: node, .name(member.key))) }
            default:
                break
            }
        case .index(let index):
            if case .array(let items) = node.value {
                let i = index >= 0 ? index : items.count + index
                if i >= 0 && i < items.count { out.append(child(items[i], of: node, .index(i))) }
            }
        case .slice(let start, let end, let step):
            if case .array(let items) = node.value {
                for i in JSONPathEvaluator.sliceIndices(count: items.count, start: start, end: end, step: step) {
                    out.append(child(items[i], of: node, .index(i)))
                }
            }
        case .filter(let expression):
            switch node.value {
            case .array(let items):
                for (i, item) in items.enumerated() where test(expression, current: item) {
                    out.append(child(item, of: node, .index(i)))
                }
            case .object(let object):
                for member in object.distinctMembers where test(expression, current: member.value) {
                    out.append(child(member.value, of: node, .name(member.key)))
                }
            default:
                break
            }
        }
    }

    /// The indices an array slice selects, in selection order (§2.3.4.2.2, negative steps included).
    static func sliceIndices(count len: Int, start: Int?, end: Int?, step: Int?) -> [Int] {
        let step = step ?? 1
        if step == 0 { return [] }
        func normalize(_ i: Int) -> Int { i >= 0 ? i : len + i }
        var indices: [Int] = []
        if step > 0 {
            let lower = min(max(normalize(start ?? 0), 0), len)
            let upper = min(max(normalize(end ?? len), 0), len)
            var i = lower
            while i < upper {
                indices.append(i)
                i += step
            }
        } else {
            let upper = min(max(start.map(normalize) ?? len - 1, -1), len - 1)
            let lower = min(max(end.map(normalize) ?? -len - 1, -1), len - 1)
            var i = upper
            while lower < i {
                indices.append(i)
                i += step
            }
        }
        return indices
    }
}
