import Engine
import Testing
@testable import Reports

/// Each ignore rule: default headers, --ignore-header, --ignore-path (with children, either body), collection lists.
@Suite("Diff ignore rules")
struct DiffIgnoreTests {
    func compiled(_ text: String) -> JSONPath? { try? JSONPath.compile(text) }

    @Test("Date is ignored by default, and only when defaults are on")
    func defaultDate() {
        let a = DiffSample.result(headers: [HeaderField("Date", "Mon, 01 Jan 2026 00:00:00 GMT")])
        let b = DiffSample.result(headers: [HeaderField("date", "Mon, 01 Jan 2026 00:00:09 GMT")])
        #expect(DiffSample.changes(a, b).isEmpty)
        #expect(DiffRules().ignoredHeaderList == ["date"])
        #expect(DiffSample.changes(a, b, DiffRules(includeDefaults: false)).count == 1)
    }

    @Test("--ignore-header hides added, removed and changed headers, case-insensitively")
    func ignoreHeader() {
        let a = DiffSample.result(headers: [HeaderField("X-Request-Id", "1"), HeaderField("X-Gone", "1")])
        let b = DiffSample.result(headers: [HeaderField("x-request-id", "2"), HeaderField("X-New", "1")])
        #expect(DiffSample.changes(a, b).count == 3)
        let rules = DiffRules(headers: ["x-REQUEST-id", "X-GONE", "x-new"])
        #expect(DiffSample.changes(a, b, rules).isEmpty)
    }

    @Test("--ignore-path hides a changed value")
    func ignorePathValue() {
        let a = DiffSample.result(body: #"{"id":"a1","price":10}"#), b = DiffSample.result(body: #"{"id":"b2","price":12}"#)
        let rules = DiffRules(paths: [compiled("$.id")].compactMap { $0 })
        #expect(DiffSample.changes(a, b, rules) == [
            .bodyChanged(path: DiffSample.path(.name("price")), from: .number(10), to: .number(12)),
        ])
    }

    @Test("--ignore-path hides the children of what it selects")
    func ignorePathChildren() {
        let a = DiffSample.result(body: #"{"meta":{"at":1,"by":{"host":"a"}},"v":1}"#)
        let b = DiffSample.result(body: #"{"meta":{"at":2,"by":{"host":"b"},"extra":true},"v":1}"#)
        #expect(DiffSample.changes(a, b, DiffRules(paths: [compiled("$.meta")].compactMap { $0 })).isEmpty)
    }

    @Test("--ignore-path selects in either body: a member only B has is ignored")
    func ignorePathEitherBody() {
        let a = DiffSample.result(body: #"{"v":1}"#), b = DiffSample.result(body: #"{"v":1,"token":"t"}"#)
        #expect(DiffSample.changes(a, b, DiffRules(paths: [compiled("$.token")].compactMap { $0 })).isEmpty)
        let c = DiffSample.result(body: #"{"v":1,"token":"t"}"#), d = DiffSample.result(body: #"{"v":1}"#)
        #expect(DiffSample.changes(c, d, DiffRules(paths: [compiled("$.token")].compactMap { $0 })).isEmpty)
    }

    @Test("--ignore-path with wildcards and filters: every selected node")
    func ignorePathWildcards() {
        let a = DiffSample.result(body: #"{"items":[{"id":1,"at":"x","p":1},{"id":2,"at":"y","p":2}]}"#)
        let b = DiffSample.result(body: #"{"items":[{"id":1,"at":"z","p":1},{"id":2,"at":"w","p":3}]}"#)
        let rules = DiffRules(paths: [compiled("$.items[*].at")].compactMap { $0 })
        #expect(DiffSample.changes(a, b, rules) == [
            .bodyChanged(path: DiffSample.path(.name("items"), .index(1), .name("p")), from: .number(2), to: .number(3)),
        ])
        let descendant = DiffRules(paths: [compiled("$..p"), compiled("$..at")].compactMap { $0 })
        #expect(DiffSample.changes(a, b, descendant).isEmpty)
    }

    @Test("ignoring the root ignores the whole JSON body")
    func ignoreRoot() {
        let a = DiffSample.result(body: #"{"a":1}"#), b = DiffSample.result(body: #"[1,2]"#)
        #expect(DiffSample.changes(a, b, DiffRules(paths: [compiled("$")].compactMap { $0 })).isEmpty)
    }

    @Test("a collection's diff lists add headers and paths; bad paths are reported, not fatal")
    func collectionLists() {
        var rules = DiffRules()
        rules.ignore(DiffIgnore(headers: ["X-Trace"], paths: ["$.headers", "$["]))
        #expect(rules.ignoredHeaderList == ["date", "x-trace"])
        #expect(rules.ignoredPaths.map(\.text) == ["$.headers"])
        let errors = rules.ignore(pathTexts: ["$.ok", "$[?"])
        #expect(errors.count == 1)
        #expect(rules.ignoredPaths.map(\.text) == ["$.headers", "$.ok"])
        let a = DiffSample.result(body: #"{"headers":[["Host","a"]],"ok":1}"#, headers: [HeaderField("X-Trace", "1")])
        let b = DiffSample.result(body: #"{"headers":[["Host","b"]],"ok":2}"#, headers: [HeaderField("X-Trace", "2")])
        #expect(DiffSample.changes(a, b, rules).isEmpty)
    }

    @Test("after ignores, a run diff counts the request equal and the diff is equal")
    func runDiffEqualAfterIgnores() {
        let a = DiffSample.result(body: #"{"id":1}"#), b = DiffSample.result(body: #"{"id":2}"#)
        #expect(!RunDiffer.diff([a], [b]).isEqual)
        #expect(RunDiffer.diff([a], [b], rules: DiffRules(paths: [compiled("$.id")].compactMap { $0 })).isEqual)
    }
}
