import Testing
@testable import Engine

/// The runner's pure parts: redaction, capture dependencies, shard selection, declared expectations.
@Suite("EngineTests.RunnerParts")
struct RunnerPartsTests {
    static let here = SourceLocation(file: "t.json", line: 1, column: 1)

    static func request(_ name: String, url: String, captures: [String] = []) throws -> RequestDefinition {
        RequestDefinition(
            name: name, method: .literal("GET"), url: try TemplateParser.parse(url, location: here),
            captures: captures.map { Capture(name: $0, source: .status) }, location: here)
    }

    @Test func redactsSecretsEverywhereInAResult() {
        var redactor = Redactor()
        redactor.add(value: "s3cr3t-token", name: "token")
        redactor.add(value: "ab", name: "short")  // too short to search for
        let exchange = Exchange(
            kind: .request,
            request: SentRequest(method: "GET", url: "http://h/x?t=s3cr3t-token",
                                 headers: [HeaderField("Authorization", "Bearer s3cr3t-token"), HeaderField("Cookie", "a=1"), HeaderField("Accept", "ab")],
                                 bodySize: 0),
            response: ReceivedResponse(httpVersion: "1.1", status: 200, headers: [HeaderField("Set-Cookie", "sid=9")],
                                       bodySize: 30, bodySHA256: "x", body: Array(#"{"echo":"s3cr3t-token"}"#.utf8), bodyTruncated: false),
            timings: Timings(), startedAt: 0)
        let result = RequestResult(
            index: 0, requestID: "r", name: "r", groupPath: [], method: "GET", url: "http://h/x?t=s3cr3t-token",
            exchanges: [exchange], effects: [Effect("header-dropped", "Authorization: Bearer s3cr3t-token")],
            assertions: [AssertionResult(description: "d", passed: false, expected: "s3cr3t-token", actual: "x")],
            captures: [CaptureResult(name: "tok", value: .string("other"), secret: true)],
            outcome: .passed, startedAt: 0, durationMicros: 1)
        let r = redactor.redact(result)
        let text = r.json.serialized()
        #expect(!text.contains("s3cr3t-token"))
        #expect(r.url == "http://h/x?t={{token}}")
        #expect(r.exchanges[0].request.headers[0].value == "Bearer {{token}}")
        #expect(r.exchanges[0].request.headers[1].value == "<redacted>", "Cookie is sensitive by default")
        #expect(r.exchanges[0].request.headers[2].value == "ab", "short values are not redacted")
        #expect(r.exchanges[0].response?.headers[0].value == "<redacted>", "Set-Cookie is sensitive by default")
        #expect(String(decoding: r.exchanges[0].response?.body ?? [], as: UTF8.self) == #"{"echo":"{{token}}"}"#)
        #expect(r.captures[0].value == .string("{{tok}}"), "secret captures become references")
        #expect(r.assertions[0].expected == "{{token}}")
    }

    @Test func secretNamesByDefault() {
        for name in ["token", "apiToken", "PASSWORD", "client_secret", "apiKey"] { #expect(Redactor.isSecretName(name), "\(name)") }
        for name in ["user", "base", "page"] { #expect(!Redactor.isSecretName(name), "\(name)") }
    }

    @Test func dependenciesFollowCaptures() throws {
        let requests = [
            try Self.request("login", url: "http://h/login", captures: ["token"]),
            try Self.request("free", url: "http://h/free"),
            try Self.request("uses", url: "http://h/x?t={{token}}"),
            try Self.request("again", url: "http://h/again", captures: ["token"]),
            try Self.request("latest", url: "http://h/y?t={{token}}"),
        ]
        let graph = DependencyGraph(requests: requests)
        #expect(graph.dependencies == [[], [], [0], [], [0, 3]])
    }

    @Test func shardsAreDeterministicAndIncludeDependencies() throws {
        let requests = [
            try Self.request("login", url: "http://h/login", captures: ["token"]),
            try Self.request("a", url: "http://h/a"),
            try Self.request("b", url: "http://h/b?t={{token}}"),
            try Self.request("c", url: "http://h/c"),
        ]
        let graph = DependencyGraph(requests: requests)
        #expect(graph.selection(for: Shard(index: 1, total: 2), count: 4) == [true, false, true, false])
        #expect(graph.selection(for: Shard(index: 2, total: 2), count: 4) == [false, true, false, true])
        // Shard 3 of 4 holds only "b", which needs "login" for its capture.
        #expect(graph.selection(for: Shard(index: 3, total: 4), count: 4) == [true, false, true, false])
    }

    @Test func expectationSelectorsBySpecificity() throws {
        let browserMain = try #require(ProfileCatalog.named("browser-main"))
        let node = try #require(ProfileCatalog.named("node"))
        let nodeJSPI = try #require(ProfileCatalog.named("node-jspi"))
        let native = try #require(ProfileCatalog.named("native"))
        let list = [
            ProfileExpectation(profiles: ["*"], outcome: "timeout"),
            ProfileExpectation(profiles: ["browser"], outcome: "cors-blocked"),
            ProfileExpectation(profiles: ["node"], outcome: "refused", inherited: true),
            ProfileExpectation(profiles: ["browser-main"], outcome: "pass", inherited: true),
        ]
        #expect(Expectations.applicable(list, profile: browserMain)?.outcome == "pass", "a name beats a kind, even inherited")
        #expect(Expectations.applicable(list, profile: node)?.outcome == "refused", "a name in defaults beats the request's *")
        #expect(Expectations.applicable(list, profile: nodeJSPI)?.outcome == "timeout", "node-jspi is not the node profile")
        #expect(Expectations.applicable(list, profile: native)?.outcome == "timeout")
        #expect(Expectations.applicable([], profile: native) == nil)
    }

    @Test func expectationMismatchesAreExplained() {
        let blocked = RequestExecution(
            pythonError: PythonError(type: "httpx.ConnectError", message: "Failed to fetch"),
            error: TransportError(kind: .cors, message: "CORS"), effects: [Effect("cors-blocked", "no ACAO")],
            startedAt: 0, durationMicros: 1, sentNothing: false)
        #expect(Expectations.outcomeCode(blocked) == "cors-blocked")
        #expect(Expectations.mismatch(ProfileExpectation(profiles: ["browser"], outcome: "cors-blocked"), execution: blocked, assertionsPassed: true) == nil)
        #expect(Expectations.mismatch(ProfileExpectation(profiles: ["browser"], outcome: "error", exception: "httpx.ConnectError"), execution: blocked, assertionsPassed: true) == nil)
        #expect(Expectations.mismatch(ProfileExpectation(profiles: ["browser"], outcome: "pass"), execution: blocked, assertionsPassed: true)?.contains("expected outcome pass, got cors-blocked") == true)
        #expect(Expectations.mismatch(ProfileExpectation(profiles: ["browser"], effects: ["header-dropped"]), execution: blocked, assertionsPassed: true)?.contains("header-dropped") == true)
        #expect(Expectations.mismatch(ProfileExpectation(profiles: ["browser"], exception: "httpx.ReadTimeout"), execution: blocked, assertionsPassed: true)?.contains("httpx.ConnectError") == true)
    }
}
