import Engine
@testable import Reports

/// Hand-built results for diff tests: no store, no server.
enum DiffSample {
    /// A passed GET whose response has `headers` and `body` (JSON text or anything else).
    static func result(_ id: String = "items/list", status: Int? = 200, body: String = #"{"ok":true}"#,
                       headers: [HeaderField] = [HeaderField("Content-Type", "application/json")],
                       outcome: Outcome = .passed, effects: [Effect] = [], pythonError: PythonError? = nil,
                       durationMicros: Int64 = 10_000, index: Int = 0) -> RequestResult {
        let bytes = Array(body.utf8)
        let observed = status.map {
            ObservedResponse(url: "http://127.0.0.1:1/\(id)", httpVersion: "1.1", status: $0, headers: headers,
                             bodySize: Int64(bytes.count), bodySHA256: "sha-" + String(body.hashValue), body: bytes,
                             bodyTruncated: false)
        }
        let parts = id.split(separator: "/").map(String.init)
        return RequestResult(index: index, requestID: id, name: parts.last ?? id, groupPath: Array(parts.dropLast()),
                             method: "GET", url: "http://127.0.0.1:1/\(id)", observed: observed, pythonError: pythonError,
                             effects: effects, outcome: outcome, startedAt: 1_700_000_000, durationMicros: durationMicros)
    }

    /// The changes of one request from `a` to `b`.
    static func changes(_ a: RequestResult, _ b: RequestResult, _ rules: DiffRules = DiffRules()) -> [Change] {
        RunDiffer.changes(a, b, rules: rules)
    }

    static func path(_ steps: BodyPath.Step...) -> BodyPath { BodyPath(steps) }
}
