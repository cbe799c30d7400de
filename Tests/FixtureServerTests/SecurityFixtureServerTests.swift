import FixtureServer
import Testing

/// Security (issue #7): the fixture server caps what it accepts. An oversized request head (too many bytes
/// or too many header lines) is answered `431` and the connection closed; the server goes on serving.
/// (The body cap, `413`, is `FixtureServerTests.ConnectionTests.bodiesAboveTheCapGet413`; the bind address
/// is `SecuritySuiteTests.serveBindsLoopback`.)
@Suite("Security: fixture server caps", .serialized)
struct SecurityFixtureServerTests {
    /// Sends `request` on a fresh connection to the fixture server and returns what came back before it
    /// closed (or reset) the connection or 10 s passed.
    static func exchange(_ request: [UInt8], port: Int) throws -> String {
        String(decoding: try RawHTTPClient.exchange(port: port, bytes: request, timeoutSeconds: 10).bytes, as: UTF8.self)
    }

    static func head(_ lines: [String]) -> [UInt8] {
        Array((["GET /get HTTP/1.1", "Host: 127.0.0.1"] + lines + ["", ""]).joined(separator: "\r\n").utf8)
    }

    /// The server still answers a plain request.
    static func stillServes(_ server: FixtureServer) throws -> Bool {
        try exchange(head(["Connection: close"]), port: server.basePort).hasPrefix("HTTP/1.1 200")
    }

    @Test("too many header lines: 431, connection closed, the server goes on")
    func tooManyHeaders() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let lines = (0...FixtureServer.maxHeaderCount).map { "X-H\($0): 1" }
        let answer = try Self.exchange(Self.head(lines), port: server.basePort)
        #expect(answer.hasPrefix("HTTP/1.1 431"), "\(answer.prefix(80))")
        #expect(try Self.stillServes(server))
        #expect(server.requestLog().filter { $0.header("X-H0") != nil }.isEmpty, "the refused request is not handled")
        let atCap = (1..<FixtureServer.maxHeaderCount - 2).map { "X-H\($0): 1" } + ["Connection: close"]
        #expect(try Self.exchange(Self.head(atCap), port: server.basePort).hasPrefix("HTTP/1.1 200"), "below the cap is served")
    }

    @Test("an oversized request head (one huge header, or many big ones): 431 or closed, never served; the server goes on")
    func oversizedHead() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let huge = ["X-Big: " + String(repeating: "a", count: FixtureServer.maxHeaderBytes + 1024)]
        let many = (0..<40).map { "X-Big\($0): " + String(repeating: "b", count: 2048) }
        for lines in [huge, many] {
            let answer = try Self.exchange(Self.head(lines), port: server.basePort)
            #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 431"), "\(answer.prefix(80))")
            #expect(try Self.stillServes(server))
        }
        #expect(server.requestLog().allSatisfy { $0.header("X-Big") == nil && $0.header("X-Big0") == nil })
    }

    @Test("a malformed request line is 400, not 431")
    func malformed() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let answer = try Self.exchange(Array("GET /get HTTP/1.1\r\nBad Header\r\n\r\n".utf8), port: server.basePort)
        #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(80))")
        #expect(try Self.stillServes(server))
    }
}
