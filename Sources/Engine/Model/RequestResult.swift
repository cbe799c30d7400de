/// What a profile changed about a request, and why: a stable code plus a sentence.
public struct Effect: Sendable, Hashable, CustomStringConvertible {
    /// Stable code, e.g. `header-dropped`, `cors-blocked`, `timeout-not-enforced`, `option-ignored`.
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}

/// The exception Python code would catch, e.g. `httpx.ConnectError`, with its message.
public struct PythonError: Sendable, Hashable {
    public var type: String
    public var message: String
    public init(type: String, message: String) {
        self.type = type
        self.message = message
    }
}

/// The response as the Python code sees it (after the profile's filtering), or nothing when it got an exception.
public struct ObservedResponse: Sendable, Hashable {
    public var url: String
    public var httpVersion: String
    public var status: Int
    /// Headers visible to Python, in order.
    public var headers: [HeaderField]
    public var bodySize: Int64
    public var bodySHA256: String
    public var body: [UInt8]
    public var bodyTruncated: Bool
    public init(url: String, httpVersion: String, status: Int, headers: [HeaderField], bodySize: Int64,
                bodySHA256: String, body: [UInt8], bodyTruncated: Bool) {
        self.url = url
        self.httpVersion = httpVersion
        self.status = status
        self.headers = headers
        self.bodySize = bodySize
        self.bodySHA256 = bodySHA256
        self.body = body
        self.bodyTruncated = bodyTruncated
    }
}

/// The verdict on one assertion.
public struct AssertionResult: Sendable, Hashable {
    /// A readable form of the assertion, e.g. `status == 200`, `jsonpath $.id exists`.
    public var description: String
    public var passed: Bool
    /// The expected value as text.
    public var expected: String
    /// What was observed, as text (`<absent>` when the subject did not exist).
    public var actual: String
    /// Why it failed, when it did, beyond expected/actual (e.g. "body is not JSON").
    public var message: String?
    public init(description: String, passed: Bool, expected: String, actual: String, message: String? = nil) {
        self.description = description
        self.passed = passed
        self.expected = expected
        self.actual = actual
        self.message = message
    }
}

/// The outcome of one capture.
public struct CaptureResult: Sendable, Hashable {
    public var name: String
    /// The captured value (the real value even for secret captures: the runner redacts before storage and display).
    public var value: JSONValue?
    public var secret: Bool
    /// Why nothing was captured, when nothing was.
    public var error: String?
    public init(name: String, value: JSONValue?, secret: Bool = false, error: String? = nil) {
        self.name = name
        self.value = value
        self.secret = secret
        self.error = error
    }
}

/// The final verdict on one request in one run.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// Every assertion held (or the declared expectation for this profile was met).
    case passed
    /// The response came but an assertion (or a declared expectation) failed.
    case failed
    /// No response: a transport error, a profile refusal or a Python exception, not declared as expected.
    case errored
    /// Not sent (`skip`, `--bail`, a failed dependency, an interrupted run).
    case skipped
}

/// The verdict for one request of the collection under one profile.
public struct RequestResult: Sendable, Hashable {
    /// 0-based position in the collection.
    public var index: Int
    /// Group path plus name (`users/create`): the identity diffs and matrices match on.
    public var requestID: String
    public var name: String
    public var groupPath: [String]
    /// Method and URL after templating, as the collection asked (before the profile's changes).
    public var method: String
    public var url: String
    /// Preflights and hops, in the order they happened.
    public var exchanges: [Exchange]
    /// What Python sees, when it gets a response.
    public var observed: ObservedResponse?
    /// What Python gets instead of a response.
    public var pythonError: PythonError?
    /// The underlying cause when the request failed (kept beside the Python exception).
    public var error: TransportError?
    public var effects: [Effect]
    public var assertions: [AssertionResult]
    public var captures: [CaptureResult]
    public var outcome: Outcome
    /// When a declared expectation decided the outcome, a sentence saying which.
    public var expectationNote: String?
    /// Wall-clock start, seconds since 1970.
    public var startedAt: Double
    /// The whole request's duration in microseconds (preflights and redirects included).
    public var durationMicros: Int64

    public init(index: Int, requestID: String, name: String, groupPath: [String], method: String, url: String,
                exchanges: [Exchange] = [], observed: ObservedResponse? = nil, pythonError: PythonError? = nil,
                error: TransportError? = nil, effects: [Effect] = [], assertions: [AssertionResult] = [],
                captures: [CaptureResult] = [], outcome: Outcome, expectationNote: String? = nil,
                startedAt: Double, durationMicros: Int64) {
        self.index = index
        self.requestID = requestID
        self.name = name
        self.groupPath = groupPath
        self.method = method
        self.url = url
        self.exchanges = exchanges
        self.observed = observed
        self.pythonError = pythonError
        self.error = error
        self.effects = effects
        self.assertions = assertions
        self.captures = captures
        self.outcome = outcome
        self.expectationNote = expectationNote
        self.startedAt = startedAt
        self.durationMicros = durationMicros
    }
}
