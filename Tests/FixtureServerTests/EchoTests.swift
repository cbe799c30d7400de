import Foundation
import Testing

@testable import FixtureServer

@Suite struct EchoTests {
    @Test func echoDescribesTheRequest() throws {
        try withServer { server in
            let response = try curl([
                "-X", "POST", "-H", "X-First: 1", "-H", "Content-Type: application/json", "-H", "X-Last: z",
                "--data-binary", #"{"a": [1, 2.5, "x"], "b": null}"#,
                "\(server.baseURL)/echo?x=1&y=2",
            ])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let json = try response.json()
            #expect(json["method"] as? String == "POST")
            #expect(json["path"] as? String == "/echo")
            #expect(json["url"] as? String == "\(server.baseURL)/echo?x=1&y=2")
            #expect(json["body"] as? String == #"{"a": [1, 2.5, "x"], "b": null}"#)
            #expect(json["bodySize"] as? Int == 31)
            #expect(json["bodyBase64"] is NSNull)
            #expect(json["form"] is NSNull)
            let parsed = try #require(json["json"] as? [String: Any])
            #expect((parsed["a"] as? [Any])?.count == 3)
            #expect(parsed["b"] is NSNull)
            let names = try #require(json["headers"] as? [[String]]).map { $0[0] }
            let first = try #require(names.firstIndex(of: "X-First"))
            let contentType = try #require(names.firstIndex(of: "Content-Type"))
            let last = try #require(names.firstIndex(of: "X-Last"))
            #expect(first < contentType && contentType < last)
        }
    }

    @Test func queryRepeatsBecomeArrays() throws {
        try withServer { server in
            let json = try curl(["\(server.baseURL)/get?a=1&b=x%20y&a=2&c=&a=3&d=plus+sign"]).json()
            let query = try #require(json["query"] as? [String: Any])
            #expect(query["a"] as? [String] == ["1", "2", "3"])
            #expect(query["b"] as? String == "x y")
            #expect(query["c"] as? String == "")
            #expect(query["d"] as? String == "plus sign")
        }
    }

    @Test func anythingKeepsSubpathAndParsesForms() throws {
        try withServer { server in
            let json = try curl(["-X", "PUT", "--data", "name=Ann+Lee&tag=a&tag=b", "\(server.pageURL)/anything/deep/path"]).json()
            #expect(json["method"] as? String == "PUT")
            #expect(json["path"] as? String == "/anything/deep/path")
            let form = try #require(json["form"] as? [String: Any])
            #expect(form["name"] as? String == "Ann Lee")
            #expect(form["tag"] as? [String] == ["a", "b"])
            #expect(json["json"] is NSNull)
        }
    }

    @Test func binaryBodiesComeBackAsBase64() throws {
        try withServer { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-binary-\(UUID().uuidString)")
            try Data([0xFF, 0x00, 0xFE, 0x41]).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let json = try curl(["--data-binary", "@\(file.path)", "\(server.baseURL)/echo"]).json()
            #expect(json["body"] is NSNull)
            #expect(json["bodyBase64"] as? String == "/wD+QQ==")
            #expect(json["bodySize"] as? Int == 4)
        }
    }

    @Test func headersAreLowerCased() throws {
        try withServer { server in
            let json = try curl(["-H", "X-Mixed-Case: v", "-H", "X-Twice: 1", "-H", "X-Twice: 2", "\(server.baseURL)/headers"]).json()
            let headers = try #require(json["headers"] as? [String: String])
            #expect(headers["x-mixed-case"] == "v")
            #expect(headers["x-twice"] == "1, 2")
        }
    }

    @Test func statusParameterOverridesEcho() throws {
        try withServer { server in
            let response = try curl(["\(server.baseURL)/get?status=418"])
            #expect(response.status == 418)
            try #expect(response.json()["path"] as? String == "/get")
            try #expect(curl(["\(server.baseURL)/get?status=99"]).status == 400)
        }
    }
}
