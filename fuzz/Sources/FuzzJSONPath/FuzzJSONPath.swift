import Engine
import FuzzSupport

/// Fuzz target: RFC 9535 JSONPath (lexer, parser, filters, I-Regexp, evaluation) and the assertion and
/// capture evaluators. The input is NUL-separated: a JSONPath expression, a response body, then control
/// bytes (assertion subject, operators, header names, the status) and an expected value as JSON text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = FuzzInputSplit.parts(data, size, maxParts: 4)
    let pathText = String(decoding: parts[0], as: UTF8.self)
    let body = parts.count > 1 ? parts[1] : []
    var control = FuzzInput(bytes: parts.count > 2 ? parts[2] : [])
    let expectedText = parts.count > 3 ? String(decoding: parts[3], as: UTF8.self) : ""

    let document = try? JSONParser.parse(body)
    if let path = try? JSONPath.compile(pathText) {
        _ = path.isSingular
        if let document {
            _ = path.query(document)
            for (location, _) in path.queryPaths(document).prefix(4) {
                // A normalized path must itself compile and select a single node.
                _ = try? JSONPath.compile(location)
            }
        }
    }
    _ = JSONPath.escapedMemberName(expectedText)

    let headerNames = ["Content-Type", "X-Id", "Set-Cookie", "content-type", "ETag"]
    var headers: [HeaderField] = []
    for _ in 0..<control.int(in: 0...4) {
        headers.append(HeaderField(control.token(headerNames, maxCount: 16), control.string(maxCount: 32)))
    }
    let response = control.bool() ? nil : ObservedResponse(
        url: "http://127.0.0.1:9000/fuzz", httpVersion: "1.1", status: control.int(in: 0...999), headers: headers,
        bodySize: Int64(body.count), bodySHA256: "", body: body, bodyTruncated: control.bool())
    let expected = (try? JSONParser.parse(expectedText)) ?? .string(expectedText)
    let subject: AssertionSubject
    switch control.int(in: 0...4) {
    case 0: subject = .status
    case 1: subject = .header(control.token(headerNames, maxCount: 16))
    case 2: subject = .body
    case 3: subject = .jsonPath(pathText)
    default: subject = .duration
    }
    var checks: [PredicateCheck] = []
    for _ in 0..<control.int(in: 1...3) {
        let op = control.pick(PredicateOperator.allCases)
        let nested = op == .count && control.bool()
            ? Predicate([PredicateCheck(op: control.pick(PredicateOperator.allCases), expected: expected)]) : nil
        checks.append(PredicateCheck(op: op, expected: expected, nested: nested))
    }
    let assertion = Assertion(subject: subject, predicate: Predicate(checks))
    let duration = Int64(control.int(in: 0...65_535)) * 1000
    _ = AssertionEvaluator.evaluate(assertion, response: response, durationMicros: duration)
    if let response {
        _ = AssertionEvaluator.evaluate(assertion, response: response, bodyJSON: AssertionEvaluator.parseBody(response),
                                        durationMicros: duration)
    }
    let source: CaptureSource
    switch control.int(in: 0...2) {
    case 0: source = .jsonPath(pathText)
    case 1: source = .header(control.token(headerNames, maxCount: 16))
    default: source = .regex(expectedText, group: control.int(in: 0...3))
    }
    _ = CaptureEvaluator.capture(Capture(name: "value", source: source), response: response, parsedBody: document)
    return 0
}
