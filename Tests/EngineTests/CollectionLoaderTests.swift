import Testing
@testable import Engine

@Suite struct CollectionLoaderTests {
    typealias S = CollectionTestSupport

    static let full = #"""
    {"$schema": "../schema/collection.schema.json", "name": "Demo", "server": "builtin", "origin": "http://localhost:8000",
     "variables": {"user": "alice", "n": 3, "token": {"value": "s3cret", "secret": true}, "list": {"value": [1, 2]}},
     "secrets": ["apiKey"],
     "environments": {"staging": {"base": "https://staging.example.com", "token": {"value": "x", "secret": true}}},
     "defaults": {"headers": {"Accept": "application/json"}, "options": {"timeout": 5}},
     "diff": {"ignoreHeaders": ["Date"], "ignorePaths": ["$.id"]},
     "profiles": {"my-browser": {"extends": "browser-main", "x": [1]}},
     "requests": [
      {"name": "create user", "method": "POST", "url": "{{base}}/echo", "query": {"a": "1", "tags": ["x","y"], "page": 2},
       "headers": {"X-Id": "{{$guid}}"},
       "body": {"json": {"name": "{{user}}", "n": "{{n}}"}},
       "options": {"timeout": {"connect": 2, "read": 5, "write": 5, "pool": 5, "total": 10}, "followRedirects": true, "maxRedirects": 5, "proxy": "http://proxy:3128", "caFile": "certs/ca.pem", "insecure": false, "clientCert": "c.pem", "clientKey": "k.pem", "httpVersion": "1.1", "compressed": true},
       "assert": [
         {"status": 200}, {"status": [200, 201]}, {"status": "2xx"}, {"status": {">=": 200, "<": 300}},
         {"header": "Content-Type", "contains": "json"}, {"header": "X-Id", "exists": true}, {"header": "X", "equals": "v"}, {"header": "X", "matches": "^a"},
         {"body": {"contains": "abc"}}, {"body": {"matches": "a.c"}}, {"body": {"equals": "text"}}, {"body": "exact"},
         {"jsonpath": "$.items[0].id", "==": 1}, {"jsonpath": "$.a", "!=": 2}, {"jsonpath": "$.price", "<": 10, ">=": 1}, {"jsonpath": "$.name", "contains": "x"}, {"jsonpath": "$.name", "matches": "^a"}, {"jsonpath": "$.x", "exists": false}, {"jsonpath": "$.x", "type": "string"}, {"jsonpath": "$.items", "count": 3}, {"jsonpath": "$.items[*]", "count": {">=": 1}}, {"jsonpath": "$.state", "in": ["a","b"]},
         {"duration": {"<": 500}}
       ],
       "capture": {"userId": {"jsonpath": "$.json.id"}, "etag": {"header": "ETag"}, "code": {"regex": "code=(\\d+)", "group": 1}, "st": "status", "tok": {"jsonpath": "$.token", "secret": true}, "whole": {"regex": "abc"}},
       "expect": {"browser": {"outcome": "cors-blocked", "exception": "httpx.ConnectError", "effects": ["cors-blocked"]}, "node-jspi, node": {"outcome": "pass"}},
       "skip": false},
      {"group": "users", "defaults": {"headers": {"accept": "text/plain", "X-G": "g"}, "options": {"timeout": {"read": 30}, "followRedirects": true}}, "requests": [
        {"name": "list", "method": "patch", "url": "https://example.com/users", "headers": {"x-g": "mine"}, "options": {"compressed": false}, "skip": true},
        {"group": "admins", "defaults": {"options": {"insecure": "{{insecure}}"}}, "requests": [
          {"name": "list", "url": "{{base}}/admins", "options": {"timeout": "{{t}}"}}
        ]}
      ]}
     ]}
    """#

    @Test func everyTopLevelFeature() throws {
        let c = try S.load(Self.full)
        #expect(c.name == "Demo")
        #expect(c.sourcePath == "t.json")
        #expect(c.sourceHash.count == 64)
        #expect(c.sourceHash == CollectionLoader.sha256Hex(Array(Self.full.utf8)))
        #expect(c.usesBuiltinServer)
        #expect(c.origin == "http://localhost:8000")
        #expect(c.variables.map(\.name) == ["user", "n", "token", "list"])
        #expect(c.variables[1].value == .number(3))
        #expect(c.variables[2] == Variable(name: "token", value: .string("s3cret"), secret: true))
        #expect(c.variables[3].value == .array([.number(1), .number(2)]))
        #expect(c.secretNames == ["apiKey", "token", "tok"])
        #expect(c.environments.count == 1)
        #expect(c.environments[0].name == "staging")
        #expect(c.environments[0].variables[1].secret)
        #expect(c.defaults.headers.map(\.name) == ["Accept"])
        #expect(c.diffIgnore == DiffIgnore(headers: ["Date"], paths: ["$.id"]))
        #expect(c.profileDefinitions["my-browser"]?.objectValue?["extends"] == .string("browser-main"))
        #expect(c.requests.map(\.id) == ["create user", "users/list", "users/admins/list"])
    }

    @Test func requestFeatures() throws {
        let r = try S.load(Self.full).requests[0]
        #expect(r.method.raw == "POST")
        #expect(r.url.parts == [.variable("base"), .literal("/echo")])
        #expect(r.url.location == SourceLocation(file: "t.json", line: 9, column: 52))
        #expect(r.location == SourceLocation(file: "t.json", line: 9, column: 3))
        #expect(r.query.map(\.name) == ["a", "tags", "tags", "page"])
        #expect(r.query.map(\.value.raw) == ["1", "x", "y", "2"])
        #expect(r.headers.map(\.name) == ["Accept", "X-Id"])
        #expect(r.headers[1].value.parts == [.generator(name: "guid", arguments: [])])
        guard case .json(let body)? = r.body else { Issue.record("json body expected"); return }
        #expect(body.serialized() == #"{"name":"{{user}}","n":"{{n}}"}"#)
        let o = r.options
        guard case .literal(let connect)? = o.timeout?.connect, case .literal(let total)? = o.timeout?.total else {
            Issue.record("timeouts expected"); return
        }
        #expect(connect == 2)
        #expect(total == 10)
        if case .literal(let v)? = o.followRedirects { #expect(v) } else { Issue.record("followRedirects") }
        if case .literal(let v)? = o.maxRedirects { #expect(v == 5) } else { Issue.record("maxRedirects") }
        #expect(o.proxy?.raw == "http://proxy:3128")
        #expect(o.caFile?.raw == "certs/ca.pem")
        #expect(o.clientCert?.raw == "c.pem")
        #expect(o.clientKey?.raw == "k.pem")
        if case .literal(let v)? = o.httpVersion { #expect(v == .http1_1) } else { Issue.record("httpVersion") }
        if case .literal(let v)? = o.insecure { #expect(!v) } else { Issue.record("insecure") }
        if case .literal(let v)? = o.compressed { #expect(v) } else { Issue.record("compressed") }
        #expect(!r.skip)
    }

    @Test func assertionShorthands() throws {
        let a = try S.load(Self.full).requests[0].assertions
        func check(_ op: PredicateOperator, _ v: JSONValue) -> PredicateCheck { PredicateCheck(op: op, expected: v) }
        #expect(a.count == 23)
        #expect(a[0].subject == .status)
        #expect(a[0].predicate.checks == [check(.equals, .number(200))])
        #expect(a[1].predicate.checks == [check(.oneOf, .array([.number(200), .number(201)]))])
        #expect(a[2].predicate.checks == [check(.greaterThanOrEqual, .number(200)), check(.lessThan, .number(300))])
        #expect(a[3].predicate.checks == [check(.greaterThanOrEqual, .number(200)), check(.lessThan, .number(300))])
        #expect(a[4].subject == .header("Content-Type"))
        #expect(a[4].predicate.checks == [check(.contains, .string("json"))])
        #expect(a[5].predicate.checks == [check(.exists, .bool(true))])
        #expect(a[6].predicate.checks == [check(.equals, .string("v"))])
        #expect(a[7].predicate.checks == [check(.matches, .string("^a"))])
        #expect(a[8].subject == .body)
        #expect(a[8].predicate.checks == [check(.contains, .string("abc"))])
        #expect(a[10].predicate.checks == [check(.equals, .string("text"))])
        #expect(a[11].predicate.checks == [check(.equals, .string("exact"))])
        #expect(a[12].subject == .jsonPath("$.items[0].id"))
        #expect(a[12].predicate.checks == [check(.equals, .number(1))])
        #expect(a[13].predicate.checks == [check(.notEquals, .number(2))])
        #expect(a[14].predicate.checks == [check(.lessThan, .number(10)), check(.greaterThanOrEqual, .number(1))])
        #expect(a[17].predicate.checks == [check(.exists, .bool(false))])
        #expect(a[18].predicate.checks == [check(.type, .string("string"))])
        #expect(a[19].predicate.checks == [check(.count, .number(3))])
        #expect(a[20].predicate.checks.first?.op == .count)
        #expect(a[20].predicate.checks.first?.nested == Predicate([check(.greaterThanOrEqual, .number(1))]))
        #expect(a[21].predicate.checks == [check(.oneOf, .array([.string("a"), .string("b")]))])
        #expect(a[22].subject == .duration)
        #expect(a[22].predicate.checks == [check(.lessThan, .number(500))])
        #expect(a[0].location == SourceLocation(file: "t.json", line: 14, column: 6))
    }

    @Test func capturesAndExpectations() throws {
        let r = try S.load(Self.full).requests[0]
        let c = r.captures
        #expect(c.map(\.name) == ["userId", "etag", "code", "st", "tok", "whole"])
        #expect(c[0].source == .jsonPath("$.json.id"))
        #expect(c[1].source == .header("ETag"))
        #expect(c[2].source == .regex("code=(\\d+)", group: 1))
        #expect(c[3].source == .status)
        #expect(c[4].secret)
        #expect(c[5].source == .regex("abc", group: 0))
        #expect(r.expectations == [
            ProfileExpectation(profiles: ["browser"], outcome: "cors-blocked", exception: "httpx.ConnectError", effects: ["cors-blocked"]),
            ProfileExpectation(profiles: ["node-jspi", "node"], outcome: "pass"),
        ])
    }

    @Test func groupsFlattenAndDefaultsMerge() throws {
        let c = try S.load(Self.full)
        let list = c.requests[1]
        #expect(list.groupPath == ["users"])
        #expect(list.method.raw == "patch")
        #expect(list.skip)
        // Collection Accept replaced in place by the group's lowercase accept; the request's x-g replaces X-G.
        #expect(list.headers.map(\.name) == ["accept", "x-g"])
        #expect(list.headers.map(\.value.raw) == ["text/plain", "mine"])
        // Timeout 5 everywhere from the collection, read 30 from the group.
        guard case .literal(let connect)? = list.options.timeout?.connect, case .literal(let read)? = list.options.timeout?.read else {
            Issue.record("timeouts"); return
        }
        #expect(connect == 5)
        #expect(read == 30)
        #expect(list.options.timeout?.total == nil)
        if case .literal(let v)? = list.options.followRedirects { #expect(v) } else { Issue.record("followRedirects inherited") }
        if case .literal(let v)? = list.options.compressed { #expect(!v) } else { Issue.record("compressed") }

        let admins = c.requests[2]
        #expect(admins.groupPath == ["users", "admins"])
        #expect(admins.method.raw == "GET")
        #expect(admins.headers.map(\.name) == ["accept", "X-G"])
        if case .template(let t)? = admins.options.insecure { #expect(t.raw == "{{insecure}}") } else { Issue.record("insecure template") }
        if case .template(let t)? = admins.options.timeout?.pool { #expect(t.raw == "{{t}}") } else { Issue.record("timeout template") }
        if case .literal(let v)? = admins.options.followRedirects { #expect(v) } else { Issue.record("followRedirects") }
    }

    @Test func bodyKinds() throws {
        func body(_ json: String) throws -> BodyDefinition? {
            try S.load(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "body": \#(json)}"#)).requests[0].body
        }
        if case .text(let t, let ct)? = try body(#"{"text": "hi {{u}}", "contentType": "text/csv"}"#) {
            #expect(t.variableNames == ["u"])
            #expect(ct?.raw == "text/csv")
        } else { Issue.record("text") }
        if case .form(let f)? = try body(#"{"form": {"a": "1", "b": ["x", "y"], "c": true}}"#) {
            #expect(f.map(\.name) == ["a", "b", "b", "c"])
            #expect(f.map(\.value.raw) == ["1", "x", "y", "true"])
        } else { Issue.record("form") }
        if case .multipart(let parts)? = try body(#"{"multipart": [{"name": "f", "value": "v"}, {"name": "up", "file": "data/a.txt", "filename": "a.txt", "contentType": "text/plain"}]}"#) {
            #expect(parts.count == 2)
            #expect(parts[0].value?.raw == "v")
            #expect(parts[1].file?.raw == "data/a.txt")
            #expect(parts[1].filename?.raw == "a.txt")
            #expect(parts[1].contentType?.raw == "text/plain")
        } else { Issue.record("multipart") }
        if case .file(let p, let ct)? = try body(#"{"file": "data/body.bin", "contentType": "application/octet-stream"}"#) {
            #expect(p.raw == "data/body.bin")
            #expect(ct?.raw == "application/octet-stream")
        } else { Issue.record("file") }
        if case .base64(let b, let ct)? = try body(#"{"base64": "AAEC", "contentType": "application/x"}"#) {
            #expect(b == "AAEC")
            #expect(ct?.raw == "application/x")
        } else { Issue.record("base64") }
    }
}
