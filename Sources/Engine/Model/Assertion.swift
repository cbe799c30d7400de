/// An assertion on a response, without code: a subject and a predicate.
public struct Assertion: Sendable {
    public var subject: AssertionSubject
    public var predicate: Predicate
    public var location: SourceLocation?
    public init(subject: AssertionSubject, predicate: Predicate, location: SourceLocation? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.location = location
    }
}

/// What an assertion looks at.
public enum AssertionSubject: Sendable, Hashable {
    /// The HTTP status code Python sees.
    case status
    /// A response header visible to Python (case-insensitive name; repeated values joined with `, `).
    case header(String)
    /// The response body as text.
    case body
    /// An RFC 9535 JSONPath query over the body parsed as JSON.
    case jsonPath(String)
    /// The whole request's duration in milliseconds (redirects and preflights included).
    case duration
}

/// A comparison operator with its expected value.
public enum PredicateOperator: String, Sendable, Hashable, CaseIterable {
    case equals = "=="
    case notEquals = "!="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case contains
    case notContains
    case matches
    case exists
    /// The JSON type: `string`, `number`, `boolean`, `array`, `object`, `null`.
    case type
    /// The number of nodes a JSONPath selects, or the size of the array/object/string it selects.
    case count
    /// Membership in a set of values (`"status": [200, 201]`).
    case oneOf = "in"
}

/// One or more operators that must all hold (`{">=": 200, "<": 300}`).
public struct Predicate: Sendable, Hashable {
    public var checks: [PredicateCheck]
    public init(_ checks: [PredicateCheck]) { self.checks = checks }
}

/// One operator and its expected value. For `count`, `expected` may be a number or a nested predicate object.
public struct PredicateCheck: Sendable, Hashable {
    public var op: PredicateOperator
    public var expected: JSONValue
    /// For `count` with an object value (`{"count": {">=": 1}}`).
    public var nested: Predicate?
    public init(op: PredicateOperator, expected: JSONValue, nested: Predicate? = nil) {
        self.op = op
        self.expected = expected
        self.nested = nested
    }
}

/// A value taken from a response into a variable for later requests.
public struct Capture: Sendable {
    public var name: String
    public var source: CaptureSource
    /// Secret captures are redacted before storage and display.
    public var secret: Bool
    public var location: SourceLocation?
    public init(name: String, source: CaptureSource, secret: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.source = source
        self.secret = secret
        self.location = location
    }
}

/// Where a capture reads its value.
public enum CaptureSource: Sendable, Hashable {
    /// The first node an RFC 9535 JSONPath selects (typed JSON value).
    case jsonPath(String)
    /// A visible response header's value.
    case header(String)
    /// A regular expression over the body text; the value is the given capture group (0 = whole match).
    case regex(String, group: Int)
    /// The status code (a number).
    case status
}
