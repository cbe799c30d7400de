import Testing
@testable import Engine

/// Every error kind the loader reports, with its exact location and message.
@Suite struct CollectionErrorTests {
    typealias S = CollectionTestSupport

    /// The single error loading `text` gives, as `line:column: message`.
    private func only(_ text: String) -> String {
        let errors = S.errors(text)
        guard errors.count == 1, let e = errors.first, let l = e.location else {
            return "expected one located error, got \(errors.map(\.description))"
        }
        return "\(l.line):\(l.column): \(e.message)"
    }

    @Test func invalidJSON() {
        #expect(only("{\"name\": \"x\",\n \"requests\": [],\n}") == "3:1: invalid JSON: expected a quoted key, found '}'")
    }

    @Test func wrongTypes() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "options": {"timeout": "soon"}}"#))
            .hasPrefix("1:91: `timeout` must be a number or an object, found string"))
        #expect(only(#"{"name": 3, "requests": []}"#) == "1:10: `name` must be a string, found number")
        #expect(only(#"{"name": "x", "requests": {}}"#) == "1:27: `requests` must be an array, found object")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "skip": "yes"}"#)) == "1:76: `skip` must be true or false, found string")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "options": {"maxRedirects": -1}}"#))
            == "1:96: `maxRedirects` must be a whole number from 0 to 1000, found -1")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "options": {"insecure": "no"}}"#))
            == "1:92: `insecure` must be true or false or a template like \"{{name}}\", found string \"no\"")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "headers": {"X": 1}}"#)) == "1:85: header 'X' must be a string, found number")
        #expect(only(#"{"name": "x", "variables": {"v": [1]}, "requests": []}"#).hasPrefix("1:34: variable 'v' must be a string, number"))
    }

    @Test func unknownKeysWithSuggestions() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "hedaers": {}}"#))
            == "1:68: unknown key 'hedaers' in request 'a'; did you mean 'headers'?")
        #expect(only(#"{"name": "x", "requets": []}"#).hasPrefix("1:15: unknown key 'requets' in the collection; did you mean 'requests'?"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "options": {"timeuot": 1}}"#))
            == "1:80: unknown key 'timeuot' in `options`; did you mean 'timeout'?")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"jsonpath": "$.a", "=": 1}]}"#))
            == "1:99: unknown key '=' in jsonpath assertion; did you mean '=='?")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "zzzzzz": 1}"#))
            .contains("unknown key 'zzzzzz' in request 'a'; allowed keys: name, description, method, url"))
    }

    @Test func missingRequiredKeys() {
        #expect(only(S.oneRequest(#"{"name": "a", "method": "GET"}"#)) == "1:28: missing required key 'url' in request 'a'")
        #expect(only(#"{"requests": []}"#) == "1:1: missing required key 'name' in the collection")
        #expect(only(S.oneRequest(#"{"group": "g"}"#)) == "1:28: missing required key 'requests' in group")
    }

    @Test func badURLs() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "example.com/x"}"#))
            == "1:49: invalid url \"example.com/x\" in request 'a': a url must be absolute (http:// or https://) or start with a variable like {{base}}")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https:///x"}"#)).contains("the url has no host"))
        #expect(S.errors(S.oneRequest(#"{"name": "a", "url": "https://{{host}}/x"}"#)).isEmpty)
        #expect(S.errors(S.oneRequest(#"{"name": "a", "url": "{{base}}"}"#)).isEmpty)
        #expect(S.errors(S.oneRequest(#"{"name": "a", "url": "HTTP://X.TEST"}"#)).isEmpty)
    }

    @Test func methods() throws {
        #expect(only(S.oneRequest(#"{"name": "a", "method": "GE T", "url": "https://x.test/"}"#))
            == "1:52: invalid method 'GE T' in request 'a'; a method is letters only, e.g. GET, POST, PATCH")
        #expect(only(S.oneRequest(#"{"name": "a", "method": "", "url": "https://x.test/"}"#)).contains("invalid method ''"))
        let c = try S.load(S.oneRequest(#"{"name": "a", "method": "purge", "url": "https://x.test/"}"#))
        #expect(c.requests[0].method.raw == "purge")
    }

    @Test func duplicateIdentities() {
        let text = """
        {"name": "x", "requests": [
          {"group": "users", "requests": [{"name": "create", "url": "https://x.test/"}]},
          {"name": "create", "url": "https://x.test/"},
          {"group": "users", "requests": [{"name": "create", "url": "https://x.test/"}]}
        ]}
        """
        #expect(only(text) == "4:35: duplicate request 'users/create' (first at t.json:2:35); a request's group path plus name identifies it across runs, so rename one")
        #expect(only(S.oneRequest(#"{"name": "a/b", "url": "https://x.test/"}"#)).contains("request name 'a/b' must not contain '/'"))
    }

    @Test func invalidPatterns() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"body": {"matches": "a(b"}}]}"#))
            .hasPrefix("1:100: invalid regular expression in 'matches' \"a(b\""))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "capture": {"c": {"regex": "[z"}}}"#))
            .hasPrefix("1:95: invalid regular expression in capture 'c' \"[z\""))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"jsonpath": "items[0]", "==": 1}]}"#))
            == "1:92: invalid JSONPath in assertion: jsonpath items[0]: a query must start with '$' at position 1")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "capture": {"c": {"jsonpath": "a"}}}"#)).contains("invalid JSONPath in capture 'c'"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "capture": {"c": {"regex": "a(b)", "group": 2}}}"#))
            .contains("asks for group 2 but the regex has 1 group"))
    }

    @Test func templateSyntax() {
        let errors = S.errors(S.oneRequest(#"{"name": "a", "url": "https://x.test/{{id", "headers": {"X-Id": "{{$gud}}"}}"#))
        #expect(errors.map(\.description) == [
            "t.json:1:49: unclosed '{{' in \"https://x.test/{{id\"; close the expression with '}}', or write '\\\\{{' for a literal '{{'",
            "t.json:1:92: unknown generator '$gud'; did you mean '$guid'? (generators: $guid, $uuid, $timestamp, $datetime, $randomInt, $processEnv) in \"{{$gud}}\"",
        ])
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {"json": {"a": ["{{"]}}}"#)).hasPrefix("1:92: unclosed '{{'"))
        #expect(only(#"{"name": "x", "variables": {"v": "{{ }}"}, "requests": []}"#).hasPrefix("1:34: empty expression"))
    }

    @Test func assertionShapes() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"status": 200, "body": "x"}]}"#))
            == "1:95: an assertion has one subject, found 'status' and 'body'; split it into two assertions")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"header": "X"}]}"#))
            == "1:79: the header assertion on 'X' has no check; add an operator, e.g. \"exists\": true")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"status": "2xy"}]}"#)).contains("class like \"2xx\""))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"jsonpath": "$", "type": "strng"}]}"#)).contains("unknown type 'strng'; did you mean 'string'?"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"stauts": 200}]}"#)).contains("did you mean 'status'?"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "assert": [{"status": {"<": "x"}}]}"#)).contains("'<' in `status` must be a number, found string"))
    }

    @Test func bodyShapes() {
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {"json": 1, "text": "x"}}"#))
            == "1:88: `body` has both 'json' and 'text'; give exactly one kind of body")
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {}}"#)).contains("`body` needs one of json, text, form"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {"base64": "!!"}}"#)).contains("not valid base64"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {"json": {}, "contentType": "x"}}"#)).contains("set a Content-Type header instead"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": {"multipart": [{"name": "p"}]}}"#)).contains("needs `value` (a field) or `file`"))
    }

    @Test func otherErrors() {
        #expect(only(#"{"name": "x", "server": "remote", "requests": []}"#).hasPrefix("1:25: `server` must be \"builtin\""))
        #expect(only(#"{"name": "x", "origin": "http://x/y", "requests": []}"#).hasPrefix("1:25: `origin` must be an origin"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "expect": {"browser": {"outcome": "blocked"}}}"#)).contains("unknown outcome 'blocked'"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "expect": {"browser,": {"outcome": "pass"}}}"#)).contains("invalid profile selector ''"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "headers": {"A": "1", "a": "2"}}"#)).contains("duplicate header 'a'"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "url": "https://y.test/"}"#)).contains("duplicate key 'url' in request 'a'"))
        #expect(only(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "capture": {"1bad": "status"}}"#)).contains("invalid capture name '1bad'"))
    }

    @Test func reportsAllErrorsInFileOrder() {
        let text = """
        {"name": "x", "requests": [
          {"name": "a", "url": "nope", "hedaers": {}},
          {"name": "b", "url": "https://x.test/", "options": {"timeout": "soon"}},
          {"url": "https://x.test/"}
        ]}
        """
        let errors = S.errors(text)
        #expect(errors.count == 4)
        #expect(errors.compactMap(\.location?.line) == [2, 2, 3, 4])
        #expect(errors[0].message.hasPrefix("invalid url"))
        #expect(errors[1].message.hasPrefix("unknown key 'hedaers'"))
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "hedaers", among: ["headers", "query"]) == "headers")
        #expect(Suggestions.closest(to: "tokn", among: ["token", "user"]) == "token")
        #expect(Suggestions.closest(to: "xyz", among: ["headers"]) == nil)
        #expect(Suggestions.editDistance("ab", "ba") == 1)
        #expect(Suggestions.editDistance("", "abc") == 3)
    }

    @Test func captureGroupCounting() {
        #expect(PatternCheck.captureGroupCount("a(b)(c)") == 2)
        #expect(PatternCheck.captureGroupCount("(?:a)(?<n>b)\\(x[(]") == 1)
        #expect(PatternCheck.captureGroupCount("(?=a)(?<=b)(?<!c)") == 0)
    }
}
