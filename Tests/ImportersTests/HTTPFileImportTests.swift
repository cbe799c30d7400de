import Engine
import Importers
import Testing

@Suite("Import: .http / .rest files")
struct HTTPFileImportTests {
    let result: ImportResult
    var collection: JSONValue { result.collection }

    init() throws {
        result = try Samples.load("api.http", .http)
    }

    @Test("every request block is imported, named by ###, # @name, or method and path")
    func names() {
        let names = collection.flattenedRequests.compactMap { $0.request["name"]?.stringValue }
        // `# @name login` wins over the `### Log in` title (JetBrains' rule), so the last block keeps 'Log in'.
        #expect(names == ["login", "listOrders", "Upload orders from a file", "Create order with generated ids",
                          "GET status 204", "Multipart upload", "GET get", "Log in"])
        #expect(result.requestCount == 8)
    }

    @Test("it validates")
    func validates() {
        #expect(Samples.validationErrors(result) == [])
    }

    @Test("file variables, multi-line bodies and HTTP/1.1 request lines")
    func variablesAndBodies() {
        #expect(collection["variables"]?["host"] == .string("http://127.0.0.1:18602"))
        #expect(collection["variables"]?["contentType"] == .string("application/json"))
        let login = collection.request("login")
        #expect(login?["method"] == .string("POST"))
        #expect(login?["url"] == .string("{{host}}/anything/login"))
        #expect(login?["headers"]?["Content-Type"] == .string("{{contentType}}"))
        #expect(login?["body"]?["text"] == .string("{\n  \"user\": \"{{user}}\",\n  \"password\": \"{{$processEnv SHOP_PASSWORD}}\"\n}"))
        #expect(result.hasNote("response handler script is not supported", line: 16))
        #expect(collection.request("Upload orders from a file")?["body"] == .object(JSONObject([("file", .string("payload.json"))])))
    }

    @Test("request variables become captures on the named request")
    func requestVariables() {
        let list = collection.request("listOrders")
        #expect(list?["url"] == .string("{{host}}/get?page=2&size={{$randomInt 10 20}}"))
        #expect(list?["headers"]?["Authorization"] == .string("Bearer {{login_json_user}}"))
        #expect(list?["headers"]?["X-Trace"] == .string("{{login_Content-Type}}"))
        let captures = collection.request("login")?["capture"]
        #expect(captures?["login_json_user"] == .object(JSONObject([("jsonpath", .string("$.json.user"))])))
        #expect(captures?["login_Content-Type"] == .object(JSONObject([("header", .string("Content-Type"))])))
    }

    @Test("generators: REST Client spellings kept, JetBrains ones translated, the rest reported")
    func generators() {
        let headers = collection.request("Create order with generated ids")?["headers"]
        #expect(headers?["X-Request-Id"] == .string("{{$guid}}"))
        #expect(headers?["X-Jet-Id"] == .string("{{$guid}}"))
        #expect(headers?["X-Jet-Int"] == .string("{{$randomInt 1 5}}"))
        #expect(headers?["X-When"] == .string("{{$datetime iso8601 1 d}}"))
        #expect(headers?["X-Local"] == .string("{{$datetime rfc1123}}"))
        #expect(headers?["X-Env"] == .string("{{$processEnv SHOP_REGION}}"))
        #expect(result.hasNote("{{$dotenv SHOP_REGION}} reads the process environment"))
        #expect(collection.request("Create order with generated ids")?["options"]?["followRedirects"] == .bool(false))
    }

    @Test("secrets: a literal bearer token becomes a secret variable; an undefined variable is defined and reported")
    func secrets() {
        #expect(collection.request("Create order with generated ids")?["headers"]?["Authorization"] == .string("Bearer {{token}}"))
        #expect(collection["variables"]?["token"] == .object(JSONObject([("value", .string("s3cr3t-literal-token")), ("secret", .bool(true))])))
        #expect(collection.request("Log in")?["headers"]?["Cookie"] == .string("{{cookie}}"))
        #expect(collection["variables"]?["note"] == .string(""))
        #expect(result.hasNote("variable 'note' is used but not defined"))
        #expect(result.hasNote("response redirection '>> responses/session.json' is not supported", line: 70))
    }

    @Test("multipart bodies are sent with CRLF line ends; a bare URL line is a GET")
    func multipartAndBareURL() {
        let body = collection.request("Multipart upload")?["body"]?["text"]?.stringValue ?? ""
        #expect(body.hasPrefix("--WebAppBoundary\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n--WebAppBoundary--\r\n"))
        #expect(collection.request("GET get")?["method"] == .string("GET"))
        #expect(collection.request("GET get")?["url"] == .string("https://localhost:18601/get"))
    }

    @Test("a file without a request line is refused")
    func refusesEmpty() {
        #expect(throws: ImportError.self) { try Importer.importText("@a = 1\n# nothing else\n", kind: .http, file: "empty.http") }
    }

    @Test("--environment http-client.env.json adds named environments; secret-looking names are secret")
    func environments() throws {
        let result = try Samples.load("api.http", .http, options: ImportOptions(environmentPaths: [Samples.path("http-client.env.json")]))
        let environments = result.collection["environments"]
        #expect(environments?.objectValue?.keys == ["dev", "prod"])
        #expect(environments?["dev"]?["host"] == .string("http://127.0.0.1:18602"))
        #expect(environments?["prod"]?["apiToken"] == .object(JSONObject([("value", .string("prod-xyz")), ("secret", .bool(true))])))
        #expect(environments?["prod"]?["nested"] == nil)
        #expect(result.hasNote("environment variable 'nested' is not a scalar"))
        #expect(Samples.validationErrors(result, environment: "prod") == [])
    }
}
