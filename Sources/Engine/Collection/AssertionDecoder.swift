/// Decoding of `assert`: one subject per assertion (status, header, body, jsonpath, duration) and its checks.
///
/// Subjects without an argument (status, body, duration) take their predicate as their value (a scalar means
/// `==`, a list means `in`, an object holds operators); subjects with an argument (header, jsonpath) take
/// operators as sibling keys. `equals` is an alias of `==`.
extension CollectionDecoder {
    static let subjects = ["status", "header", "body", "jsonpath", "duration"]
    static let numericOperators = ["==", "equals", "!=", "<", "<=", ">", ">="]
    static let statusOperators = numericOperators + ["in"]
    static let bodyOperators = ["==", "equals", "!=", "contains", "notContains", "matches"]
    static let headerOperators = ["==", "equals", "!=", "contains", "notContains", "matches", "exists", "in"]
    static let jsonPathOperators = ["==", "equals", "!=", "<", "<=", ">", ">=", "contains", "notContains", "matches",
                                    "exists", "type", "count", "in"]
    static let typeNames = ["string", "number", "boolean", "array", "object", "null"]

    mutating func decodeAssertions(_ node: LocatedJSON) -> [Assertion] {
        guard let items = context.array(node, "`assert`") else { return [] }
        var assertions: [Assertion] = []
        for item in items {
            guard let object = context.object(item, "each assertion") else { continue }
            let present = Self.subjects.filter { object.has($0) }
            guard let subject = present.first else {
                let before = context.errors.count
                context.checkKeys(object, allowed: Self.subjects + Self.jsonPathOperators, in: "assertion")
                if context.errors.count > before { continue }  // a misspelt subject is reported as an unknown key
                context.fail("an assertion needs a subject: one of \(Self.subjects.joined(separator: ", "))", at: object.location)
                continue
            }
            if present.count > 1 {
                context.fail("an assertion has one subject, found '\(present[0])' and '\(present[1])'; split it into two assertions",
                             at: object.keyLocation(present[1]))
                continue
            }
            guard let value = object[subject] else { continue }
            let assertion: Assertion?
            switch subject {
            case "status": assertion = decodeStatus(object, value)
            case "duration": assertion = decodeDuration(object, value)
            case "body": assertion = decodeBodyAssertion(object, value)
            case "header": assertion = decodeWithArgument(object, value, subject: subject, operators: Self.headerOperators)
            default: assertion = decodeWithArgument(object, value, subject: subject, operators: Self.jsonPathOperators)
            }
            if let assertion { assertions.append(assertion) }
        }
        return assertions
    }

    private mutating func decodeStatus(_ object: ObjectNode, _ value: LocatedJSON) -> Assertion? {
        context.checkKeys(object, allowed: ["status"], in: "status assertion")
        let predicate: Predicate?
        switch value {
        case .number:
            predicate = context.integer(value, "`status`", in: 100...999).map { Predicate([PredicateCheck(op: .equals, expected: .number(Double($0)))]) }
        case .array(let items, _):
            let codes = items.compactMap { context.integer($0, "each status in the list", in: 100...999) }
            predicate = Predicate([PredicateCheck(op: .oneOf, expected: .array(codes.map { .number(Double($0)) }))])
        case .string(let text, let location):
            let chars = Array(text.lowercased())
            if chars.count == 3, let digit = chars[0].wholeNumberValue, (1...5).contains(digit), chars[1] == "x", chars[2] == "x" {
                predicate = Predicate([PredicateCheck(op: .greaterThanOrEqual, expected: .number(Double(digit * 100))),
                                       PredicateCheck(op: .lessThan, expected: .number(Double(digit * 100 + 100)))])
            } else {
                context.fail("`status` string must be a class like \"2xx\" (1xx to 5xx), found \"\(text)\"", at: location)
                predicate = nil
            }
        case .object:
            predicate = decodeOperatorObject(value, what: "`status`", operators: Self.statusOperators, numeric: true)
        case .null, .bool:
            context.fail("`status` must be a code (200), a list ([200, 201]), a class (\"2xx\") or operators ({\">=\": 200}), found \(value.typeName)", at: value.location)
            predicate = nil
        }
        return predicate.map { Assertion(subject: .status, predicate: $0, location: object.location) }
    }

    private mutating func decodeDuration(_ object: ObjectNode, _ value: LocatedJSON) -> Assertion? {
        context.checkKeys(object, allowed: ["duration"], in: "duration assertion")
        let predicate: Predicate?
        switch value {
        case .number(let ms, _): predicate = Predicate([PredicateCheck(op: .equals, expected: .number(ms))])
        case .object: predicate = decodeOperatorObject(value, what: "`duration`", operators: Self.numericOperators, numeric: true)
        default:
            context.fail("`duration` must be operators in milliseconds, e.g. {\"<\": 500}, found \(value.typeName)", at: value.location)
            predicate = nil
        }
        return predicate.map { Assertion(subject: .duration, predicate: $0, location: object.location) }
    }

    private mutating func decodeBodyAssertion(_ object: ObjectNode, _ value: LocatedJSON) -> Assertion? {
        context.checkKeys(object, allowed: ["body"], in: "body assertion")
        let predicate: Predicate?
        switch value {
        case .string:
            context.checkTemplates(in: value)
            predicate = Predicate([PredicateCheck(op: .equals, expected: value.value)])
        case .object:
            predicate = decodeOperatorObject(value, what: "`body`", operators: Self.bodyOperators, numeric: false)
        default:
            context.fail("`body` must be the expected text or operators like {\"contains\": \"abc\"}, found \(value.typeName)", at: value.location)
            predicate = nil
        }
        return predicate.map { Assertion(subject: .body, predicate: $0, location: object.location) }
    }

    /// `{"header": "X", "contains": "v"}` and `{"jsonpath": "$.a", "==": 1}`: operators are sibling keys.
    private mutating func decodeWithArgument(_ object: ObjectNode, _ value: LocatedJSON, subject: String, operators: [String]) -> Assertion? {
        context.checkKeys(object, allowed: [subject] + operators, in: "\(subject) assertion")
        guard let argument = context.string(value, "`\(subject)`") else { return nil }
        let assertionSubject: AssertionSubject
        if subject == "header" {
            if !HTTPSyntax.isToken(argument) { context.fail("invalid header name '\(argument)'", at: value.location) }
            assertionSubject = .header(argument)
        } else {
            if let error = PatternCheck.jsonPathError(argument, what: "assertion", at: value.location) { context.record(error) }
            assertionSubject = .jsonPath(argument)
        }
        var checks: [PredicateCheck] = []
        for member in object.members where member.key != subject && operators.contains(member.key) {
            if let check = decodeCheck(member.key, member.value, what: "'\(member.key)' of the \(subject) assertion", numeric: false) {
                checks.append(check)
            }
        }
        if !object.members.contains(where: { $0.key != subject }) {
            let example = subject == "header" ? "\"exists\": true" : "\"==\": 1"
            context.fail("the \(subject) assertion on '\(argument)' has no check; add an operator, e.g. \(example)", at: object.location)
            return nil
        }
        return Assertion(subject: assertionSubject, predicate: Predicate(checks), location: object.location)
    }

    /// `{">=": 200, "<": 300}` for subjects that take operators as their value.
    private mutating func decodeOperatorObject(_ node: LocatedJSON, what: String, operators: [String], numeric: Bool) -> Predicate? {
        guard let object = context.object(node, what) else { return nil }
        context.checkKeys(object, allowed: operators, in: what)
        if object.members.isEmpty {
            context.fail("\(what) has no operator; use one of \(operators.joined(separator: ", "))", at: node.location)
            return nil
        }
        var checks: [PredicateCheck] = []
        for member in object.members where operators.contains(member.key) {
            if let check = decodeCheck(member.key, member.value, what: "'\(member.key)' in \(what)", numeric: numeric) {
                checks.append(check)
            }
        }
        return Predicate(checks)
    }

    /// One operator and its operand, type-checked.
    private mutating func decodeCheck(_ key: String, _ node: LocatedJSON, what: String, numeric: Bool) -> PredicateCheck? {
        let name = key == "equals" ? "==" : key
        guard let op = PredicateOperator(rawValue: name) else { return nil }
        switch op {
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            return context.number(node, what).map { PredicateCheck(op: op, expected: .number($0)) }
        case .equals, .notEquals:
            if numeric { return context.number(node, what).map { PredicateCheck(op: op, expected: .number($0)) } }
            context.checkTemplates(in: node)
            return PredicateCheck(op: op, expected: node.value)
        case .contains, .notContains:
            context.checkTemplates(in: node)
            return PredicateCheck(op: op, expected: node.value)
        case .matches:
            guard let pattern = context.string(node, what) else { return nil }
            if let error = PatternCheck.regexError(pattern, what: "'matches'", at: node.location) { context.record(error) }
            return PredicateCheck(op: op, expected: .string(pattern))
        case .exists:
            return context.bool(node, what).map { PredicateCheck(op: op, expected: .bool($0)) }
        case .type:
            guard let type = context.string(node, what) else { return nil }
            guard Self.typeNames.contains(type) else {
                context.fail("unknown type '\(type)'\(Suggestions.didYouMean(type, among: Self.typeNames)); types: \(Self.typeNames.joined(separator: ", "))", at: node.location)
                return nil
            }
            return PredicateCheck(op: op, expected: .string(type))
        case .count:
            if case .object = node {
                guard let nested = decodeOperatorObject(node, what: "`count`", operators: Self.numericOperators, numeric: true) else { return nil }
                return PredicateCheck(op: op, expected: node.value, nested: nested)
            }
            return context.integer(node, what).map { PredicateCheck(op: op, expected: .number(Double($0))) }
        case .oneOf:
            guard let items = context.array(node, what) else { return nil }
            if numeric { for item in items { _ = context.number(item, "each value of \(what)") } }
            context.checkTemplates(in: node)
            return PredicateCheck(op: op, expected: node.value)
        }
    }
}
