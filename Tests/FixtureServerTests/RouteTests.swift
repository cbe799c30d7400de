import Foundation
import Testing

@testable import FixtureServer

@Suite struct RouteTests {
    @Test func statusRoutes() throws {
        try withServer { server in
            let teapot = try curl(["\(server.baseURL)/status/418"])
            #expect(teapot.status == 418)
            #expect(teapot.text.hasPrefix("418"))
            let noContent = try curl(["\(server.baseURL)/status/204"])
            #expect(noContent.status == 204)
            #expect(noContent.body.isEmpty)
            #expect(noContent.header("Content-Length") == nil)
            try #expect(curl(["\(server.baseURL)/status/abc"]).status == 400)
            try #expect(curl(["\(server.baseURL)/no/such/route"]).status == 404)
        }
    }

    @Test func delayWaitsBeforeAnswering() throws {
        try withServer { server in
            let start = Date()
            let response = try curl(["\(server.baseURL)/delay/300"])
            #expect(response.status == 200)
            try #expect(response.json()["path"] as? String == "/delay/300")
            #expect(Date().timeIntervalSince(start) >= 0.3)

            let queryStart = Date()
            try #expect(curl(["\(server.baseURL)/json?delay=250"]).status == 200)
            #expect(Date().timeIntervalSince(queryStart) >= 0.25)
            try #expect(curl(["\(server.baseURL)/get?delay=-1"]).status == 400)
        }
    }

    @Test func bytesAreDeterministicAndSized() throws {
        try withServer { server in
            let count = 10 * 1024 * 1024
            let response = try curl(["\(server.baseURL)/bytes/\(count)"])
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == String(count))
            #expect(response.header("Content-Type") == "application/octet-stream")
            #expect(response.body.count == count)
            let mismatch = response.body.enumerated().first { $0.element != UInt8($0.offset % 251) }
            #expect(mismatch == nil)
            try #expect(curl(["\(server.baseURL)/bytes/0"]).body.isEmpty)
        }
    }

    @Test func bytesCanBeChunked() throws {
        try withServer { server in
            let count = 200_003
            let response = try curl(["\(server.baseURL)/bytes/\(count)?chunked=1"])
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.header("Content-Length") == nil)
            #expect(response.body.count == count)
            #expect(response.body.enumerated().allSatisfy { $0.element == UInt8($0.offset % 251) })
        }
    }

    @Test func redirectChainKeepsQueryAndStatus() throws {
        try withServer { server in
            let response = try curl(["-L", "\(server.baseURL)/redirect/3?status=307&acao=*"], writeOut: "%{num_redirects}")
            #expect(response.status == 200)
            #expect(response.writeOut == "3")
            #expect(response.statusLines.dropLast().allSatisfy { $0.contains(" 307") })
            let json = try response.json()
            #expect(json["path"] as? String == "/get")
            #expect((json["query"] as? [String: Any])?["acao"] as? String == "*")
            #expect(response.header("Access-Control-Allow-Origin") == "*")

            let hop = try curl(["\(server.baseURL)/redirect/2?status=301&x=a+b"])
            #expect(hop.status == 301)
            #expect(hop.header("Location") == "/redirect/1?status=301&x=a+b")
            let last = try curl(["\(server.baseURL)/redirect/1?status=308&x=1"])
            #expect(last.header("Location") == "/get?x=1")
            try #expect(curl(["-L", "\(server.baseURL)/redirect/2"]).statusLines.count == 3)
            try #expect(curl(["\(server.baseURL)/redirect/2?status=200"]).status == 400)
        }
    }

    @Test func redirectTo() throws {
        try withServer { server in
            let absolute = try curl(["\(server.baseURL)/redirect-to?url=http%3A%2F%2Fexample.test%2Fx%3Fa%3D1&status=307"])
            #expect(absolute.status == 307)
            #expect(absolute.header("Location") == "http://example.test/x?a=1")
            let relative = try curl(["\(server.baseURL)/redirect-to?url=/json"])
            #expect(relative.status == 302)
            #expect(relative.header("Location") == "/json")
            let bare = try curl(["\(server.baseURL)/redirect-to?status=303"])
            #expect(bare.status == 303)
            #expect(bare.header("Location") == nil)
            try #expect(curl(["\(server.baseURL)/redirect-to?url=%2Fa%0D%0AX-Evil:1"]).status == 400)
        }
    }

    @Test func cookiesSetReadDelete() throws {
        try withServer { server in
            let set = try curl(["\(server.baseURL)/cookies/set?a=1&b=two&acao=*"])
            #expect(set.status == 200)
            #expect(set.headerValues("Set-Cookie") == ["a=1; Path=/", "b=two; Path=/"])
            #expect(set.header("Access-Control-Allow-Origin") == "*")
            let setCookies = try #require(try set.json()["cookies"] as? [String: String])
            #expect(setCookies == ["a": "1", "b": "two"])

            let read = try curl(["-H", "Cookie: a=1; b=two", "\(server.baseURL)/cookies"])
            try #expect(read.json()["cookies"] as? [String: String] == ["a": "1", "b": "two"])

            let delete = try curl(["-H", "Cookie: a=1; b=two", "\(server.baseURL)/cookies/delete?a"])
            let expiring = try #require(delete.header("Set-Cookie"))
            #expect(expiring.hasPrefix("a=;"))
            #expect(expiring.contains("Max-Age=0"))
            try #expect(delete.json()["cookies"] as? [String: String] == ["b": "two"])
        }
    }

    @Test func fixedJSONDocument() throws {
        try withServer { server in
            let response = try curl(["\(server.baseURL)/json"])
            #expect(response.header("Content-Type") == "application/json")
            let json = try response.json()
            #expect(json["count"] as? Int == 3)
            #expect(json["ok"] as? Bool == true)
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items[1]["price"] as? Double == 12.5)
            #expect(items[2]["price"] is NSNull)
            let slideshow = try #require(json["slideshow"] as? [String: Any])
            #expect(slideshow["author"] as? String == "Yours Truly")
        }
    }

    @Test func gzipDecodesWithSystemGzip() throws {
        try withServer { server in
            let response = try curl(["-H", "X-Probe: 1", "\(server.baseURL)/gzip"])
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.body.prefix(2) == Data([0x1F, 0x8B]))
            let decoded = try runTool("/usr/bin/gzip", ["-dc"], input: response.body)
            let json = try #require(try JSONSerialization.jsonObject(with: decoded) as? [String: Any])
            #expect(json["gzipped"] as? Bool == true)
            #expect((json["headers"] as? [String: String])?["x-probe"] == "1")
            // curl's own decoder agrees.
            try #expect(curl(["--compressed", "\(server.baseURL)/gzip"]).json()["gzipped"] as? Bool == true)
        }
    }

    @Test func gzipStoredBlocksSpanManyBlocks() throws {
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let decoded = try runTool("/usr/bin/gzip", ["-dc"], input: Data(Gzip.wrap(payload)))
        #expect(decoded == Data(payload))
        let empty = try runTool("/usr/bin/gzip", ["-dc"], input: Data(Gzip.wrap([])))
        #expect(empty.isEmpty)
    }

    @Test func smallContentTypes() throws {
        try withServer { server in
            try #expect(curl(["\(server.baseURL)/html"]).header("Content-Type")?.hasPrefix("text/html") == true)
            try #expect(curl(["\(server.baseURL)/xml"]).header("Content-Type") == "application/xml")
            try #expect(curl(["\(server.baseURL)/text"]).header("Content-Type")?.hasPrefix("text/plain") == true)
            let decoded = try curl(["\(server.baseURL)/base64/SGVsbG8sIHdvcmxkIQ"])
            #expect(decoded.text == "Hello, world!")
            try #expect(curl(["\(server.baseURL)/base64/_-8"]).body == Data([0xFF, 0xEF]))
            try #expect(curl(["\(server.baseURL)/base64/@@@"]).status == 400)
        }
    }
}
