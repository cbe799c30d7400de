import Engine
import Importers
import Testing

@Suite("Import: curl command lines")
struct CurlImportTests {
    let result: ImportResult
    var collection: JSONValue { result.collection }
    var requests: [JSONValue] { collection.flattenedRequests.map(\.request) }

    init() throws {
        result = try Samples.load("commands.sh", .curl)
    }

    @Test("every curl command is one request, in order; other commands are reported")
    func commands() {
        #expect(result.requestCount == 9)
        #expect(requests.compactMap { $0["method"]?.stringValue } == ["GET", "POST", "POST", "GET", "POST", "GET", "PUT", "PATCH", "HEAD"])
        #expect(result.hasNote("not a curl command ('wget'); ignored", line: 23))
        #expect(result.hasNote("curl option --frobnicate has no Workbench equivalent", line: 21))
        #expect(Samples.validationErrors(result) == [])
    }

    @Test("shell quoting: '…', \"…\" with $VAR, quote splicing, $'…' escapes, a literal {{ stays literal")
    func quoting() {
        let post = requests[1]
        #expect(post["url"] == .string("http://127.0.0.1:18602/echo?x=1"))
        #expect(post["headers"]?["Authorization"] == .string("Bearer {{$processEnv API_TOKEN}}"))
        // Not compact JSON: sent as text, byte for byte as curl sends it.
        #expect(post["body"]?["text"] == .string(#"{"name": "O'Brien", "tags": ["a", "b"], "tpl": "\{{not a template}}"}"#))
        let put = requests[6]
        #expect(put["headers"]?["X-Tab"] == .string("tabbed"))
        #expect(put["body"]?["text"] == .string("line1\nline2&@payload.json"))
        #expect(result.hasNote("a data file (@payload.json) combined with other data"))
        #expect(put["url"] == .string("http://127.0.0.1:18602/anything/${literal}"))
    }

    @Test("-u, -b, -A, -k, -L, -m, --connect-timeout, -x become headers and options; -u literals become secrets")
    func optionsAndSecrets() {
        let r = requests[3]
        #expect(r["headers"]?["Authorization"] == .string("{{authorization}}"))
        #expect(collection["variables"]?["authorization"] == .object(JSONObject([("value", .string("Basic YWRtaW46cEBzcyB3b3Jk")), ("secret", .bool(true))])))
        #expect(r["headers"]?["Cookie"] == .string("{{cookie}}"))
        #expect(r["headers"]?["User-Agent"] == .string("my-agent/1.0"))
        #expect(r["options"] == .object(JSONObject([
            ("insecure", .bool(true)), ("followRedirects", .bool(true)), ("proxy", .string("http://127.0.0.1:3128")),
            ("timeout", .object(JSONObject([("connect", .number(2)), ("total", .number(7.5))]))),
        ])))
    }

    @Test("bodies: --json, -F parts, -G with --data-urlencode, repeated -d joined with &")
    func bodies() {
        let json = requests[2]
        #expect(json["body"] == .object(JSONObject([("text", .string(#"{"n": 1}"#))])))
        #expect(json["headers"]?["Content-Type"] == .string("application/json"))
        #expect(json["headers"]?["Accept"] == .string("application/json"))
        let form = requests[4]["body"]?["multipart"]?.arrayValue ?? []
        #expect(form.first == .object(JSONObject([("name", .string("caption")), ("value", .string("hello world"))])))
        #expect(form.last == .object(JSONObject([("name", .string("file")), ("file", .string("avatar.txt")),
                                                   ("contentType", .string("text/plain")), ("filename", .string("me.txt"))])))
        let get = requests[5]
        #expect(get["url"] == .string("http://127.0.0.1:18602/get?q=a+b%26c&limit=5"))
        #expect(get["body"] == nil)
        let patch = requests[7]
        #expect(patch["body"] == .object(JSONObject([("text", .string("a=1&b=2")), ("contentType", .string("application/x-www-form-urlencoded"))])))
    }

    @Test("a URL without a scheme gets http://, -I is HEAD, $HOME inside quotes is an environment reference")
    func schemeless() {
        let head = requests[8]
        #expect(head["url"] == .string("http://127.0.0.1:18602/anything/noscheme"))
        #expect(head["headers"]?["X-Home"] == .string("{{$processEnv HOME}}/x"))
        #expect(result.hasNote("URL without a scheme"))
    }

    @Test("a file with no curl command is refused")
    func refusesNothing() {
        #expect(throws: ImportError.self) { try Importer.importText("echo hello\n", kind: .curl, file: "x.sh") }
    }
}
