import Engine
import Importers
import Testing

@Suite("Import: Postman Collection v2.1")
struct PostmanImportTests {
    let result: ImportResult
    var collection: JSONValue { result.collection }

    init() throws {
        result = try Samples.load("shop.postman_collection.json", .postman,
                                  options: ImportOptions(environmentPaths: [Samples.path("shop.postman_environment.json")]))
    }

    @Test("every request is imported, folders become nested groups, in order")
    func structure() {
        #expect(result.requestCount == 11)
        let ids = collection.flattenedRequests.map { ($0.path + [$0.request["name"]?.stringValue ?? "?"]).joined(separator: "/") }
        #expect(ids == [
            "Auth/Log in", "Users/List users", "Users/Get user", "Users/Create user", "Users/Admin/Upload avatar",
            "Users/Admin/Import CSV", "Users/Admin/Digest only", "Search", "Reports - daily", "Reports - daily (2)", "Ping",
        ])
        #expect(collection["name"] == .string("Shop API"))
        #expect(collection["requests"]?[1]?["description"] == .string("Everything about users."))
        #expect(result.hasNote("renamed 'Reports / daily' to 'Reports - daily'"))
        #expect(result.hasNote("renamed 'Reports / daily' to 'Reports - daily (2)'"))
    }

    @Test("the imported collection validates, with and without the environment")
    func validates() {
        #expect(Samples.validationErrors(result) == [])
        #expect(Samples.validationErrors(result, environment: "Staging") == [])
    }

    @Test("auth is inherited from the collection and folders; noauth and other types override it")
    func authInheritance() {
        #expect(collection.request("Auth/Log in")?["headers"]?["Authorization"] == nil)
        #expect(collection.request("Users/List users")?["headers"]?["Authorization"] == .string("Bearer {{accessToken}}"))
        #expect(collection.request("Ping")?["headers"]?["Authorization"] == .string("Bearer {{accessToken}}"))
        let basic = collection.request("Users/Admin/Upload avatar")?["headers"]?["Authorization"]
        #expect(basic == .string("Basic {{basic_credentials}}"))
        #expect(collection.request("Users/Admin/Import CSV")?["headers"]?["Authorization"] == basic)
        // base64("alice:wonderland"), resolved from the collection's variables, kept as a secret variable.
        #expect(collection["variables"]?["basic_credentials"] == .object(JSONObject([("value", .string("YWxpY2U6d29uZGVybGFuZA==")), ("secret", .bool(true))])))
        #expect(collection.request("Users/Admin/Digest only")?["headers"]?["Authorization"] == nil)
        #expect(result.hasNote("auth type 'digest' of 'Users/Admin/Digest only' is not supported"))
        #expect(collection.request("Search")?["url"] == .string("{{baseUrl}}/anything/graphql?api_key={{apiKey}}"))
    }

    @Test("secrets: secret types, secret-looking names, env-only tokens and literal key headers are redacted at run time")
    func secrets() {
        let variables = collection["variables"]
        #expect(variables?["apiKey"]?["secret"] == .bool(true))
        #expect(variables?["password"]?["secret"] == .bool(true))
        #expect(variables?["user"] == .string("alice"))
        #expect(collection["secrets"] == .array([.string("accessToken")]))
        #expect(collection.request("Reports - daily")?["headers"]?["X-Api-Key"] == .string("{{x-api-key}}"))
        #expect(variables?["x-api-key"] == .object(JSONObject([("value", .string("literal-key-999")), ("secret", .bool(true))])))
        let staging = collection["environments"]?["Staging"]
        #expect(staging?["accessToken"] == .object(JSONObject([("value", .string("st-token-abc")), ("secret", .bool(true))])))
        #expect(staging?["baseUrl"] == .string("https://staging.shop.example"))
        #expect(staging?["days"] == nil, "disabled environment values are left out")
    }

    @Test("every body mode: raw JSON stays typed, urlencoded repeats keys, form-data parts, file, graphql, raw XML")
    func bodies() {
        #expect(collection.request("Auth/Log in")?["body"] == .object(JSONObject([("json", .object(JSONObject([
            ("user", .string("{{user}}")), ("password", .string("{{password}}")),
        ])))])))
        #expect(collection.request("Users/Create user")?["body"]?["form"] == .object(JSONObject([
            ("name", .string("{{user}}")), ("tag", .array([.string("a"), .string("b")])),
        ])))
        let parts = collection.request("Users/Admin/Upload avatar")?["body"]?["multipart"]?.arrayValue ?? []
        #expect(parts.count == 2)
        #expect(parts.first?["value"] == .string("me, {{randomFirstName}}"))
        #expect(parts.last == .object(JSONObject([("name", .string("avatar")), ("file", .string("avatar.txt")), ("contentType", .string("text/plain"))])))
        #expect(collection.request("Users/Admin/Import CSV")?["body"] == .object(JSONObject([("file", .string("avatar.txt"))])))
        let graphql = collection.request("Search")?["body"]?["json"]
        #expect(graphql?["query"] == .string("query Find($q: String!) { products(q: $q) { id name } }"))
        #expect(graphql?["variables"] == .object(JSONObject([("q", .string("{{term}}"))])))
        #expect(collection.request("Reports - daily (2)")?["body"] == .object(JSONObject([("text", .string("<purge days=\"{{days}}\"/>"))])))
    }

    @Test("URLs: query as written (disabled ones left out), path variables filled in, dynamic variables translated")
    func urls() {
        #expect(collection.request("Users/List users")?["url"] == .string("{{baseUrl}}/get?page=2&sort=name"))
        #expect(collection.request("Users/List users")?["headers"]?["X-Debug"] == nil)
        #expect(collection.request("Users/Get user")?["url"] == .string("{{baseUrl}}/anything/users/42/orders/{{orderId}}"))
        #expect(result.hasNote("path variable :orderId has no value"))
        #expect(collection.request("Reports - daily (2)")?["url"] == .string("{{baseUrl}}/anything/reports?at={{$timestamp}}&n={{$randomInt 0 1001}}"))
        #expect(collection.request("Users/Create user")?["headers"]?["X-Request-Id"] == .string("{{$guid}}"))
        #expect(result.hasNote("dynamic variable {{$randomFirstName}} has no Workbench equivalent"))
    }

    @Test("scripts, redirect behaviour and undefined variables are reported with their line")
    func notes() {
        #expect(result.hasNote("pre-request script of collection is not run", line: 13))
        #expect(!result.hasNote("test script of collection"), "an empty script is not worth a note")
        #expect(result.hasNote("test script of request 'Auth/Log in' is not run", line: 30))
        #expect(result.hasNote("variable 'days' is not defined in the collection"))
        #expect(result.hasNote("variable 'unused old var' renamed to 'unused_old_var'"))
        #expect(collection["defaults"]?["options"]?["followRedirects"] == .bool(true))
        #expect(collection.request("Reports - daily")?["options"]?["followRedirects"] == .bool(false))
    }

    @Test("a file that is not a Postman collection is refused with a reason")
    func refusesOtherJSON() throws {
        #expect(throws: ImportError.self) { try Samples.load("browser.har", .postman) }
    }
}
