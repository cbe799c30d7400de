/// "Did you mean …?" suggestions by edit distance, for unknown keys, variables, operators and generators.
enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(lowered, candidate.lowercased())
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let limit = max(1, min(3, max(word.count, best.candidate.count) / 3))
        return best.distance <= limit ? best.candidate : nil
    }

    /// `"; did you mean 'x'?"`, or an empty string when nothing is close.
    static func didYouMean(_ word: String, among candidates: some Sequence<String>, quote: String = "'") -> String {
        guard let match = closest(to: word, among: candidates) else { return "" }
        return "; did you mean \(quote)\(match)\(quote)?"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
