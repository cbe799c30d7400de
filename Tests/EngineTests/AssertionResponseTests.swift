import Testing
@testable import Engine

/// Assertions when there is no response, a body that is not JSON or not UTF-8, and the parsed-body overloads.
@Suite struct AssertionResponseTests {
    typealias S = AssertionTestSupport

    private func assertion(_ subject: AssertionSubject, _ op: PredicateOperator, _ expected: AssertionJSONLiteral) -> Assertion {
        Assertion(subject: subject, predicate: Predicate([PredicateCheck(op: op, expected: expected.value)]))
    }

    @Test func noResponseFailsEverySubjectButDuration() {
        for subject: AssertionSubject in [.status, .header("X"), .body, .jsonPath("$.a")] {
            let result = S.evaluate(subject, [PredicateCheck(op: .equals, expected: .number(200))], response: nil)
            #expect(!result.passed)
            #expect(result.actual == "<absent>")
            #expect(result.message == "no response")
            let absent = S.evaluate(subject, [PredicateCheck(op: .exists, expected: .bool(false))], response: nil)
            #expect(absent.passed)
        }
        let duration = S.evaluate(.duration, [PredicateCheck(op: .lessThan, expected: .number(500))], response: nil)
        #expect(duration.passed)
        #expect(duration.actual == "123.456 ms")
    }

    @Test func bodyThatIsNotJSONFailsJSONPathAssertions() {
        let html = S.response(text: "<html>oops</html>")
        for op in [PredicateOperator.equals, .exists, .count, .type] {
            let expected: JSONValue = op == .exists ? .bool(false) : (op == .type ? .string("null") : .number(1))
            let result = S.evaluate(.jsonPath("$.a"), [PredicateCheck(op: op, expected: expected)], response: html)
            #expect(!result.passed, "\(op)")
            #expect(result.message == "body is not JSON: unexpected '<', expected a value (line 1, column 1)", "\(op)")
            #expect(result.actual == "<html>oops</html>", "\(op)")
        }
    }

    @Test func truncatedBodyIsNamedInTheParseError() {
        let response = S.response(body: Array(#"{"a":"#.utf8), truncated: true, bodySize: 1000)
        let result = S.evaluate(.jsonPath("$.a"), [PredicateCheck(op: .exists, expected: .bool(true))], response: response)
        #expect(result.message == "body is not JSON: unexpected end of file, expected a value (line 1, column 6); only the first 5 of 1000 bytes were kept")
    }

    @Test func invalidUTF8IsDecodedLossily() {
        let response = S.response(body: [0x61, 0xFF, 0x62])
        let result = S.evaluate(.body, [PredicateCheck(op: .equals, expected: .string("a\u{FFFD}b"))], response: response)
        #expect(result.passed)
        #expect(result.actual == "a\u{FFFD}b")
    }

    @Test func parsedBodyIsUsedWhenGiven() {
        let response = S.response(text: "not json at all")
        let given = JSONValue.object(JSONObject([(key: "a", value: .number(1))]))
        let result = AssertionEvaluator.evaluate(assertion(.jsonPath("$.a"), .equals, 1), response: response,
                                                 parsedBody: given, durationMicros: 0)
        #expect(result.passed)
        let parsedHere = AssertionEvaluator.evaluate(assertion(.jsonPath("$.a"), .equals, 1), response: response,
                                                     parsedBody: nil, durationMicros: 0)
        #expect(parsedHere.message == "body is not JSON: invalid literal, expected 'null' (line 1, column 2)")
    }

    @Test func parseOutcomeCanBeCachedByTheCaller() {
        let good = S.standard
        let parsed = AssertionEvaluator.parseBody(good)
        let ok = AssertionEvaluator.evaluate(assertion(.jsonPath("$.name"), .equals, "Ada"), response: good,
                                             bodyJSON: parsed, durationMicros: 0)
        #expect(ok.passed)
        let bad = S.response(text: "[1,")
        let failure = AssertionEvaluator.parseBody(bad)
        guard case .failure(let error) = failure else {
            Issue.record("[1, parsed")
            return
        }
        #expect(error.message == "body is not JSON: unexpected end of file, expected a value (line 1, column 4)")
        let result = AssertionEvaluator.evaluate(assertion(.jsonPath("$[0]"), .equals, 1), response: bad,
                                                 bodyJSON: failure, durationMicros: 0)
        #expect(!result.passed)
        #expect(result.message == error.message)
    }

    @Test func nonJSONSubjectsDoNotNeedAJSONBody() {
        let html = S.response(text: "<html>oops</html>")
        #expect(S.evaluate(.body, [PredicateCheck(op: .contains, expected: .string("oops"))], response: html).passed)
        #expect(S.evaluate(.status, [PredicateCheck(op: .equals, expected: .number(201))], response: html).passed)
    }

    @Test func invalidRegularExpressionIsReported() {
        let result = S.evaluate(.header("Content-Type"), [PredicateCheck(op: .matches, expected: .string("["))])
        #expect(!result.passed)
        #expect(result.message?.hasPrefix("invalid regular expression [: ") == true, "\(result.message ?? "")")
    }

    @Test func longHeaderActualIsTruncated() {
        let long = String(repeating: "abcdefghij", count: 30)
        let response = S.response(headers: [HeaderField("X-Long", long)])
        let result = S.evaluate(.header("X-Long"), [PredicateCheck(op: .equals, expected: .string("x"))], response: response)
        #expect(result.actual == String(long.prefix(200)) + "…")
        #expect(result.actual.count == 201)
    }

    @Test func containsUsesTheExpectedValuesText() {
        let response = S.response(headers: [HeaderField("X-Count", "total=42")])
        #expect(S.evaluate(.header("X-Count"), [PredicateCheck(op: .contains, expected: .number(42))], response: response).passed)
        #expect(S.evaluate(.body, [PredicateCheck(op: .contains, expected: .bool(true))]).passed)
    }
}
