import Foundation
import Testing

@testable import FixtureServer

/// `/__conformance/<file>`, `/worker.js` and the results mailbox used by `scripts/conformance`.
/// The directory is process-wide, so these tests run one at a time and switch the routes off again.
@Suite(.serialized) struct ConformanceRouteTests {
    static func withDirectory(_ body: (FixtureServer, URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wb-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<p>page</p>\n".utf8).write(to: folder.appendingPathComponent("page.html"))
        try Data("postMessage(1);\n".utf8).write(to: folder.appendingPathComponent("worker.js"))
        try Data("secret\n".utf8).write(to: folder.appendingPathComponent(".hidden"))
        ConformancePages.setDirectory(folder.path)
        defer { ConformancePages.setDirectory(nil) }
        try withServer { server in try body(server, folder) }
    }

    @Test func servesFilesOfTheDirectoryOnly() throws {
        try Self.withDirectory { server, _ in
            let page = try curl(["\(server.pageURL)/__conformance/page.html"])
            #expect(page.status == 200 && page.text == "<p>page</p>\n")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.header("Cache-Control") == "no-store")
            let worker = try curl(["\(server.pageURL)/worker.js"])
            #expect(worker.status == 200 && worker.text == "postMessage(1);\n")
            #expect(worker.header("Content-Type") == "text/javascript; charset=utf-8")
            for bad in ["missing.js", ".hidden", "..%2Fpage.html", "%2Fetc%2Fpasswd"] {
                try #expect(curl(["\(server.pageURL)/__conformance/\(bad)"]).status == 404, "\(bad)")
            }
            try #expect(curl(["--path-as-is", "\(server.pageURL)/__conformance/../__conformance/page.html"]).status == 404)
            try #expect(curl(["-X", "POST", "\(server.pageURL)/__conformance/page.html"]).status == 405)
        }
    }

    @Test func resultsAreKeptPerRun() throws {
        try Self.withDirectory { server, _ in
            for body in ["{\"a\":1}", "{\"a\":2}"] {
                let posted = try curl(["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body,
                                       "\(server.pageURL)/__conformance/results?run=t1"])
                #expect(posted.status == 204)
            }
            let read = try curl(["\(server.baseURL)/__conformance/results?run=t1"])
            #expect(read.status == 200 && read.text == "[{\"a\":1},{\"a\":2}]\n")
            try #expect(curl(["\(server.baseURL)/__conformance/results?run=other"]).text == "[]\n")
            try #expect(curl(["-X", "POST", "--data-binary", "{}", "\(server.baseURL)/__conformance/results"]).status == 400)
        }
    }

    @Test func routesAreOffWithoutADirectory() throws {
        ConformancePages.setDirectory(nil)
        try withServer { server in
            try #expect(curl(["\(server.pageURL)/__conformance/page.html"]).status == 404)
            try #expect(curl(["\(server.pageURL)/worker.js"]).status == 404)
        }
    }
}
