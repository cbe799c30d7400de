/// Evaluates declarative assertions (`status`, `header`, `body`, `jsonpath`, `duration`) against a response.
///
/// A predicate with several checks passes only when all of them do; the result reports the first that fails.
public enum AssertionEvaluator {
    /// Evaluates `assertion`, parsing the body as JSON when a JSONPath subject needs it.
    public static func evaluate(_ assertion: Assertion, response: ObservedResponse?, durationMicros: Int64) -> AssertionResult {
        evaluate(assertion, response: response, parsedBody: nil, durationMicros: durationMicros)
    }

    /// Evaluates `assertion` with the body already parsed as JSON; `nil` parses it here when needed
    /// (and is how a body that is not JSON is reported).
    public static func evaluate(_ assertion: Assertion, response: ObservedResponse?, parsedBody: JSONValue?,
                                durationMicros: Int64) -> AssertionResult {
        let value = AssertionSubjectValue.resolve(assertion.subject, response: response, durationMicros: durationMicros) {
            if let parsedBody { return .success(parsedBody) }
            guard let response else { return .failure(InputError("no response")) }
            return ResponseBodyReader.json(response)
        }
        return evaluate(assertion, value: value)
    }

    /// Evaluates `assertion` with a body the caller has already tried to parse as JSON (`bodyIsJSONChecked`):
    /// `parsedBody == nil` then means the body is not JSON, and it is parsed again only to word the error.
    /// With `bodyIsJSONChecked == false` this is `evaluate(_:response:parsedBody:durationMicros:)`.
    public static func evaluate(_ assertion: Assertion, response: ObservedResponse?, parsedBody: JSONValue?,
                                bodyIsJSONChecked: Bool, durationMicros: Int64) -> AssertionResult {
        evaluate(assertion, response: response, parsedBody: parsedBody, durationMicros: durationMicros)
    }

    /// Evaluates `assertion` with the outcome of parsing the body as JSON, as `parseBody(_:)` returns it,
    /// so a caller can parse once per response and report the same parse error for every assertion.
    public static func evaluate(_ assertion: Assertion, response: ObservedResponse?,
                                bodyJSON: Result<JSONValue, InputError>, durationMicros: Int64) -> AssertionResult {
        let value = AssertionSubjectValue.resolve(assertion.subject, response: response, durationMicros: durationMicros) {
            bodyJSON
        }
        return evaluate(assertion, value: value)
    }

    /// The body parsed as JSON, or an error whose message reads `body is not JSON: …`.
    public static func parseBody(_ response: ObservedResponse) -> Result<JSONValue, InputError> {
        ResponseBodyReader.json(response)
    }

    private static func evaluate(_ assertion: Assertion, value: AssertionSubjectValue) -> AssertionResult {
        let description = AssertionText.description(assertion)
        let checks = assertion.predicate.checks
        var outcomes: [AssertionCheckOutcome] = []
        for check in checks {
            var outcome = AssertionCheck.evaluate(check, on: value, subject: assertion.subject)
            if checks.count > 1 { outcome.expected = prefixed(outcome.expected, check) }
            if !outcome.passed {
                return AssertionResult(description: description, passed: false, expected: outcome.expected,
                                       actual: outcome.actual, message: outcome.message)
            }
            outcomes.append(outcome)
        }
        return AssertionResult(description: description, passed: true,
                               expected: outcomes.map(\.expected).joined(separator: ", "),
                               actual: outcomes.first?.actual ?? AssertionText.actual(value))
    }

    /// With several checks, each expected value carries its operator (`< 300`) so the failing one is clear.
    private static func prefixed(_ expected: String, _ check: PredicateCheck) -> String {
        switch check.op {
        case .exists, .type: return expected
        case .count: return check.nested == nil ? "count \(expected)" : expected
        default: return "\(check.op.rawValue) \(expected)"
        }
    }
}
