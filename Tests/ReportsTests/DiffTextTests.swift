import Testing
@testable import Reports

/// The line diff behind plain-text body changes: Myers' algorithm, unified hunks, the output cap.
@Suite("Diff text")
struct DiffTextTests {
    @Test("equal texts give no diff")
    func equal() {
        #expect(TextDiff.between("a\nb", "a\nb") == nil)
    }

    @Test("the edit script is shortest and applies")
    func shortest() {
        let a = "a b c a b b a".split(separator: " "), b = "c b a b a c".split(separator: " ")
        let edits = LineDiff.edits(a, b, maxDistance: 100)
        #expect(edits.filter { $0 != .keep }.count == 5, "Myers' example has distance 5")
        var rebuilt: [Substring] = [], ia = 0, ib = 0
        for edit in edits {
            switch edit {
            case .keep: rebuilt.append(a[ia]); ia += 1; ib += 1
            case .delete: ia += 1
            case .insert: rebuilt.append(b[ib]); ib += 1
            }
        }
        #expect(rebuilt == b)
    }

    @Test("distant changes make separate hunks with three lines of context")
    func hunks() {
        let lines = (1...20).map { "line \($0)" }
        let a = lines.joined(separator: "\n")
        let b = lines.compactMap { $0 == "line 18" ? nil : $0 == "line 2" ? "line two" : $0 }.joined(separator: "\n")
        let diff = TextDiff.between(a, b)
        #expect(diff?.lines.filter { $0.hasPrefix("@@") } == ["@@ -1,5 +1,5 @@", "@@ -15,6 +15,5 @@"])
        #expect(diff?.lines.contains("-line 2") == true)
        #expect(diff?.lines.contains("+line two") == true)
        #expect(diff?.lines.contains("-line 18") == true)
    }

    @Test("empty sides and wholesale replacement past the distance limit")
    func edges() {
        #expect(TextDiff.between("", "x")?.lines == ["@@ -1,1 +1,1 @@", "-", "+x"])
        let many = (0..<50).map(String.init)
        let edits = LineDiff.edits(many.map { Substring($0) }, many.reversed().map { Substring($0) }, maxDistance: 3)
        #expect(edits == [LineDiff.Edit](repeating: .delete, count: 50) + [LineDiff.Edit](repeating: .insert, count: 50))
    }

    @Test("output is capped and the rest counted")
    func cap() {
        let a = (0..<500).map { "a\($0)" }.joined(separator: "\n"), b = (0..<500).map { "b\($0)" }.joined(separator: "\n")
        let diff = TextDiff.between(a, b, maxLines: 50)
        #expect(diff?.lines.count == 50)
        #expect(diff?.omittedLines == 1001 - 50)
    }
}
