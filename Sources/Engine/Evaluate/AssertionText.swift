/// How assertions read in results: descriptions (`header Content-Type contains "json"`) and value texts.
enum AssertionText {
    /// What an absent subject shows as its actual value.
    static let absent = "<absent>"
    /// Actual values longer than this many characters are cut, with an ellipsis.
    static let maxActualLength = 200

    static func truncated(_ text: String) -> String {
        guard text.count > maxActualLength else { return text }
        return String(text.prefix(maxActualLength)) + "…"
    }

    static func article(_ noun: String) -> String {
        guard let first = noun.first else { return noun }
        return ("aeiou".contains(first) ? "an " : "a ") + noun
    }

    static func number(_ n: Double) -> String { JSONValue.format(number: n) }

    static func subject(_ subject: AssertionSubject) -> String {
        switch subject {
        case .status: return "status"
        case .header(let name): return "header \(name)"
        case .body: return "body"
        case .jsonPath(let path): return "jsonpath \(path)"
        case .duration: return "duration"
        }
    }

    /// The whole assertion: subject and every check, e.g. `status >= 200, < 300`.
    static func description(_ assertion: Assertion) -> String {
        let checks = assertion.predicate.checks.map { check($0, subject: assertion.subject) }
        guard !checks.isEmpty else { return subject(assertion.subject) }
        return subject(assertion.subject) + " " + checks.joined(separator: ", ")
    }

    /// One check: `== 200`, `contains "json"`, `exists`, `does not exist`, `type string`, `count >= 1`.
    static func check(_ check: PredicateCheck, subject: AssertionSubject) -> String {
        switch check.op {
        case .exists:
            switch check.expected {
            case .bool(true): return "exists"
            case .bool(false): return "does not exist"
            default: return "exists \(check.expected.serialized())"
            }
        case .type:
            return "type \(check.expected.stringValue ?? check.expected.serialized())"
        case .count:
            if let nested = check.nested, !nested.checks.isEmpty {
                return "count " + nested.checks.map { self.check($0, subject: .jsonPath("")) }.joined(separator: ", ")
            }
            return "count == \(check.expected.serialized())"
        default:
            return "\(check.op.rawValue) \(value(check.expected, in: subject, quoted: true))"
        }
    }

    /// An expected value: JSON text (strings unquoted for headers and body unless `quoted`), durations in ms.
    static func value(_ value: JSONValue, in subject: AssertionSubject, quoted: Bool) -> String {
        switch subject {
        case .duration:
            if case .number(let n) = value { return "\(number(n)) ms" }
            return value.serialized()
        case .header, .body:
            return quoted ? value.serialized() : value.templateText
        case .status, .jsonPath:
            return value.serialized()
        }
    }

    /// The actual value of a subject, truncated.
    static func actual(_ value: AssertionSubjectValue) -> String {
        switch value {
        case .status(let code): return "\(code)"
        case .text(let text): return truncated(text)
        case .duration(let ms): return "\(number(ms)) ms"
        case .json(let json): return truncated(json.serialized())
        case .nodes(let nodes): return truncated(JSONValue.array(nodes).serialized())
        case .absent, .noNodes: return absent
        case .failed(_, let actual): return actual
        }
    }
}
