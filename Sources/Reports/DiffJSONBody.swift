import Engine

/// The structural diff of two JSON values: members matched by name, arrays compared index by index.
enum JSONBodyDiff {
    /// The changes from `a` to `b`, skipping every location at or below one of `ignored` (normalized paths).
    static func changes(_ a: JSONValue, _ b: JSONValue, ignoring ignored: Set<String> = []) -> [Change] {
        var out: [Change] = []
        walk(a, b, at: BodyPath(), ignored: ignored, into: &out)
        return out
    }

    /// Whether `path` itself is ignored; the walk stops at an ignored node, so its children are never visited.
    private static func isIgnored(_ path: BodyPath, _ ignored: Set<String>) -> Bool {
        !ignored.isEmpty && ignored.contains(path.normalized)
    }

    private static func walk(_ a: JSONValue, _ b: JSONValue, at path: BodyPath, ignored: Set<String>,
                             into out: inout [Change]) {
        if isIgnored(path, ignored) { return }
        switch (a, b) {
        case (.object(let left), .object(let right)):
            // Each key once, in document order; a duplicate key's value is the last one (as lookups see it).
            for key in uniqueKeys(left) {
                let child = path.appending(.name(key))
                guard let value = left[key] else { continue }
                if let other = right[key] {
                    walk(value, other, at: child, ignored: ignored, into: &out)
                } else if !isIgnored(child, ignored) {
                    out.append(.bodyRemoved(path: child, value: value))
                }
            }
            for key in uniqueKeys(right) where left[key] == nil {
                let child = path.appending(.name(key))
                if let value = right[key], !isIgnored(child, ignored) { out.append(.bodyAdded(path: child, value: value)) }
            }
        case (.array(let left), .array(let right)):
            for index in 0..<max(left.count, right.count) {
                let child = path.appending(.index(index))
                if index < left.count, index < right.count {
                    walk(left[index], right[index], at: child, ignored: ignored, into: &out)
                } else if isIgnored(child, ignored) {
                    continue
                } else if index < left.count {
                    out.append(.bodyRemoved(path: child, value: left[index]))
                } else {
                    out.append(.bodyAdded(path: child, value: right[index]))
                }
            }
        default:
            if a != b { out.append(.bodyChanged(path: path, from: a, to: b)) }
        }
    }

    private static func uniqueKeys(_ object: JSONObject) -> [String] {
        var seen: Set<String> = []
        return object.keys.filter { seen.insert($0).inserted }
    }
}
