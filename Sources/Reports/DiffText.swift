/// A unified diff of two texts, line by line: hunks with three lines of context, capped in size.
public struct TextDiff: Sendable, Hashable {
    /// The diff's lines: `@@ -a,b +c,d @@` hunk headers, then lines starting with ` `, `-` or `+`.
    public var lines: [String]
    /// Lines of the diff left out because of the cap.
    public var omittedLines: Int

    public init(lines: [String], omittedLines: Int = 0) {
        self.lines = lines
        self.omittedLines = omittedLines
    }

    /// Lines of context around each change.
    public static let context = 3
    /// Past this many edit steps the middle of the texts is shown as replaced wholesale (keeps time and memory bounded).
    public static let maxEditDistance = 1_000

    /// The unified diff from `a` to `b` (split on `\n`), keeping at most `maxLines` lines; `nil` when equal.
    public static func between(_ a: String, _ b: String, maxLines: Int = 200) -> TextDiff? {
        guard a != b else { return nil }
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        let edits = LineDiff.edits(left, right, maxDistance: maxEditDistance)
        let all = hunks(edits, left, right)
        guard all.count > maxLines else { return TextDiff(lines: all) }
        return TextDiff(lines: Array(all.prefix(maxLines)), omittedLines: all.count - maxLines)
    }

    /// Groups an edit script into unified hunks.
    static func hunks(_ edits: [LineDiff.Edit], _ a: [Substring], _ b: [Substring]) -> [String] {
        // Positions (in `edits`) of the changes, then the ranges of edits each hunk covers.
        let changed = edits.indices.filter { edits[$0] != .keep }
        guard let firstChange = changed.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = max(0, firstChange - context)
        var end = min(edits.count - 1, firstChange + context)
        for index in changed.dropFirst() {
            if index - context <= end + 1 {
                end = min(edits.count - 1, index + context)
            } else {
                ranges.append(start...end)
                start = index - context
                end = min(edits.count - 1, index + context)
            }
        }
        ranges.append(start...end)

        // Line numbers in a and b before each edit.
        var aLine = [Int](repeating: 0, count: edits.count + 1)
        var bLine = [Int](repeating: 0, count: edits.count + 1)
        for (i, edit) in edits.enumerated() {
            aLine[i + 1] = aLine[i] + (edit == .insert ? 0 : 1)
            bLine[i + 1] = bLine[i] + (edit == .delete ? 0 : 1)
        }
        var out: [String] = []
        for range in ranges {
            let aCount = aLine[range.upperBound + 1] - aLine[range.lowerBound]
            let bCount = bLine[range.upperBound + 1] - bLine[range.lowerBound]
            // Unified format: an empty side is numbered by the line before it.
            let aStart = aCount == 0 ? aLine[range.lowerBound] : aLine[range.lowerBound] + 1
            let bStart = bCount == 0 ? bLine[range.lowerBound] : bLine[range.lowerBound] + 1
            out.append("@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@")
            for i in range {
                switch edits[i] {
                case .keep: out.append(" " + a[aLine[i]])
                case .delete: out.append("-" + a[aLine[i]])
                case .insert: out.append("+" + b[bLine[i]])
                }
            }
        }
        return out
    }
}

/// Myers' O(ND) line diff (the greedy forward algorithm with a trace for backtracking).
enum LineDiff {
    /// One step of an edit script from `a` to `b`.
    enum Edit: Sendable, Hashable {
        case keep, delete, insert
    }

    /// A shortest edit script from `a` to `b`; past `maxDistance` steps, the unmatched middle is deleted
    /// and inserted wholesale (after the common prefix and suffix).
    static func edits(_ a: [Substring], _ b: [Substring], maxDistance: Int) -> [Edit] {
        // Common prefix and suffix cost nothing and shrink the search.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        let middle = myers(midA, midB, maxDistance: maxDistance)
            ?? ([Edit](repeating: .delete, count: midA.count) + [Edit](repeating: .insert, count: midB.count))
        return [Edit](repeating: .keep, count: prefix) + middle + [Edit](repeating: .keep, count: suffix)
    }

    /// The shortest edit script, or `nil` when it needs more than `maxDistance` steps.
    static func myers(_ a: [Substring], _ b: [Substring], maxDistance: Int) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 { return [Edit](repeating: .insert, count: m) }
        if m == 0 { return [Edit](repeating: .delete, count: n) }
        let limit = min(n + m, maxDistance)
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d] holds v[-d...d] as it was before step d (indices shifted by d).
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { return backtrack(trace, n: n, m: m) }
            }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let previous = trace[d]
            func at(_ k: Int) -> Int { previous[k + d] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                edits.append(.keep)
                x -= 1; y -= 1
            }
            edits.append(x == previousX ? .insert : .delete)
            x = previousX
            y = previousY
        }
        while x > 0, y > 0 {
            edits.append(.keep)
            x -= 1; y -= 1
        }
        return edits.reversed()
    }
}
