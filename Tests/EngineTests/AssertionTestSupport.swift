import Testing
@testable import Engine

/// Fixtures shared by the assertion and capture test suites.
enum AssertionTestSupport {
    static let longText = String(repeating: "0123456789", count: 25)

    /// A compact JSON body with a bit of everything.
    static let bodyText = #"{"id":7,"name":"Ada","price":9.5,"tags":["x","y"],"items":[{"id":1},{"id":2},{"id":3}],"#
        + #""meta":{"k":"v","n":null},"flag":true,"nothing":null,"token":"s3cr3t","long":"\#(longText)"}"#

    static func response(status: Int = 201, headers: [HeaderField]? = nil, body: [UInt8]? = nil,
                         truncated: Bool = false, bodySize: Int64? = nil) -> ObservedResponse {
        let bytes = body ?? Array(bodyText.utf8)
        return ObservedResponse(
            url: "http://127.0.0.1:8080/things", httpVersion: "1.1", status: status,
            headers: headers ?? [
                HeaderField("Content-Type", "application/json; charset=utf-8"),
                HeaderField("Set-Cookie", "a=1"),
                HeaderField("set-cookie", "b=2"),
                HeaderField("Content-Length", "123"),
                HeaderField("X-Empty", ""),
            ],
            bodySize: bodySize ?? Int64(bytes.count), bodySHA256: "", body: bytes, bodyTruncated: truncated)
    }

    static func response(text: String) -> ObservedResponse { response(body: Array(text.utf8)) }

    static let standard = response()
    static let durationMicros: Int64 = 123_456

    static func evaluate(_ subject: AssertionSubject, _ checks: [PredicateCheck],
                         response: ObservedResponse? = standard) -> AssertionResult {
        AssertionEvaluator.evaluate(Assertion(subject: subject, predicate: Predicate(checks)),
                                    response: response, durationMicros: durationMicros)
    }
}

/// A JSON value written as a Swift literal in test tables (`201`, `"json"`, `[200, 201]`, `["k": "v"]`).
/// A wrapper rather than literal conformances on `JSONValue`, so the tests add nothing to the model.
struct AssertionJSONLiteral: Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    var value: JSONValue

    init(_ value: JSONValue) { self.value = value }
    init(integerLiteral value: Int) { self.value = .number(Double(value)) }
    init(floatLiteral value: Double) { self.value = .number(value) }
    init(stringLiteral value: String) { self.value = .string(value) }
    init(booleanLiteral value: Bool) { self.value = .bool(value) }
    init(arrayLiteral elements: AssertionJSONLiteral...) { self.value = .array(elements.map(\.value)) }
    init(dictionaryLiteral elements: (String, AssertionJSONLiteral)...) {
        self.value = .object(JSONObject(elements.map { (key: $0.0, value: $0.1.value) }))
    }

    static let null = AssertionJSONLiteral(.null)
    static func string(_ text: String) -> AssertionJSONLiteral { AssertionJSONLiteral(.string(text)) }
    static func number(_ n: Double) -> AssertionJSONLiteral { AssertionJSONLiteral(.number(n)) }
}
