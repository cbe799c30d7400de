/// The verdict on one operator of a predicate.
struct AssertionCheckOutcome {
    var passed: Bool
    var expected: String
    var actual: String
    var message: String?
}

/// Applies one `PredicateCheck` to a resolved subject.
enum AssertionCheck {
    static func evaluate(_ check: PredicateCheck, on value: AssertionSubjectValue,
                         subject: AssertionSubject) -> AssertionCheckOutcome {
        let expectedText = AssertionText.value(check.expected, in: subject, quoted: false)
        let actualText = AssertionText.actual(value)
        func outcome(_ passed: Bool, _ message: String? = nil) -> AssertionCheckOutcome {
            AssertionCheckOutcome(passed: passed, expected: expectedText, actual: actualText, message: passed ? nil : message)
        }
        switch check.op {
        case .exists:
            return exists(check, value)
        case .count:
            return count(check, value, subject: subject)
        default:
            break
        }
        if let missing = value.missing {
            return AssertionCheckOutcome(passed: false, expected: expectedText, actual: missing.actual, message: missing.message)
        }
        switch check.op {
        case .equals:
            return outcome(equals(value, check.expected))
        case .notEquals:
            return outcome(!equals(value, check.expected))
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            switch order(value, check.expected, op: check.op) {
            case .success(let passed): return outcome(passed)
            case .failure(let message): return outcome(false, message.text)
            }
        case .contains, .notContains:
            switch contains(value, check.expected) {
            case .success(let found): return outcome(check.op == .contains ? found : !found)
            case .failure(let message): return outcome(false, message.text)
            }
        case .matches:
            switch matches(value, check.expected) {
            case .success(let found): return outcome(found)
            case .failure(let message): return outcome(false, message.text)
            }
        case .type:
            return type(check, value)
        case .oneOf:
            guard case .array(let options) = check.expected else {
                return outcome(false, "in needs a list of values, for example [200, 201]")
            }
            return outcome(options.contains { equals(value, $0) })
        case .exists, .count:
            return outcome(false)
        }
    }

    /// A sentence explaining why a check could not be applied.
    struct Problem: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Equality: JSON equality for JSON values; the expected value's text for header and body;
    /// status also equals its decimal text (`"200"`).
    static func equals(_ value: AssertionSubjectValue, _ expected: JSONValue) -> Bool {
        switch value {
        case .status(let code):
            if case .string(let text) = expected { return text == String(code) }
            if case .number(let n) = expected { return n == Double(code) }
            return false
        case .text(let text):
            return JSONPathComparison.scalarsEqual(text, expected.templateText)
        case .duration(let ms):
            if case .number(let n) = expected { return n == ms }
            return false
        case .json(let json):
            return JSONPathComparison.equal(json, expected)
        case .nodes(let nodes):
            return JSONPathComparison.equal(.array(nodes), expected)
        case .absent, .noNodes, .failed:
            return false
        }
    }

    /// `<`, `<=`, `>`, `>=`: numbers numerically, strings by Unicode scalars; a header compares as a
    /// number when the expected value is one.
    static func order(_ value: AssertionSubjectValue, _ expected: JSONValue,
                      op: PredicateOperator) -> Result<Bool, Problem> {
        let less: Bool
        let equal: Bool
        switch (value, expected) {
        case (.status(let code), .number(let n)):
            (less, equal) = (Double(code) < n, Double(code) == n)
        case (.duration(let ms), .number(let n)):
            (less, equal) = (ms < n, ms == n)
        case (.json(.number(let actual)), .number(let n)):
            (less, equal) = (actual < n, actual == n)
        case (.json(.string(let actual)), .string(let s)), (.text(let actual), .string(let s)):
            (less, equal) = (JSONPathComparison.scalarsLess(actual, s), JSONPathComparison.scalarsEqual(actual, s))
        case (.text(let text), .number(let n)):
            guard let actual = decimal(text) else {
                return .failure(Problem("cannot compare \"\(AssertionText.truncated(text))\" with a number: it is not a number"))
            }
            (less, equal) = (actual < n, actual == n)
        default:
            return .failure(Problem("cannot compare \(value.kindPhrase) with \(AssertionText.article(expected.typeName)) using \(op.rawValue)"))
        }
        switch op {
        case .lessThan: return .success(less)
        case .lessThanOrEqual: return .success(less || equal)
        case .greaterThan: return .success(!less && !equal)
        default: return .success(!less)
        }
    }

    /// A plain decimal number (`12`, `-3.5`, `1e3`), not `inf`, `nan` or hex.
    private static func decimal(_ text: String) -> Double? {
        let trimmed = text.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        var body = Substring(trimmed)
        while let last = body.last, last == " " || last == "\t" { body.removeLast() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(body)
    }

    /// Substring for strings, element for arrays and node lists, key for objects.
    static func contains(_ value: AssertionSubjectValue, _ expected: JSONValue) -> Result<Bool, Problem> {
        switch value {
        case .text(let text):
            return .success(text.contains(expected.templateText))
        case .json(.string(let text)):
            guard case .string(let needle) = expected else {
                return .failure(Problem("contains on a string needs a string, not \(AssertionText.article(expected.typeName))"))
            }
            return .success(text.contains(needle))
        case .json(.array(let items)), .nodes(let items):
            return .success(items.contains { JSONPathComparison.equal($0, expected) })
        case .json(.object(let object)):
            guard case .string(let key) = expected else {
                return .failure(Problem("contains on an object needs a key (a string), not \(AssertionText.article(expected.typeName))"))
            }
            return .success(object.member(named: key) != nil)
        default:
            return .failure(Problem("contains needs a string, an array or an object, not \(value.kindPhrase)"))
        }
    }

    /// A Swift regular expression searched for in the value's text (`^…$` anchors it).
    static func matches(_ value: AssertionSubjectValue, _ expected: JSONValue) -> Result<Bool, Problem> {
        guard case .string(let pattern) = expected else {
            return .failure(Problem("matches needs a regular expression (a string), not \(AssertionText.article(expected.typeName))"))
        }
        let text: String
        switch value {
        case .text(let s), .json(.string(let s)): text = s
        case .status(let code): text = String(code)
        default:
            return .failure(Problem("matches needs a string, not \(value.kindPhrase)"))
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            return .failure(Problem("invalid regular expression \(pattern): \(error)"))
        }
        return .success(text.firstMatch(of: regex) != nil)
    }

    static let typeNames = ["string", "number", "integer", "boolean", "array", "object", "null"]

    private static func type(_ check: PredicateCheck, _ value: AssertionSubjectValue) -> AssertionCheckOutcome {
        let expectedText = check.expected.stringValue ?? check.expected.serialized()
        if let missing = value.missing {
            return AssertionCheckOutcome(passed: false, expected: expectedText, actual: missing.actual, message: missing.message)
        }
        let actual = value.typeName
        guard case .string(let wanted) = check.expected, typeNames.contains(wanted) else {
            return AssertionCheckOutcome(passed: false, expected: expectedText, actual: actual,
                                         message: "type must be one of \(typeNames.joined(separator: ", "))")
        }
        var passed = wanted == actual
        if wanted == "integer" {
            switch value {
            case .status: passed = true
            case .json(.number(let n)), .duration(let n): passed = n.isFinite && n == n.rounded()
            default: passed = false
            }
        }
        return AssertionCheckOutcome(passed: passed, expected: wanted, actual: actual)
    }

    private static func exists(_ check: PredicateCheck, _ value: AssertionSubjectValue) -> AssertionCheckOutcome {
        if case .failed(let message, let actual) = value {
            return AssertionCheckOutcome(passed: false, expected: existsText(check.expected), actual: actual, message: message)
        }
        guard case .bool(let wanted) = check.expected else {
            return AssertionCheckOutcome(passed: false, expected: check.expected.serialized(), actual: AssertionText.actual(value),
                                         message: "exists needs true or false")
        }
        let present = value.missing == nil
        return AssertionCheckOutcome(passed: present == wanted, expected: existsText(check.expected),
                                     actual: AssertionText.actual(value))
    }

    private static func existsText(_ expected: JSONValue) -> String {
        expected == .bool(false) ? AssertionText.absent : "present"
    }

    /// `count`: array length, object size, string length (Unicode scalars), or the number of nodes selected.
    private static func count(_ check: PredicateCheck, _ value: AssertionSubjectValue,
                              subject: AssertionSubject) -> AssertionCheckOutcome {
        let expectedText = check.nested == nil ? check.expected.serialized() : AssertionText.check(check, subject: subject)
        let size: Int
        switch value {
        case .noNodes: size = 0
        case .nodes(let nodes): size = nodes.count
        case .json(.array(let items)): size = items.count
        case .json(.object(let object)): size = object.distinctMembers.count
        case .json(.string(let s)), .text(let s): size = s.unicodeScalars.count
        default:
            if let missing = value.missing {
                return AssertionCheckOutcome(passed: false, expected: expectedText, actual: missing.actual, message: missing.message)
            }
            return AssertionCheckOutcome(passed: false, expected: expectedText, actual: AssertionText.actual(value),
                                         message: "count needs an array, an object or a string, not \(value.kindPhrase)")
        }
        if let nested = check.nested {
            let counted = AssertionSubjectValue.json(.number(Double(size)))
            for inner in nested.checks {
                let result = evaluate(inner, on: counted, subject: .jsonPath(""))
                if !result.passed {
                    return AssertionCheckOutcome(passed: false, expected: "\(inner.op.rawValue) \(result.expected)",
                                                 actual: "\(size)", message: result.message)
                }
            }
            return AssertionCheckOutcome(passed: true, expected: expectedText, actual: "\(size)")
        }
        guard case .number(let wanted) = check.expected else {
            return AssertionCheckOutcome(passed: false, expected: expectedText, actual: "\(size)",
                                         message: "count needs a number or a predicate such as {\">=\": 1}")
        }
        return AssertionCheckOutcome(passed: Double(size) == wanted, expected: expectedText, actual: "\(size)")
    }
}
