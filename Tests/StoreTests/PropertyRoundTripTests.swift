import Engine
import PropertyBased
import Testing
@testable import Store

/// Property: the store round-trips every result byte for byte. Random results (arbitrary body bytes,
/// header names and values with control characters and non-ASCII text, redirect and preflight hops,
/// transport errors, effects, assertions, captured JSON values, extreme numbers) are appended, read back on
/// the writer, and read again after reopening the file; both must equal what was appended.
@Suite("Property: store round trip")
struct PropertyRoundTripTests {
    static let texts = [
        "", "a", "Content-Type", "x-dup", "quote \" backslash \\", "nul \u{0} bell \u{7} del \u{7f}",
        "tab\tnewline\ncr\r", "é 日本 🎉", "\u{2028}", "{{token}}", "<secret>", "'; DROP TABLE runs; --",
        String(repeating: "long ", count: 40),
    ]
    static let text = Gen.element(of: texts).map { $0 ?? "" }
    static let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...400)
    static let status = Gen.element(of: [200, 204, 301, 302, 404, 500, 0, 999]).map { $0 ?? 200 }
    static let double = Gen.element(of: [0, -0.0, 0.1, 1e-7, 1e300, -2.5, 1_700_000_000.000_125, Double.leastNonzeroMagnitude]).map { $0 ?? 0 }
    static let headers = zip(text, text).map { HeaderField($0, $1) }.array(of: 0...4)
    static let kind = Gen.element(of: [ExchangeKind.request, .preflight, .redirect]).map { $0 ?? .request }

    /// One exchange; the body's hash is derived from its bytes, as a real one is, so equal hashes mean equal bodies.
    static let exchange = zip(kind, text, headers, status, bytes, Gen.bool, Gen.int(in: 0...3), double).map {
        kind, url, headers, status, body, truncated, shape, time -> Exchange in
        let request = SentRequest(method: url.isEmpty ? "GET" : "PUT", url: "http://127.0.0.1:9/" + url, headers: headers,
                                  bodySize: Int64(body.count))
        let response = ReceivedResponse(httpVersion: shape == 1 ? "2" : "1.1", status: status, reason: url, headers: headers,
                                        bodySize: Int64(body.count) + (truncated ? 7 : 0), bodySHA256: hash(body), body: body,
                                        bodyTruncated: truncated, redirectURL: shape == 2 ? "http://127.0.0.1:9/next" : nil)
        let error = shape == 3 ? TransportError(kind: .readTimeout, message: url, curlCode: 28) : nil
        return Exchange(kind: kind, request: request, response: shape == 3 ? nil : response,
                        timings: Timings(dns: 1, connect: 2, tls: 3, pretransfer: 4, firstByte: Int64(status), total: 99),
                        remoteAddress: shape == 0 ? nil : "127.0.0.1", remotePort: shape == 0 ? nil : 9, startedAt: time, error: error)
    }

    static let json = zip(Gen.int(in: 0...5), text, double).map { choice, text, number -> JSONValue? in
        switch choice {
        case 0: return nil
        case 1: return .null
        case 2: return .number(number)
        case 3: return .string(text)
        case 4: return .array([.bool(true), .string(text), .number(number)])
        default: return .object(JSONObject([(text, .number(number)), ("dup", .null), ("dup", .string(text))]))
        }
    }

    static let result = zip(exchange.array(of: 0...3), text, zip(text, text).array(of: 0...3), json.array(of: 0...3),
                            Gen.element(of: Outcome.allCases), double, Gen.int64(in: 0...Int64.max), Gen.bool).map {
        exchanges, name, effects, captures, outcome, started, duration, errored -> RequestResult in
        let last = exchanges.last { $0.response != nil }?.response
        let observed = last.map {
            ObservedResponse(url: "http://127.0.0.1:9/" + name, httpVersion: $0.httpVersion, status: $0.status, headers: $0.headers,
                             bodySize: $0.bodySize, bodySHA256: $0.bodySHA256, body: $0.body, bodyTruncated: $0.bodyTruncated)
        }
        return RequestResult(
            index: 0, requestID: name, name: name, groupPath: [name, "g"], method: "GET", url: "http://127.0.0.1:9/" + name,
            exchanges: exchanges, observed: errored ? nil : observed,
            pythonError: errored ? PythonError(type: "httpx.ReadTimeout", message: name) : nil,
            error: errored ? TransportError(kind: .readTimeout, message: name, curlCode: 28) : nil,
            effects: effects.map { Effect($0.0, $0.1) },
            assertions: [AssertionResult(description: name, passed: errored, expected: name, actual: name, message: errored ? nil : name)],
            captures: captures.enumerated().map { CaptureResult(name: "c\($0.offset)", value: $0.element, secret: $0.offset == 1,
                                                                error: $0.element == nil ? name : nil) },
            outcome: outcome ?? .passed, expectationNote: errored ? name : nil, startedAt: started, durationMicros: duration)
    }

    /// A stand-in for SHA-256 that is injective (the hex of the bytes, with the length), so two different
    /// bodies never share a `bodies` row.
    static func hash(_ body: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return "\(body.count):" + String(body.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    @Test("random results come back equal, on the writer and after reopening")
    func roundTrip() async throws {
        let directory = TemporaryDirectory()
        var written: [(runID: Int64, results: [RequestResult])] = []
        do {
            let store = try RunStore.open(path: directory.database)
            await propertyCheck(count: 60, input: Self.result.array(of: 1...4)) { generated in
                let results = generated.enumerated().map { var r = $0.element; r.index = $0.offset; return r }
                do {
                    let runID = try store.beginRun(Sample.info(), plannedRequests: results.count)
                    for result in results { try store.append(runID: runID, result: result) }
                    let back = try store.results(runID: runID)
                    #expect(back == results)
                    for (got, want) in zip(back, results) where got != want {
                        #expect(got.exchanges == want.exchanges)
                        #expect(got.observed == want.observed)
                        #expect(got.captures == want.captures)
                    }
                    try store.finishRun(runID: runID, status: .completed, counts: RunCounts(), endedAt: 1_700_000_100)
                    written.append((runID, results))
                } catch {
                    Issue.record("store error: \(error)")
                }
            }
        }
        let reader = try RunStore.open(path: directory.database)
        #expect(written.count == 60)
        for (runID, results) in written {
            #expect(try reader.results(runID: runID) == results, "run \(runID) after reopening")
        }
    }
}
