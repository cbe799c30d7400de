import Engine
import Foundation
@testable import Store

/// A fresh temporary directory, removed when the value is dropped.
final class TemporaryDirectory {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var database: String { path + "/workbench.db" }
}

enum Sample {
    static func info(collection: String = "demo", path: String = "/work/demo.json", profile: String = "native",
                     environment: String? = nil, startedAt: Double = 1_700_000_000.25, groupID: String? = nil) -> RunInfo {
        RunInfo(collectionName: collection, collectionPath: path, collectionHash: "c0ffee", profile: profile,
                profileDefinition: .object(JSONObject([("name", .string(profile)), ("rules", .array([.bool(true), .null]))])),
                settings: RunSettings(mode: .async, origin: "http://localhost:8000", credentials: .include,
                                      crossOriginIsolated: true, strict: true),
                environment: environment, startedAt: startedAt, host: RunStore.currentHost(), groupID: groupID,
                jobs: 4, shard: "1/2")
    }

    /// A small passing result whose response body is `body`.
    static func simple(index: Int, outcome: Outcome = .passed, body: [UInt8] = Array("hello".utf8),
                       hash: String? = nil) -> RequestResult {
        let sha = hash ?? "hash-\(body.count)-\(body.first ?? 0)"
        let response = ReceivedResponse(httpVersion: "1.1", status: 200, reason: "OK", headers: [HeaderField("Content-Type", "text/plain")],
                                        bodySize: Int64(body.count), bodySHA256: sha, body: body, bodyTruncated: false)
        let exchange = Exchange(kind: .request, request: SentRequest(method: "GET", url: "http://127.0.0.1/r\(index)", headers: [], bodySize: 0),
                                response: response, timings: Timings(total: 100), startedAt: 1_700_000_001)
        let observed = ObservedResponse(url: "http://127.0.0.1/r\(index)", httpVersion: "1.1", status: 200,
                                        headers: response.headers, bodySize: response.bodySize, bodySHA256: sha,
                                        body: body, bodyTruncated: false)
        return RequestResult(index: index, requestID: "r\(index)", name: "r\(index)", groupPath: [], method: "GET",
                             url: "http://127.0.0.1/r\(index)", exchanges: [exchange], observed: observed,
                             outcome: outcome, startedAt: 1_700_000_001 + Double(index), durationMicros: 1_000)
    }

    /// Results that exercise every field: preflight and redirect hops, repeated headers, binary and truncated
    /// bodies, errors, effects, assertions and captures with nested JSON values.
    static func rich() -> [RequestResult] {
        let binary = (0...255).map { UInt8($0) } + [0, 0, 255]
        let preflight = Exchange(
            kind: .preflight,
            request: SentRequest(method: "OPTIONS", url: "http://127.0.0.1:9/users",
                                 headers: [HeaderField("Origin", "http://localhost:8000"),
                                           HeaderField("Access-Control-Request-Method", "PUT")], bodySize: 0),
            response: ReceivedResponse(httpVersion: "1.1", status: 204, reason: "No Content",
                                       headers: [HeaderField("Access-Control-Allow-Origin", "*")], bodySize: 0,
                                       bodySHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                       body: [], bodyTruncated: false),
            timings: Timings(dns: 10, connect: 20, tls: 20, pretransfer: 25, firstByte: 90, total: 95),
            remoteAddress: "127.0.0.1", remotePort: 9, startedAt: 1_700_000_100.000_125)
        let redirect = Exchange(
            kind: .request,
            request: SentRequest(method: "PUT", url: "http://127.0.0.1:9/users",
                                 headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Dup", "a"),
                                           HeaderField("X-Dup", "b"), HeaderField("Authorization", "{{token}}")],
                                 bodySize: 42),
            response: ReceivedResponse(httpVersion: "2", status: 302, reason: "",
                                       headers: [HeaderField("Location", "/users/1"), HeaderField("Set-Cookie", "a=1"),
                                                 HeaderField("set-cookie", "b=2; Path=/")],
                                       bodySize: 5, bodySHA256: "sha-redirect", body: Array("moved".utf8),
                                       bodyTruncated: false, redirectURL: "http://127.0.0.1:9/users/1"),
            timings: Timings(dns: 0, connect: 0, tls: 0, pretransfer: 3, firstByte: 50, total: 60),
            remoteAddress: "::1", remotePort: nil, startedAt: 1_700_000_100.5)
        let final = Exchange(
            kind: .redirect,
            request: SentRequest(method: "GET", url: "http://127.0.0.1:9/users/1", headers: [], bodySize: 0),
            response: ReceivedResponse(httpVersion: "1.1", status: 200, reason: "OK",
                                       headers: [HeaderField("Content-Type", "application/octet-stream")],
                                       bodySize: Int64(binary.count), bodySHA256: "sha-binary", body: binary,
                                       bodyTruncated: false),
            timings: Timings(dns: 1, connect: 2, tls: 3, pretransfer: 4, firstByte: 5, total: 6),
            remoteAddress: "127.0.0.1", remotePort: 9, startedAt: 1_700_000_100.75)
        let captured = JSONValue.object(JSONObject([
            ("id", .number(42)), ("ratio", .number(0.1)), ("tiny", .number(1e-7)), ("huge", .number(1e300)),
            ("big", .number(123_456_789_012_345_680)), ("negative", .number(-2.5)),
            ("text", .string("quote \" backslash \\ tab \t newline \n nul \u{0} bell \u{7} é 日本 🎉")),
            ("empty", .object(JSONObject())), ("list", .array([.null, .bool(false), .array([])])),
            ("dup", .number(1)), ("dup", .number(2)),
        ]))
        let first = RequestResult(
            index: 0, requestID: "users/create", name: "create", groupPath: ["users", "admin ünïcode"], method: "PUT",
            url: "http://127.0.0.1:9/users", exchanges: [preflight, redirect, final],
            observed: ObservedResponse(url: "http://127.0.0.1:9/users/1", httpVersion: "1.1", status: 200,
                                       headers: [HeaderField("content-type", "application/octet-stream"),
                                                 HeaderField("x-dup", "1"), HeaderField("x-dup", "2")],
                                       bodySize: Int64(binary.count), bodySHA256: "sha-binary", body: binary,
                                       bodyTruncated: false),
            effects: [Effect("header-dropped", "Cookie is a forbidden header name"),
                      Effect("cors-preflight", "a preflight was sent because of \"PUT\"\u{0}")],
            assertions: [AssertionResult(description: "status == 200", passed: true, expected: "200", actual: "200"),
                         AssertionResult(description: "jsonpath $.id exists", passed: false, expected: "exists",
                                         actual: "<absent>", message: "body is not JSON")],
            captures: [CaptureResult(name: "user", value: captured),
                       CaptureResult(name: "nothing", value: nil, error: "no match"),
                       CaptureResult(name: "null", value: .null),
                       CaptureResult(name: "token", value: .string("<secret>"), secret: true),
                       CaptureResult(name: "flag", value: .bool(true))],
            outcome: .failed, startedAt: 1_700_000_100.000_125, durationMicros: 654_321)
        let failedExchange = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: "http://nowhere.invalid/", headers: [HeaderField("Accept", "*/*")], bodySize: 0),
            response: nil, timings: Timings(dns: 5_000_000, total: 5_000_000), startedAt: 1_700_000_101,
            error: TransportError(kind: .dns, message: "Could not resolve host: nowhere.invalid", curlCode: 6))
        let second = RequestResult(
            index: 1, requestID: "dns", name: "dns", groupPath: [], method: "GET", url: "http://nowhere.invalid/",
            exchanges: [failedExchange], observed: nil,
            pythonError: PythonError(type: "httpx.ConnectError", message: "[Errno -2] Name or service not known"),
            error: TransportError(kind: .dns, message: "Could not resolve host: nowhere.invalid", curlCode: 6),
            outcome: .errored, expectationNote: "declared: errored in browser profiles",
            startedAt: 1_700_000_101, durationMicros: 5_000_001)
        let full = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        func truncated(_ index: Int, keep: Int) -> RequestResult {
            var result = Sample.simple(index: index, body: Array(full.prefix(keep)), hash: "sha-full")
            result.observed?.bodySize = 1000
            result.observed?.bodyTruncated = true
            result.exchanges[0].response?.bodySize = 1000
            result.exchanges[0].response?.bodyTruncated = true
            return result
        }
        let refused = RequestResult(index: 4, requestID: "g/skipped", name: "skipped", groupPath: ["g"], method: "DELETE",
                                    url: "", outcome: .skipped, startedAt: 0, durationMicros: 0)
        return [first, second, truncated(2, keep: 10), truncated(3, keep: 20), refused]
    }
}

/// Errors collected from several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ error: String) { lock.lock(); stored.append(error); lock.unlock() }
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

extension RunStore {
    /// A single integer from a query, for assertions on raw rows.
    func scalar(_ sql: String) throws -> Int {
        try connection.statement(sql).rows([], operation: "test") { row in row.int(0) }.first ?? -1
    }
}
