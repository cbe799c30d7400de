import FixtureServer
import Foundation
import Testing
@testable import Engine

/// Security (issue #7): values from variables (and so from captures and the environment, which reach a
/// request the same way) cannot inject a header, change the method or leave the URL component they stand
/// in. The rule is `docs/collection-format.md`, "Values in URLs"; the wire checks read the fixture
/// server's request log, i.e. what actually reached the server.
@Suite("Security: no injection through values", .serialized)
struct SecurityInjectionTests {
    typealias S = CollectionTestSupport

    func spec(_ request: String, _ variables: [String: String], environment: [String: String] = [:]) throws(InputError) -> RequestSpec {
        let json = variables.map { "\"\($0.key)\": \(jsonString($0.value))" }.joined(separator: ", ")
        let c: Engine.Collection
        let scope: VariableScope
        do {
            c = try S.load(S.oneRequest(request, extra: "\"variables\": {\(json)}, "))
            scope = try VariableScope(collection: c, environmentName: nil)
        } catch {
            throw InputError("the test collection did not load: \(error)")
        }
        return try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: "/tmp", environment: environment)
    }

    func refusal(_ request: String, _ variables: [String: String]) -> String? {
        do {
            _ = try spec(request, variables)
            return nil
        } catch {
            return error.message
        }
    }

    func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\0": out += "\\u0000"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: URL components

    /// value → what the path segment becomes.
    static let pathCases: [(value: String, encoded: String)] = [
        ("a/../../admin", "a%2F..%2F..%2Fadmin"),
        ("x?admin=1", "x%3Fadmin=1"),
        ("x#frag", "x%23frag"),
        ("a&b=c", "a&b=c"),
        ("%2F..%2F", "%252F..%252F"),
        ("a b", "a%20b"),
        ("a\r\nX-Injected: 1", "a%0D%0AX-Injected:%201"),
        ("user@evil.test", "user@evil.test"),
        ("x;jsessionid=1", "x%3Bjsessionid=1"),
        ("é", "%C3%A9"),
        ("..x", "..x"),
    ]

    @Test("a value in a path segment stays one segment")
    func pathSegment() throws {
        for c in Self.pathCases {
            let s = try spec(#"{"name": "a", "url": "https://api.test/users/{{id}}/profile?keep=1"}"#, ["id": c.value])
            #expect(s.url == "https://api.test/users/\(c.encoded)/profile?keep=1", "\(c.value.debugDescription) → \(s.url)")
        }
    }

    @Test("a value that is a whole '.' or '..' segment is refused")
    func dotSegments() {
        for value in [".", ".."] {
            for url in ["https://api.test/users/{{id}}", "https://api.test/users/{{id}}/x", "https://api.test/{{id}}?a=1", "https://api.test/a/{{id}}#f"] {
                let message = refusal(#"{"name": "a", "url": "\#(url)"}"#, ["id": value])
                #expect(message?.contains("dot segment") == true, "\(url) with \(value): \(message ?? "accepted")")
            }
        }
        #expect(refusal(#"{"name": "a", "url": "https://api.test/v{{id}}/x"}"#, ["id": ".."]) == nil, "'v..' is not a dot segment")
    }

    @Test("a value in the query or fragment is one component")
    func queryComponent() throws {
        let cases: [(String, String)] = [
            ("a&admin=1", "a%26admin%3D1"), ("x#f", "x%23f"), ("/../", "%2F..%2F"), ("%2F", "%252F"),
            ("a b+c", "a%20b%2Bc"), ("a\r\nb", "a%0D%0Ab"), ("?x", "%3Fx"),
        ]
        for (value, encoded) in cases {
            let s = try spec(#"{"name": "a", "url": "https://api.test/s?q={{v}}&keep=1#top"}"#, ["v": value])
            #expect(s.url == "https://api.test/s?q=\(encoded)&keep=1#top", "\(value.debugDescription) → \(s.url)")
            let f = try spec(#"{"name": "a", "url": "https://api.test/s#{{v}}"}"#, ["v": value])
            #expect(f.url == "https://api.test/s#\(encoded)", "fragment \(value.debugDescription) → \(f.url)")
            let q = try spec(#"{"name": "a", "url": "https://api.test/s", "query": {"q": "{{v}}"}}"#, ["v": value])
            #expect(q.url == "https://api.test/s?q=\(encoded)", "query field \(value.debugDescription) → \(q.url)")
        }
    }

    @Test("a value in the host may not change the host or add credentials")
    func authority() throws {
        for value in ["evil.test@127.0.0.1", "127.0.0.1/evil", "127.0.0.1?x", "127.0.0.1#x", "a b", "127.0.0.1\r\nX: 1", "a\\b"] {
            let message = refusal(#"{"name": "a", "url": "https://{{host}}/x"}"#, ["host": value])
            #expect(message?.contains("would change the URL's host") == true, "\(value.debugDescription): \(message ?? "accepted")")
            #expect(message?.contains("variable 'host'") == true)
        }
        let port = try spec(#"{"name": "a", "url": "https://{{host}}/x"}"#, ["host": "127.0.0.1:8443"])
        #expect(port.url == "https://127.0.0.1:8443/x")
        let userinfo = refusal(#"{"name": "a", "url": "https://u:{{pw}}@api.test/x"}"#, ["pw": "p@ss/word"])
        #expect(userinfo?.contains("would change the URL's host") == true, "a value in the userinfo is checked as host text")
    }

    @Test("a value that starts the url is the URL's beginning, still only http(s)")
    func leadingValue() throws {
        let s = try spec(#"{"name": "a", "url": "{{next}}"}"#, ["next": "https://api.test/items?page=2&size=10"])
        #expect(s.url == "https://api.test/items?page=2&size=10")
        let base = try spec(#"{"name": "a", "url": "{{base}}/users/{{id}}"}"#, ["base": "http://127.0.0.1:8080/v1", "id": "a/b"])
        #expect(base.url == "http://127.0.0.1:8080/v1/users/a%2Fb")
        #expect(refusal(#"{"name": "a", "url": "{{next}}"}"#, ["next": "file:///etc/passwd"])?.contains("http:// or https://") == true)
        let env = try spec(#"{"name": "a", "url": "https://api.test/{{$processEnv WB_SEG}}"}"#, [:], environment: ["WB_SEG": "a/../b"])
        #expect(env.url == "https://api.test/a%2F..%2Fb", "a generator's value is encoded like a variable's")
    }

    // MARK: Method and headers

    @Test("a method from a variable cannot carry a request line or a header")
    func method() {
        for value in ["GET\r\nX-Injected: 1", "GET /admin HTTP/1.1", "GET\n", "GE T", "GET\0", ""] {
            let message = refusal(#"{"name": "a", "method": "{{m}}", "url": "https://api.test/"}"#, ["m": value])
            #expect(message?.contains("is not a valid method") == true, "\(value.debugDescription): \(message ?? "accepted")")
        }
    }

    @Test("a header value from a variable cannot hold CR, LF or NUL")
    func headerValue() {
        for value in ["a\r\nX-Injected: 1", "a\nX: 1", "a\rX: 1", "a\0b", "\r\n\r\nGET /smuggled HTTP/1.1"] {
            let message = refusal(#"{"name": "a", "url": "https://api.test/", "headers": {"X-Id": "id={{v}}"}}"#, ["v": value])
            #expect(message?.contains("(from variable 'v')") == true, "\(value.debugDescription): \(message ?? "accepted")")
            #expect(message?.contains("never sent") == true)
        }
    }

    @Test("the transport refuses what slipped past: CR/LF in a header name or value, a non-token method")
    func transportLastLine() {
        let bad = [
            WireRequest(method: "GET", url: "http://127.0.0.1:9/", headers: [HeaderField("X-A", "1\r\nX-B: 2")]),
            WireRequest(method: "GET", url: "http://127.0.0.1:9/", headers: [HeaderField("X-A\r\nX-B", "1")]),
            WireRequest(method: "GET /x HTTP/1.1", url: "http://127.0.0.1:9/"),
            WireRequest(method: "GET", url: "http://127.0.0.1:9/a b"),
        ]
        for request in bad {
            #expect(RequestValidation.problem(in: request) != nil, "\(request.method) \(request.url) \(request.headers)")
            let exchange = CurlTransport().perform(request, kind: .request)
            #expect(exchange.error?.kind == .invalidRequest, "\(String(describing: exchange.error))")
        }
    }

    // MARK: On the wire

    @Test("what reaches the server: the path and query as encoded, one request, no extra header",
          arguments: [Profile.native, Profiles.browsers[0]])
    func onTheWire(_ profile: Profile) throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let s = try spec(#"{"name": "a", "url": "{{base}}/anything/{{seg}}?acao=*&q={{q}}"}"#,
                         ["base": server.baseURL, "seg": "a/../../get?x=1#f", "q": "1&acao=evil\r\nX-Injected: 1"])
        let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: ProfileCasesTests.mode(profile), origin: server.pageURL))
        let result = RequestExecutor.execute(s, settings: settings, state: ProfileRunState(), sender: CurlTransport())
        #expect(result.observed?.status == 200, "\(profile.name): \(String(describing: result.error))")
        let log = server.requestLog().filter { $0.method != "OPTIONS" }
        #expect(log.count == 1, "\(profile.name): \(log)")
        #expect(log.first?.path == "/anything/a%2F..%2F..%2Fget%3Fx=1%23f", "\(profile.name): \(log.first?.path ?? "")")
        #expect(log.first?.query == "acao=*&q=1%26acao%3Devil%0D%0AX-Injected%3A%201", "\(profile.name): \(log.first?.query ?? "")")
        #expect(log.first?.header("X-Injected") == nil)
    }
}
