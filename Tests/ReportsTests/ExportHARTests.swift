import Foundation
import Testing
@testable import Reports

@Suite("Export HAR")
struct ExportHARTests {
    var har: String { Exporter.render(ExportFixture.record, as: .har, creatorVersion: ExportFixture.version) }
    var log: JSONAny { get throws { try #require(try JSONAny.parse(har)["log"]) } }
    var entries: [JSONAny] { get throws { try #require(try log["entries"]?.items) } }

    @Test("the export passes the HAR 1.2 checks")
    func valid() {
        #expect(HARChecker.check(har) == [])
    }

    @Test("log, creator, no pages")
    func header() throws {
        let log = try log
        #expect(log["version"] == .string("1.2"))
        #expect(log["creator"]?["name"] == .string("workbench"))
        #expect(log["creator"]?["version"] == .string(ExportFixture.version))
        #expect(log["pages"] == nil)
        let unsent = try #require(log["_workbench"]?["unsent"]?.items)
        #expect(unsent.map { $0["requestId"] } == [.string("later/not yet")])
    }

    @Test("one entry per exchange, preflights and redirect hops included, in order")
    func entryPerExchange() throws {
        let kinds = try entries.map { $0["_kind"]?.string ?? "?" }
        #expect(kinds == ["request", "request", "preflight", "request", "request", "redirect", "redirect", "request", "request"])
        let methods = try entries.map { $0["request"]?["method"]?.string ?? "?" }
        #expect(methods == ["GET", "POST", "OPTIONS", "PUT", "GET", "GET", "GET", "GET", "GET"])
        #expect(try entries[0]["startedDateTime"] == .string("2024-05-01T12:51:30.001Z"))
    }

    @Test("timings: libcurl's cumulative points become HAR phases in milliseconds")
    func timings() throws {
        let e = try entries
        func t(_ i: Int) -> [Double] {
            ["blocked", "dns", "connect", "ssl", "send", "wait", "receive"].map { e[i]["timings"]?[$0]?.number ?? .nan }
        }
        // Fresh plain-HTTP connection: dns 120 µs, connect to 340, pretransfer 400, first byte 1900, total 2100.
        #expect(t(0) == [-1, 0.12, 0.22, -1, 0.06, 1.5, 0.2])
        #expect(e[0]["time"]?.number == 2.1)
        // Reused connection: no dns, no connect.
        #expect(t(1) == [-1, -1, -1, -1, 0.08, 0.82, 0.1])
        #expect(e[1]["time"]?.number == 1)
        // TLS: connect includes ssl (2 ms TCP + 6 ms TLS).
        #expect(t(4) == [-1, 1, 8, 6, 0.1, 5.9, 0.2])
        #expect(e[4]["time"]?.number == 15.2)
        // Connection refused: the time until the failure is not lost.
        #expect(e[8]["time"]?.number == 0.21)
    }

    @Test("request: cookies from Cookie, query string from the URL, postData with the body's size only")
    func request() throws {
        let r = try #require(try entries[1]["request"])
        #expect(r["cookies"] == .array([
            .object(["name": .string("session"), "value": .string("abc")]), .object(["name": .string("theme"), "value": .string("dark")]),
        ]))
        #expect(r["queryString"] == .array([
            .object(["name": .string("x"), "value": .string("1")]), .object(["name": .string("y"), "value": .string("a b")]),
            .object(["name": .string("flag"), "value": .string("")]),
        ]))
        #expect(r["postData"]?["mimeType"] == .string("application/json"))
        #expect(r["postData"]?["text"] == .string(""))
        #expect(r["postData"]?["_bodySize"] == .number(64))
        #expect(r["bodySize"] == .number(64))
        #expect(r["headersSize"] == .number(-1))
        #expect(r["headers"]?[2] == .object(["name": .string("Authorization"), "value": .string("Bearer {{token}}")]))
    }

    @Test("response: Set-Cookie parsed (redacted lines left out), content text, redirect URL, status text")
    func response() throws {
        let e = try entries
        let created = try #require(e[1]["response"])
        #expect(created["cookies"] == .array([.object(["name": .string("id"), "value": .string("42"), "path": .string("/"), "httpOnly": .bool(true)])]))
        #expect(created["content"]?["mimeType"] == .string("application/json"))
        #expect(created["content"]?["text"]?.string?.contains("\"n\":4") == true)
        #expect(created["redirectURL"] == .string(""))
        let hop = try #require(e[4]["response"])
        #expect(hop["redirectURL"] == .string("https://secure.example.test/relative-redirect/1"))
        #expect(hop["statusText"] == .string("Found"))
        #expect(hop["httpVersion"] == .string("HTTP/2"))
        // gzip: libcurl reports the decoded size; the size on the wire is unknown.
        #expect(e[6]["response"]?["bodySize"] == .number(-1))
        #expect(e[6]["response"]?["content"]?["size"] == .number(23))
    }

    @Test("a binary body is base64 and marked truncated when the store kept less")
    func binary() throws {
        let content = try #require(try entries[7]["response"]?["content"])
        #expect(content["encoding"] == .string("base64"))
        let bytes = try #require(content["text"]?.string.flatMap { Data(base64Encoded: $0) })
        #expect(Array(bytes) == Array(0...31) + [0xFF, 0xFE, 0x80, 0x00])
        #expect(content["size"] == .number(4096))
        #expect(content["_truncated"] == .bool(true))
    }

    @Test("a failed exchange has status 0 and _error; _workbench sits on each request's final hop")
    func errorsAndWorkbench() throws {
        let e = try entries
        #expect(e[8]["response"]?["status"] == .number(0))
        #expect(e[8]["_error"]?["kind"] == .string("connection-refused"))
        #expect(e[8]["_error"]?["curlCode"] == .number(7))
        #expect(e[2]["_workbench"] == nil, "the preflight is not the final hop")
        let cors = try #require(e[3]["_workbench"])
        #expect(cors["requestId"] == .string("cors/blocked put"))
        #expect(cors["profile"] == .string("browser-main"))
        #expect(cors["pythonError"]?["type"] == .string("pyodide.ffi.JsException"))
        #expect(cors["effects"]?[0]?["code"] == .string("cors-blocked"))
        #expect(e[4]["_workbench"] == nil && e[5]["_workbench"] == nil && e[6]["_workbench"] != nil)
        #expect(e[0]["_workbench"]?["pythonError"] == .null)
    }
}

/// The checker itself: it must reject what the specification rejects.
@Suite("Export HAR checker")
struct ExportHARCheckerTests {
    var valid: JSONAny { get throws { try JSONAny.parse(Exporter.render(ExportFixture.record, as: .har, creatorVersion: "t")) } }

    func problems(_ change: (inout JSONAny) -> Void) throws -> [String] {
        var har = try valid
        change(&har)
        let data = try JSONEncoder().encode(Encodable(har))
        return HARChecker.check(String(decoding: data, as: UTF8.self))
    }

    /// Re-encodes a `JSONAny` (the checker takes text).
    struct Encodable: Swift.Encodable {
        let value: JSONAny
        init(_ value: JSONAny) { self.value = value }
        func encode(to encoder: Encoder) throws {
            switch value {
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
            case .number(let n): var c = encoder.singleValueContainer(); try c.encode(n)
            case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
            case .array(let a): var c = encoder.unkeyedContainer(); for item in a { try c.encode(Encodable(item)) }
            case .object(let o):
                var c = encoder.container(keyedBy: JSONAny.AnyKey.self)
                for (k, v) in o { try c.encode(Encodable(v), forKey: JSONAny.AnyKey(stringValue: k)) }
            }
        }
    }

    @Test("not JSON, or no log")
    func notHAR() {
        #expect(HARChecker.check("{").first?.hasPrefix("not JSON") == true)
        #expect(HARChecker.check("{\"entries\": []}").contains("$.log: missing"))
    }

    @Test("each broken rule is reported", arguments: [
        ("log.version: missing", "version"),
        ("log.version: expected 1.2", "version-1.1"),
        ("log.creator.name: missing", "creator-name"),
        ("log.entries[0].timings.send: must be ≥ 0", "negative-send"),
        ("log.entries[0].timings.dns: must be ≥ 0 or -1", "dns-minus-2"),
        ("log.entries[0].timings.wait: missing", "no-wait"),
        ("log.entries[0].time: 99.0 is not the sum", "wrong-time"),
        ("log.entries[0].startedDateTime: expected iso", "bad-date"),
        ("log.entries[0].response.content.mimeType: missing", "no-mime"),
        ("log.entries[0].request.headers[0].value: missing", "header-no-value"),
        ("log.entries[0].request.headersSize: expected integer", "headers-size-string"),
        ("log.entries[0].response.status: expected integer", "status-fraction"),
        ("log.entries[0].extra: unknown field", "custom-without-underscore"),
        ("log.entries[0].cache: missing", "no-cache"),
        ("log.entries[1].request.postData: needs text or params", "postdata-empty"),
        ("log.entries[1].request.cookies[0].httpOnly: expected bool", "cookie-bool"),
        ("log.entries[0].pageref: no page", "dangling-pageref"),
    ])
    func rejects(_ expected: String, _ mutation: String) throws {
        let found = try problems { har in
            var log = har["log"] ?? .null
            var entry0 = log["entries"]?[0] ?? .null
            var entry1 = log["entries"]?[1] ?? .null
            switch mutation {
            case "version": log["version"] = nil
            case "version-1.1": log["version"] = .string("1.1")
            case "creator-name": log["creator"]?["name"] = nil
            case "negative-send": entry0["timings"]?["send"] = .number(-1); entry0["time"] = .number(2.04)
            case "dns-minus-2": entry0["timings"]?["dns"] = .number(-2)
            case "no-wait": entry0["timings"]?["wait"] = nil
            case "wrong-time": entry0["time"] = .number(99)
            case "bad-date": entry0["startedDateTime"] = .string("May 1st, 2024")
            case "no-mime": entry0["response"]?["content"]?["mimeType"] = nil
            case "header-no-value": entry0["request"]?["headers"]?[0]?["value"] = nil
            case "headers-size-string": entry0["request"]?["headersSize"] = .string("-1")
            case "status-fraction": entry0["response"]?["status"] = .number(200.5)
            case "custom-without-underscore": entry0["extra"] = .bool(true)
            case "no-cache": entry0["cache"] = nil
            case "postdata-empty": entry1["request"]?["postData"]?["text"] = nil
            case "cookie-bool": entry1["request"]?["cookies"]?[0]?["httpOnly"] = .string("yes")
            case "dangling-pageref": entry0["pageref"] = .string("page_1")
            default: Issue.record("unknown mutation \(mutation)")
            }
            log["entries"]?[0] = entry0
            log["entries"]?[1] = entry1
            har["log"] = log
        }
        #expect(found.contains { $0.hasPrefix(expected) }, "expected '\(expected)' among \(found)")
    }
}
