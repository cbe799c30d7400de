import Engine
import Store

/// The run the store target starts from: a preflight, a redirect, a binary body, a transport error,
/// effects, assertions and captures, so that every column holds a real value before it is damaged.
enum StoreSample {
    static let collectionPath = "/fuzz/demo.json"

    static func write(into store: RunStore) throws(StoreError) -> Int64 {
        let info = RunInfo(collectionName: "demo", collectionPath: collectionPath, collectionHash: "c0ffee", profile: "native",
                           profileDefinition: .object(JSONObject([("name", .string("native")), ("rules", .array([.bool(true)]))])),
                           settings: RunSettings(mode: .async, origin: "http://localhost:8000", credentials: .include),
                           environment: "dev", startedAt: 1_700_000_000, host: "fuzz", jobs: 2, shard: "1/2")
        let runID = try store.beginRun(info, plannedRequests: 2)
        for result in results() { try store.append(runID: runID, result: result) }
        try store.finishRun(runID: runID, status: .completed, counts: RunCounts(passed: 0, failed: 1, errored: 1),
                            endedAt: 1_700_000_010)
        return runID
    }

    static func results() -> [RequestResult] {
        let binary = (0...255).map { UInt8($0) }
        let preflight = Exchange(
            kind: .preflight,
            request: SentRequest(method: "OPTIONS", url: "http://127.0.0.1:9/users",
                                 headers: [HeaderField("Origin", "http://localhost:8000")], bodySize: 0),
            response: ReceivedResponse(httpVersion: "1.1", status: 204, reason: "No Content",
                                       headers: [HeaderField("Access-Control-Allow-Origin", "*")], bodySize: 0,
                                       bodySHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                       body: [], bodyTruncated: false),
            timings: Timings(dns: 10, connect: 20, total: 95), remoteAddress: "127.0.0.1", remotePort: 9, startedAt: 1_700_000_001)
        let request = Exchange(
            kind: .request,
            request: SentRequest(method: "PUT", url: "http://127.0.0.1:9/users",
                                 headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Dup", "a")], bodySize: 42),
            response: ReceivedResponse(httpVersion: "2", status: 302, reason: "",
                                       headers: [HeaderField("Location", "/users/1"), HeaderField("Set-Cookie", "a=1")],
                                       bodySize: 5, bodySHA256: "sha-redirect", body: Array("moved".utf8),
                                       bodyTruncated: false, redirectURL: "http://127.0.0.1:9/users/1"),
            timings: Timings(firstByte: 50, total: 60), startedAt: 1_700_000_002)
        let final = Exchange(
            kind: .redirect,
            request: SentRequest(method: "GET", url: "http://127.0.0.1:9/users/1", headers: [], bodySize: 0),
            response: ReceivedResponse(httpVersion: "1.1", status: 200, reason: "OK",
                                       headers: [HeaderField("Content-Type", "application/octet-stream")],
                                       bodySize: 300, bodySHA256: "sha-binary", body: binary, bodyTruncated: true),
            timings: Timings(total: 6), startedAt: 1_700_000_003)
        let first = RequestResult(
            index: 0, requestID: "users/create", name: "create", groupPath: ["users"], method: "PUT",
            url: "http://127.0.0.1:9/users", exchanges: [preflight, request, final],
            observed: ObservedResponse(url: "http://127.0.0.1:9/users/1", httpVersion: "1.1", status: 200,
                                       headers: [HeaderField("content-type", "application/octet-stream")],
                                       bodySize: 300, bodySHA256: "sha-binary", body: binary, bodyTruncated: true),
            effects: [Effect("header-dropped", "Cookie is a forbidden header name")],
            assertions: [AssertionResult(description: "status == 200", passed: false, expected: "200", actual: "302")],
            captures: [CaptureResult(name: "user", value: .object(JSONObject([("id", .number(42))]))),
                       CaptureResult(name: "token", value: .string("<secret>"), secret: true),
                       CaptureResult(name: "missing", value: nil, error: "no match")],
            outcome: .failed, startedAt: 1_700_000_001, durationMicros: 654_321)
        let failed = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: "http://nowhere.invalid/", headers: [HeaderField("Accept", "*/*")], bodySize: 0),
            response: nil, timings: Timings(dns: 5_000_000, total: 5_000_000), startedAt: 1_700_000_004,
            error: TransportError(kind: .dns, message: "Could not resolve host", curlCode: 6))
        let second = RequestResult(
            index: 1, requestID: "dns", name: "dns", groupPath: [], method: "GET", url: "http://nowhere.invalid/",
            exchanges: [failed], pythonError: PythonError(type: "httpx.ConnectError", message: "Name or service not known"),
            error: TransportError(kind: .dns, message: "Could not resolve host", curlCode: 6),
            outcome: .errored, expectationNote: "declared", startedAt: 1_700_000_004, durationMicros: 5_000_001)
        return [first, second]
    }
}
