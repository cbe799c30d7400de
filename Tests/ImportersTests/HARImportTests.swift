import Engine
import Importers
import Testing

@Suite("Import: HAR 1.2")
struct HARImportTests {
    @Test("one request per entry in order, with the recorded status asserted")
    func entries() throws {
        let result = try Samples.load("browser.har", .har)
        let requests = result.collection.flattenedRequests.map(\.request)
        #expect(requests.count == 7)
        #expect(requests.compactMap { $0["assert"]?[0]?["status"]?.numberValue } == [200, 200, 200, 201, 302, 200])
        #expect(requests.last?["assert"] == nil)
        #expect(result.hasNote("no response was recorded for PUT http://127.0.0.1:18602/anything/blob"))
        #expect(Samples.validationErrors(result) == [])
    }

    @Test("--include and --exclude drop entries by URL, and the report counts them")
    func filters() throws {
        let result = try Samples.load("browser.har", .har, options: ImportOptions(exclude: [#"\.(css|js|png|woff2?)(\?|$)"#]))
        let urls = result.collection.flattenedRequests.compactMap { $0.request["url"]?.stringValue }
        #expect(urls.count == 5)
        #expect(!urls.contains { $0.contains("/static/") })
        #expect(result.hasNote("2 entries were left out by --include/--exclude"))
        let only = try Samples.load("browser.har", .har, options: ImportOptions(include: ["127\\.0\\.0\\.1"]))
        #expect(only.requestCount == 4)
        #expect(throws: ImportError.self) { try Samples.load("browser.har", .har, options: ImportOptions(include: ["("])) }
    }

    @Test("headers: pseudo and computed headers dropped, cookies joined, secrets become variables, {{ stays literal")
    func headers() throws {
        let result = try Samples.load("browser.har", .har)
        let cart = try #require(result.collection.flattenedRequests.map(\.request).first { $0["method"] == .string("POST") })
        let headers = cart["headers"]?.objectValue
        #expect(headers?.keys == ["content-type", "authorization", "cookie", "x-tpl"])
        #expect(result.hasNote("browser-managed headers (Origin, Sec-Fetch-*, Sec-CH-*) are left out"))
        #expect(headers?["authorization"] == .string("Bearer {{token}}"))
        #expect(headers?["cookie"] == .string("{{cookie}}"))
        #expect(result.collection["variables"]?["cookie"]?["value"] == .string("sid=1; theme=dark"))
        #expect(headers?["x-tpl"] == .string("\\{{literal}} text"))
        #expect(cart["body"]?["json"] == .object(JSONObject([("sku", .string("A-1")), ("qty", .number(2)), ("gift", .bool(true))])))
    }

    @Test("bodies: form params become a form, base64 text stays bytes")
    func bodies() throws {
        let requests = try Samples.load("browser.har", .har).collection.flattenedRequests.map(\.request)
        #expect(requests[4]["body"] == .object(JSONObject([("form", .object(JSONObject([("user", .string("alice")), ("remember", .string("on"))])))])))
        #expect(requests[6]["body"] == .object(JSONObject([("base64", .string("AAECAw=="))])))
    }

    @Test("Workbench's own HAR: preflights skipped, redirect hops folded, groups and names restored, redacted secrets become variables")
    func workbenchHAR() throws {
        let har = """
        {"log": {"version": "1.2", "creator": {"name": "workbench", "version": "0"}, "entries": [
          {"request": {"method": "OPTIONS", "url": "http://127.0.0.1:9/anything/a", "headers": []}, "response": {"status": 204}, "_kind": "preflight"},
          {"request": {"method": "GET", "url": "http://127.0.0.1:9/anything/a", "headers": [{"name": "Authorization", "value": "Bearer {{token}}"}, {"name": "Cookie", "value": "<redacted>"}]},
           "response": {"status": 200}, "_kind": "request", "_workbench": {"requestId": "users/admins/list"}},
          {"request": {"method": "GET", "url": "http://127.0.0.1:9/redirect/1", "headers": []}, "response": {"status": 302}, "_kind": "request"},
          {"request": {"method": "GET", "url": "http://127.0.0.1:9/get", "headers": []}, "response": {"status": 200}, "_kind": "redirect", "_workbench": {"requestId": "hop"}},
          {"request": {"method": "POST", "url": "http://127.0.0.1:9/anything", "headers": [], "postData": {"mimeType": "application/json", "text": "", "_bodySize": 12}},
           "response": {"status": 0}, "_kind": "request", "_error": {"kind": "connection-refused", "message": "refused"}, "_workbench": {"requestId": "users/create"}}
        ], "_workbench": {"collection": "Demo", "unsent": [{"requestId": "skipped one", "outcome": "skipped"}]}}}
        """
        let result = try Importer.importText(har, kind: .har, file: "run.har")
        let collection = result.collection
        #expect(collection["name"] == .string("Demo"))
        #expect(result.requestCount == 3)
        let list = try #require(collection.request("users/admins/list"))
        #expect(list["headers"]?["Authorization"] == .string("Bearer {{token}}"))
        #expect(list["headers"]?["Cookie"] == .string("{{cookie}}"))
        #expect(collection["variables"]?["token"] == .object(JSONObject([("value", .string("")), ("secret", .bool(true))])))
        let hop = try #require(collection.request("hop"))
        #expect(hop["url"] == .string("http://127.0.0.1:9/redirect/1"))
        #expect(hop["options"]?["followRedirects"] == .bool(true))
        #expect(hop["assert"] == .array([.object(JSONObject([("status", .number(200))]))]))
        #expect(collection.request("users/create")?["body"] == .object(JSONObject([("text", .string(""))])))
        #expect(result.hasNote("the recording did not keep the request body (12 bytes sent)"))
        #expect(result.hasNote("CORS preflight OPTIONS"))
        #expect(result.hasNote("request 'skipped one' put nothing on the wire"))
        #expect(Samples.validationErrors(result) == [])
    }

    @Test("a JSON file that is not HAR is refused")
    func refusesOtherJSON() {
        #expect(throws: ImportError.self) { try Importer.importText("{\"item\": []}", kind: .har, file: "x.json") }
    }
}
