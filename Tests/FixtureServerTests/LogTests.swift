import Foundation
import Testing

@testable import FixtureServer

@Suite struct LogTests {
    @Test func logRecordsEveryRequestInOrder() throws {
        try withServer { server in
            _ = try curl(["-H", "X-One: 1", "\(server.baseURL)/get?a=1&a=2"])
            _ = try curl(["--data", "hello", "\(server.pageURL)/anything/p"])
            _ = try curl(["-X", "OPTIONS", "-H", "Access-Control-Request-Method: PUT", "\(server.baseURL)/echo"])
            let log = server.requestLog()
            #expect(log.map(\.method) == ["GET", "POST", "OPTIONS"])
            #expect(log.map(\.path) == ["/get", "/anything/p", "/echo"])
            #expect(log[0].query == "a=1&a=2")
            #expect(log[0].port == server.basePort)
            #expect(log[1].port == server.pagePort)
            #expect(log[0].header("x-one") == "1")
            #expect(log[0].headers.first?.name == "Host")
            #expect(log[1].bodySize == 5)

            let viaHTTP = try curl(["\(server.baseURL)/__log"]).json()
            let entries = try #require(viaHTTP["requests"] as? [[String: Any]])
            #expect(entries.count == 3)
            #expect(entries[0]["query"] as? String == "a=1&a=2")
            #expect(entries[1]["bodySize"] as? Int == 5)
            let headers = try #require(entries[0]["headers"] as? [[String: String]])
            #expect(headers.contains { $0["name"] == "X-One" && $0["value"] == "1" })
            #expect(server.requestLog().count == 3, "requests to /__log are not logged")
        }
    }

    @Test func logCanBeCleared() throws {
        try withServer { server in
            _ = try curl(["\(server.baseURL)/get"])
            server.clearLog()
            #expect(server.requestLog().isEmpty)
            _ = try curl(["\(server.baseURL)/get"])
            let cleared = try curl(["-X", "DELETE", "\(server.baseURL)/__log"])
            #expect(cleared.status == 204)
            #expect(server.requestLog().isEmpty)
            try #expect(curl(["-X", "POST", "\(server.baseURL)/__log"]).status == 405)
        }
    }

    @Test func delayedRequestsAreLoggedBeforeTheyAreAnswered() throws {
        try withServer { server in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "-o", "/dev/null", "\(server.baseURL)/get?delay=1500"]
            try process.run()
            defer { process.waitUntilExit() }
            var waited = 0
            while server.requestLog().isEmpty && waited < 100 {
                usleep(10_000)
                waited += 1
            }
            #expect(server.requestLog().count == 1)
            #expect(process.isRunning)
        }
    }
}
