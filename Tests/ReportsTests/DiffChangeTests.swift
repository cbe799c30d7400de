import Engine
import Testing
@testable import Reports

/// Each kind of change, found between hand-built results.
@Suite("Diff changes")
struct DiffChangeTests {
    @Test("identical results have no change")
    func equal() {
        let a = DiffSample.result()
        #expect(DiffSample.changes(a, a).isEmpty)
        let diff = RunDiffer.diff([a], [a])
        #expect(diff.isEqual)
        #expect(diff.equalCount == 1)
    }

    @Test("outcome change")
    func outcome() {
        let changes = DiffSample.changes(DiffSample.result(), DiffSample.result(outcome: .failed))
        #expect(changes == [.outcome(from: .passed, to: .failed)])
        #expect(changes.first?.kind == .outcome)
    }

    @Test("status change, and a response turning into no response")
    func status() {
        #expect(DiffSample.changes(DiffSample.result(status: 200), DiffSample.result(status: 404))
            == [.status(from: 200, to: 404)])
        let error = PythonError(type: "httpx.NetworkError", message: "CORS")
        let gone = DiffSample.changes(DiffSample.result(), DiffSample.result(status: nil, outcome: .errored, pythonError: error))
        #expect(gone == [.outcome(from: .passed, to: .errored), .status(from: 200, to: nil), .exception(from: nil, to: error)])
    }

    @Test("Python exception change: type or message")
    func exception() {
        let a = PythonError(type: "httpx.ConnectError", message: "refused")
        let b = PythonError(type: "httpx.ConnectError", message: "timed out")
        let changes = DiffSample.changes(DiffSample.result(status: nil, outcome: .errored, pythonError: a),
                                         DiffSample.result(status: nil, outcome: .errored, pythonError: b))
        #expect(changes == [.exception(from: a, to: b)])
    }

    @Test("profile effects added and removed, matched by code and message")
    func effects() {
        let kept = Effect("header-dropped", "Cookie is forbidden")
        let gone = Effect("cors-preflight", "a preflight was sent")
        let new = Effect("cors-blocked", "no Access-Control-Allow-Origin")
        let reworded = Effect("header-dropped", "User-Agent is forbidden")
        let changes = DiffSample.changes(DiffSample.result(effects: [kept, gone]),
                                         DiffSample.result(effects: [new, kept, reworded]))
        #expect(changes == [.effectRemoved(gone), .effectAdded(new), .effectAdded(reworded)])
    }

    @Test("headers added, removed, changed; names case-insensitive; repeats joined")
    func headers() {
        let a = DiffSample.result(headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Old", "1"),
                                            HeaderField("Vary", "Origin"), HeaderField("Set-Cookie", "a=1")])
        let b = DiffSample.result(headers: [HeaderField("content-type", "application/json"), HeaderField("Vary", "Accept"),
                                            HeaderField("set-cookie", "a=1"), HeaderField("Set-Cookie", "b=2"),
                                            HeaderField("Access-Control-Allow-Origin", "*")])
        #expect(DiffSample.changes(a, b) == [
            .headerRemoved(name: "X-Old", value: "1"),
            .headerChanged(name: "Vary", from: "Origin", to: "Accept"),
            .headerChanged(name: "set-cookie", from: "a=1", to: "a=1, b=2"),
            .headerAdded(name: "Access-Control-Allow-Origin", value: "*"),
        ])
    }

    @Test("JSON bodies: changed, added and removed values with readable paths")
    func jsonBody() {
        let a = DiffSample.result(body: #"{"items":[{"price":10},{"price":5},{"price":10}],"old":"x","same":[1,2]}"#)
        let b = DiffSample.result(body: #"{"items":[{"price":10},{"price":5},{"price":12},{"price":1}],"same":[1,2],"new":{"a":null}}"#)
        let changes = DiffSample.changes(a, b)
        #expect(changes == [
            .bodyChanged(path: DiffSample.path(.name("items"), .index(2), .name("price")), from: .number(10), to: .number(12)),
            .bodyAdded(path: DiffSample.path(.name("items"), .index(3)), value: .object(JSONObject([("price", .number(1))]))),
            .bodyRemoved(path: DiffSample.path(.name("old")), value: .string("x")),
            .bodyAdded(path: DiffSample.path(.name("new")), value: .object(JSONObject([("a", .null)]))),
        ])
        #expect(DiffSample.path(.name("items"), .index(2), .name("price")).description == "$.items[2].price")
    }

    @Test("JSON bodies: a type change is one change; key order does not matter; numbers compare by value")
    func jsonTypesAndOrder() {
        let a = DiffSample.result(body: #"{"a":1,"b":[1],"c":1.0}"#)
        let b = DiffSample.result(body: #"{"c":1,"b":{"0":1},"a":1}"#)
        #expect(DiffSample.changes(a, b) == [
            .bodyChanged(path: DiffSample.path(.name("b")), from: .array([.number(1)]),
                         to: .object(JSONObject([("0", .number(1))]))),
        ])
    }

    @Test("paths: odd member names use the bracket form; normalized paths match RFC 9535")
    func paths() {
        let path = DiffSample.path(.name("a b"), .index(0), .name("it's"), .name("_ok1"), .name("1x"))
        #expect(path.description == #"$['a b'][0]['it\'s']._ok1['1x']"#)
        #expect(path.normalized == #"$['a b'][0]['it\'s']['_ok1']['1x']"#)
        let compiled = try? JSONPath.compile("$.items[0].price")
        let body: JSONValue = .object(JSONObject([("items", .array([.object(JSONObject([("price", .number(1))]))]))]))
        #expect(compiled?.queryPaths(body).first?.path == DiffSample.path(.name("items"), .index(0), .name("price")).normalized)
    }

    @Test("plain-text bodies: a unified diff")
    func textBody() {
        let a = DiffSample.result(body: "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n", headers: [])
        let b = DiffSample.result(body: "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\n", headers: [])
        let changes = DiffSample.changes(a, b)
        guard case .bodyText(let text)? = changes.first, changes.count == 1 else {
            Issue.record("expected one text change, got \(changes)")
            return
        }
        #expect(text.lines == ["@@ -1,9 +1,10 @@", " one", " two", " three", "-four", "+FOUR", " five", " six", " seven",
                               " eight", "+nine", " "])
    }

    @Test("binary bodies: compared by size")
    func binaryBody() {
        var a = DiffSample.result(body: "", headers: [])
        var b = a
        a.observed?.body = [0xFF, 0xFE, 0x00]
        a.observed?.bodySize = 3
        a.observed?.bodySHA256 = "x"
        b.observed?.body = [0xFF, 0x00]
        b.observed?.bodySize = 2
        b.observed?.bodySHA256 = "y"
        #expect(DiffSample.changes(a, b) == [.bodyBinary(fromSize: 3, toSize: 2)])
    }

    @Test("timing: only with a threshold, beyond it, and when both exceed 1 ms")
    func timing() {
        let fast = DiffSample.result(durationMicros: 10_000), slow = DiffSample.result(durationMicros: 13_000)
        #expect(DiffSample.changes(fast, slow).isEmpty, "no threshold, no timing changes")
        let rules = DiffRules(timingThreshold: 0.2)
        #expect(DiffSample.changes(fast, slow, rules) == [.timing(fromMicros: 10_000, toMicros: 13_000)])
        #expect(DiffSample.changes(fast, DiffSample.result(durationMicros: 11_500), rules).isEmpty, "15% is under 20%")
        #expect(DiffSample.changes(fast, DiffSample.result(durationMicros: 7_000), rules)
            == [.timing(fromMicros: 10_000, toMicros: 7_000)], "faster counts too")
        #expect(DiffSample.changes(DiffSample.result(durationMicros: 300), DiffSample.result(durationMicros: 900), rules).isEmpty,
                "sub-millisecond noise is never compared")
    }

    @Test("requests matched by id: only in A, only in B, order kept")
    func matching() {
        let a = [DiffSample.result("a"), DiffSample.result("g/b"), DiffSample.result("c")]
        let b = [DiffSample.result("g/b", status: 500), DiffSample.result("a"), DiffSample.result("d")]
        let diff = RunDiffer.diff(a, b)
        #expect(diff.requests.map(\.requestID) == ["a", "g/b", "c", "d"])
        #expect(diff.requests.map(\.presence) == [.both, .both, .onlyInA, .onlyInB])
        #expect(diff.changedCount == 1)
        #expect(diff.equalCount == 1)
        #expect(diff.onlyInACount == 1)
        #expect(diff.onlyInBCount == 1)
        #expect(!diff.isEqual)
    }

    @Test("the JSON form is stable: kinds, paths, summary")
    func json() {
        let a = DiffSample.result(body: #"{"price":10}"#), b = DiffSample.result(body: #"{"price":12}"#)
        let diff = RunDiffer.diff([a], [b])
        let json = diff.requests[0].json.serialized(sortedKeys: true)
        #expect(json == #"{"changes":[{"from":10,"kind":"body-changed","normalizedPath":"$['price']","path":"$.price","to":12}],"id":"items/list","state":"changed"}"#)
        #expect(ChangeKind.allCases.count == 14)
    }
}
