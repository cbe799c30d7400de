import Engine

/// Computes `RunDiff`s: pure, no store, no terminal.
public enum RunDiffer {
    /// Matches the requests of two runs by request id and lists what changed from `a` to `b`.
    ///
    /// A request id repeated within one run (which `validate` rejects) is matched occurrence by occurrence.
    public static func diff(_ a: [RequestResult], _ b: [RequestResult], rules: DiffRules = DiffRules()) -> RunDiff {
        // The same ids in the same order (two runs of one collection): the k-th occurrence of an id in A is at the
        // position of its k-th occurrence in B, so the matching below pairs position with position. Said directly,
        // without a dictionary of B's results by id.
        if a.count == b.count, zip(a, b).allSatisfy({ $0.requestID == $1.requestID }) {
            return RunDiff(requests: a.indices.map { i in
                RequestDiff(requestID: a[i].requestID, presence: .both, changes: changes(a[i], b[i], rules: rules))
            })
        }
        var remaining: [String: [RequestResult]] = [:]
        for result in b { remaining[result.requestID, default: []].append(result) }
        var matchedInB: [String: Int] = [:]
        var requests: [RequestDiff] = []
        for left in a {
            let used = matchedInB[left.requestID, default: 0]
            if let candidates = remaining[left.requestID], used < candidates.count {
                matchedInB[left.requestID] = used + 1
                requests.append(RequestDiff(requestID: left.requestID, presence: .both,
                                            changes: changes(left, candidates[used], rules: rules)))
            } else {
                requests.append(RequestDiff(requestID: left.requestID, presence: .onlyInA))
            }
        }
        var seenInB: [String: Int] = [:]
        for right in b {
            let position = seenInB[right.requestID, default: 0]
            seenInB[right.requestID] = position + 1
            if position >= matchedInB[right.requestID, default: 0] {
                requests.append(RequestDiff(requestID: right.requestID, presence: .onlyInB))
            }
        }
        return RunDiff(requests: requests)
    }

    /// What changed in one request from `a` to `b`, in a fixed order: outcome, status, exception, effects,
    /// headers, body, timing.
    public static func changes(_ a: RequestResult, _ b: RequestResult, rules: DiffRules = DiffRules()) -> [Change] {
        var out: [Change] = []
        if a.outcome != b.outcome { out.append(.outcome(from: a.outcome, to: b.outcome)) }
        if a.observed?.status != b.observed?.status {
            out.append(.status(from: a.observed?.status, to: b.observed?.status))
        }
        if a.pythonError != b.pythonError { out.append(.exception(from: a.pythonError, to: b.pythonError)) }
        out += effectChanges(a.effects, b.effects)
        if let left = a.observed, let right = b.observed {
            out += headerChanges(left.headers, right.headers, rules: rules)
            out += bodyChanges(left, right, rules: rules)
        }
        if let timing = timingChange(a.durationMicros, b.durationMicros, rules: rules) { out.append(timing) }
        return out
    }

    /// Effects matched by code and message: removed ones (A's order), then added ones (B's order).
    static func effectChanges(_ a: [Effect], _ b: [Effect]) -> [Change] {
        let left = Set(a), right = Set(b)
        var seen: Set<Effect> = []
        let removed = a.filter { !right.contains($0) && seen.insert($0).inserted }.map(Change.effectRemoved)
        seen = []
        let added = b.filter { !left.contains($0) && seen.insert($0).inserted }.map(Change.effectAdded)
        return removed + added
    }

    /// Headers matched case-insensitively; repeated headers compare as their values joined with `, `.
    static func headerChanges(_ a: [HeaderField], _ b: [HeaderField], rules: DiffRules) -> [Change] {
        if sameUpToIgnored(a, b, rules: rules) { return [] }
        let left = grouped(a), right = grouped(b)
        let rightByKey = Dictionary(right.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let leftKeys = Set(left.map(\.key))
        var out: [Change] = []
        for header in left where !rules.ignores(header: header.key) {
            if let other = rightByKey[header.key] {
                if other.value != header.value {
                    out.append(.headerChanged(name: other.name, from: header.value, to: other.value))
                }
            } else {
                out.append(.headerRemoved(name: header.name, value: header.value))
            }
        }
        for header in right where !leftKeys.contains(header.key) && !rules.ignores(header: header.key) {
            out.append(.headerAdded(name: header.name, value: header.value))
        }
        return out
    }

    /// True when both lists have the same names in the same order and differ only in values of ignored
    /// headers: then every group compares equal and there is no change (the common case, e.g. only `Date`
    /// differs), found without grouping.
    private static func sameUpToIgnored(_ a: [HeaderField], _ b: [HeaderField], rules: DiffRules) -> Bool {
        guard a.count == b.count else { return false }
        for (left, right) in zip(a, b) {
            guard left.name == right.name else { return false }
            if left.value != right.value, !rules.ignores(header: left.name) { return false }
        }
        return true
    }

    /// Headers in first-appearance order: lower-cased key, the name as first written, the joined values.
    private static func grouped(_ headers: [HeaderField]) -> [(key: String, name: String, value: String)] {
        var order: [String] = []
        var names: [String: String] = [:]
        var values: [String: [String]] = [:]
        for header in headers {
            let key = header.name.lowercased()
            if values[key] == nil {
                order.append(key)
                names[key] = header.name
            }
            values[key, default: []].append(header.value)
        }
        return order.map { key in (key: key, name: names[key] ?? key, value: (values[key] ?? []).joined(separator: ", ")) }
    }

    /// JSON bodies structurally (with ignore rules), UTF-8 bodies as a line diff, others by size.
    static func bodyChanges(_ a: ObservedResponse, _ b: ObservedResponse, rules: DiffRules) -> [Change] {
        if !a.bodySHA256.isEmpty, a.bodySHA256 == b.bodySHA256 { return [] }
        let comparable = !(a.bodyTruncated || b.bodyTruncated) || a.bodySHA256.isEmpty || b.bodySHA256.isEmpty
        if a.body == b.body, a.bodySize == b.bodySize, comparable { return [] }
        if let left = json(a.body), let right = json(b.body) {
            let ignored = rules.ignoredPaths.isEmpty ? [] : rules.ignoredLocations(in: left, right)
            return JSONBodyDiff.changes(left, right, ignoring: ignored)
        }
        if let left = String(validating: a.body, as: UTF8.self), let right = String(validating: b.body, as: UTF8.self) {
            if let text = TextDiff.between(left, right, maxLines: rules.maxTextLines) { return [.bodyText(text)] }
            // Same kept prefix, different sizes (stored truncated): say so by size.
            return [.bodyBinary(fromSize: a.bodySize, toSize: b.bodySize)]
        }
        return [.bodyBinary(fromSize: a.bodySize, toSize: b.bodySize)]
    }

    private static func json(_ body: [UInt8]) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        return try? JSONParser.parse(body)
    }

    /// A change of the whole request's duration beyond the threshold, when both sides exceed the floor.
    static func timingChange(_ a: Int64, _ b: Int64, rules: DiffRules) -> Change? {
        guard let threshold = rules.timingThreshold, a > rules.timingFloorMicros, b > rules.timingFloorMicros else { return nil }
        let ratio = Double(b - a) / Double(a)
        return abs(ratio) > threshold ? .timing(fromMicros: a, toMicros: b) : nil
    }
}
