import Engine
@testable import Reports

/// A hand-made run covering every case the exports must handle: a pass, a failed assertion, a CORS block
/// after a preflight, a redirect chain over TLS, a skip, a binary body, and a transport error.
enum ExportFixture {
    static let t0 = 1_714_567_890.0  // 2024-05-01T12:51:30Z
    static let page = "http://localhost:8001"
    static let api = "http://127.0.0.1:8002"

    static func headers(_ pairs: [(String, String)]) -> [HeaderField] { pairs.map { HeaderField($0.0, $0.1) } }

    static func response(_ status: Int, _ reason: String, _ headers: [(String, String)], body: [UInt8], version: String = "1.1",
                         redirect: String? = nil, truncated: Bool = false, size: Int64? = nil) -> ReceivedResponse {
        ReceivedResponse(httpVersion: version, status: status, reason: reason, headers: self.headers(headers),
                         bodySize: size ?? Int64(body.count), bodySHA256: String(repeating: "ab", count: 32), body: body,
                         bodyTruncated: truncated, redirectURL: redirect)
    }

    static func observed(_ r: ReceivedResponse, url: String) -> ObservedResponse {
        ObservedResponse(url: url, httpVersion: r.httpVersion, status: r.status, headers: r.headers, bodySize: r.bodySize,
                         bodySHA256: r.bodySHA256, body: r.body, bodyTruncated: r.bodyTruncated)
    }

    static let jsonBody = Array(#"{"slideshow":{"author":"Yours Truly","title":"<script>alert(1)</script> & more"},"items":[{"id":1,"price":5},{"id":2,"price":12}],"ok":true}"#.utf8)

    static var sample: RequestResult {
        let res = response(200, "OK", [("Content-Type", "application/json"), ("Content-Length", String(jsonBody.count))], body: jsonBody)
        let exchange = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: "\(page)/json", headers: headers([("Host", "localhost:8001"), ("Accept", "application/json")]), bodySize: 0),
            response: res, timings: Timings(dns: 120, connect: 340, tls: 0, pretransfer: 400, firstByte: 1900, total: 2100),
            remoteAddress: "127.0.0.1", remotePort: 8001, startedAt: t0 + 0.001)
        return RequestResult(
            index: 0, requestID: "sample json", name: "sample json", groupPath: [], method: "GET", url: "\(page)/json",
            exchanges: [exchange], observed: observed(res, url: "\(page)/json"),
            assertions: [AssertionResult(description: "status == 200", passed: true, expected: "200", actual: "200"),
                         AssertionResult(description: "jsonpath $.items count == 2", passed: true, expected: "2", actual: "2")],
            captures: [CaptureResult(name: "firstId", value: .number(1))],
            outcome: .passed, startedAt: t0 + 0.001, durationMicros: 2100)
    }

    static var create: RequestResult {
        let body = Array(#"{"method":"POST","json":{"n":4,"note":"a <b>bold</b> \"claim\""}}"#.utf8)
        let res = response(200, "OK", [("Content-Type", "application/json"), ("Set-Cookie", "id=42; Path=/; HttpOnly; SameSite=Lax"),
                                       ("Set-Cookie", "<redacted>")], body: body)
        let url = "\(api)/echo?x=1&y=a%20b&flag"
        let exchange = Exchange(
            kind: .request,
            request: SentRequest(method: "POST", url: url, headers: headers([
                ("Host", "127.0.0.1:8002"), ("Content-Type", "application/json"), ("Authorization", "Bearer {{token}}"),
                ("Cookie", "session=abc; theme=dark"), ("Content-Length", "64"),
            ]), bodySize: 64),
            response: res, timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 80, firstByte: 900, total: 1000),
            remoteAddress: "127.0.0.1", remotePort: 8002, startedAt: t0 + 0.010)
        return RequestResult(
            index: 1, requestID: "users/create", name: "create", groupPath: ["users"], method: "POST", url: url,
            exchanges: [exchange], observed: observed(res, url: url),
            effects: [Effect("header-dropped", "the browser does not let a page set Cookie\u{01}; it was not sent")],
            assertions: [
                AssertionResult(description: "status in [200, 201]", passed: true, expected: "[200, 201]", actual: "200"),
                AssertionResult(description: "jsonpath $.json.n == 3", passed: false, expected: "3", actual: "4"),
                AssertionResult(description: "jsonpath $.json.note contains \"<i>\"", passed: false, expected: "\"<i>\"",
                                actual: "\"a <b>bold</b> \\\"claim\\\"\"", message: "substring not found, & that's that"),
            ],
            outcome: .failed, startedAt: t0 + 0.010, durationMicros: 1000)
    }

    static var corsBlocked: RequestResult {
        let url = "\(api)/anything/cors"
        let preflight = Exchange(
            kind: .preflight,
            request: SentRequest(method: "OPTIONS", url: url, headers: headers([
                ("Host", "127.0.0.1:8002"), ("Origin", page), ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "x-client"),
            ]), bodySize: 0),
            response: response(204, "No Content", [("Access-Control-Allow-Origin", page), ("Access-Control-Allow-Methods", "PUT")], body: []),
            timings: Timings(dns: 0, connect: 150, tls: 0, pretransfer: 170, firstByte: 600, total: 610),
            remoteAddress: "127.0.0.1", remotePort: 8002, startedAt: t0 + 0.020)
        let actual = Exchange(
            kind: .request,
            request: SentRequest(method: "PUT", url: url, headers: headers([("Host", "127.0.0.1:8002"), ("Origin", page), ("X-Client", "demo")]), bodySize: 0),
            response: response(200, "OK", [("Content-Type", "text/plain; charset=utf-8")], body: Array("no CORS headers here".utf8)),
            timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 30, firstByte: 700, total: 750),
            remoteAddress: "127.0.0.1", remotePort: 8002, startedAt: t0 + 0.021)
        return RequestResult(
            index: 2, requestID: "cors/blocked put", name: "blocked put", groupPath: ["cors"], method: "PUT", url: url,
            exchanges: [preflight, actual],
            pythonError: PythonError(type: "pyodide.ffi.JsException", message: "TypeError: Failed to fetch"),
            effects: [Effect("cors-blocked", "the response has no Access-Control-Allow-Origin for \(page)")],
            assertions: [], outcome: .errored, startedAt: t0 + 0.020, durationMicros: 1400)
    }

    static var redirects: RequestResult {
        let first = "https://secure.example.test/redirect/2"
        let second = "https://secure.example.test/relative-redirect/1"
        let last = "https://secure.example.test/get?done=yes"
        let hop1 = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: first, headers: headers([("Host", "secure.example.test")]), bodySize: 0),
            response: response(302, "Found", [("Location", "/relative-redirect/1")], body: [], version: "2", redirect: second),
            timings: Timings(dns: 1000, connect: 3000, tls: 9000, pretransfer: 9100, firstByte: 15000, total: 15200),
            remoteAddress: "192.0.2.10", remotePort: 443, startedAt: t0 + 0.030)
        let hop2 = Exchange(
            kind: .redirect,
            request: SentRequest(method: "GET", url: second, headers: headers([("Host", "secure.example.test")]), bodySize: 0),
            response: response(302, "Found", [("Location", last)], body: [], version: "2", redirect: last),
            timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 50, firstByte: 5050, total: 5100),
            remoteAddress: "192.0.2.10", remotePort: 443, startedAt: t0 + 0.046)
        let final = response(200, "OK", [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                             body: Array(#"{"args":{"done":"yes"}}"#.utf8), version: "2")
        let hop3 = Exchange(
            kind: .redirect,
            request: SentRequest(method: "GET", url: last, headers: headers([("Host", "secure.example.test")]), bodySize: 0),
            response: final, timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 40, firstByte: 4040, total: 4300),
            remoteAddress: "192.0.2.10", remotePort: 443, startedAt: t0 + 0.052)
        return RequestResult(
            index: 3, requestID: "redirect chain", name: "redirect chain", groupPath: [], method: "GET", url: first,
            exchanges: [hop1, hop2, hop3], observed: observed(final, url: last),
            assertions: [AssertionResult(description: "status == 200", passed: true, expected: "200", actual: "200")],
            outcome: .passed, startedAt: t0 + 0.030, durationMicros: 26_400)
    }

    static var skipped: RequestResult {
        RequestResult(index: 4, requestID: "later/not yet", name: "not yet", groupPath: ["later"], method: "DELETE",
                      url: "\(api)/anything/1", outcome: .skipped, expectationNote: "skip: true in the collection",
                      startedAt: t0 + 0.057, durationMicros: 0)
    }

    static var binary: RequestResult {
        let bytes: [UInt8] = Array(0...31) + [0xFF, 0xFE, 0x80, 0x00]
        let res = response(200, "OK", [("Content-Type", "application/octet-stream")], body: bytes, truncated: true, size: 4096)
        let url = "\(page)/bytes/4096"
        let exchange = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: url, headers: headers([("Host", "localhost:8001")]), bodySize: 0),
            response: res, timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 20, firstByte: 500, total: 900),
            remoteAddress: "127.0.0.1", remotePort: 8001, startedAt: t0 + 0.058)
        return RequestResult(
            index: 5, requestID: "search & <filter> \"bytes\", 'raw'", name: "search & <filter> \"bytes\", 'raw'", groupPath: [],
            method: "GET", url: url, exchanges: [exchange], observed: observed(res, url: url),
            assertions: [AssertionResult(description: "status == 200", passed: true, expected: "200", actual: "200")],
            outcome: .passed, startedAt: t0 + 0.058, durationMicros: 900)
    }

    static var offline: RequestResult {
        let url = "http://127.0.0.1:9/down"
        let error = TransportError(kind: .connectionRefused, message: "Failed to connect to 127.0.0.1 port 9: Connection refused", curlCode: 7)
        let exchange = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: url, headers: headers([("Host", "127.0.0.1:9")]), bodySize: 0),
            response: nil, timings: Timings(dns: 15, connect: 0, tls: 0, pretransfer: 0, firstByte: 0, total: 210),
            remoteAddress: nil, remotePort: nil, startedAt: t0 + 0.060, error: error)
        return RequestResult(
            index: 6, requestID: "offline", name: "offline", groupPath: [], method: "GET", url: url, exchanges: [exchange],
            pythonError: PythonError(type: "httpx.ConnectError", message: "All connection attempts failed"), error: error,
            outcome: .errored, startedAt: t0 + 0.060, durationMicros: 210)
    }

    static var results: [RequestResult] { [sample, create, corsBlocked, redirects, skipped, binary, offline] }

    static var record: RunRecord {
        let info = RunInfo(
            collectionName: "Golden", collectionPath: "/work/collections/golden.json", collectionHash: "c0ffee",
            profile: "browser-main", profileDefinition: .object(JSONObject([("name", .string("browser-main")), ("runtime", .string("browser"))])),
            settings: RunSettings(mode: .async, origin: page, credentials: .sameOrigin), environment: "ci",
            startedAt: t0, host: "ci-host", groupID: nil, jobs: 1)
        var counts = RunCounts()
        for r in results { counts.add(r.outcome) }
        return RunRecord(id: 7, info: info, status: .completed, counts: counts, endedAt: t0 + 0.5, durationMicros: 500_000, results: results)
    }

    static let version = "1.0.0-golden"
}
