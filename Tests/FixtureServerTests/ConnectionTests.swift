import Foundation
import Testing

@testable import FixtureServer

@Suite struct ConnectionTests {
    @Test func bothPortsServeTheSameRoutes() throws {
        try withServer { server in
            #expect(server.pageURL == "http://localhost:\(server.pagePort)")
            #expect(server.baseURL == "http://127.0.0.1:\(server.basePort)")
            #expect(server.pagePort != server.basePort)
            for url in [server.pageURL, server.baseURL, "http://127.0.0.1:\(server.pagePort)"] {
                try #expect(curl(["\(url)/json"]).status == 200, "\(url)")
            }
            let ports = Set(server.requestLog().map(\.port))
            #expect(ports == [server.pagePort, server.basePort])
        }
    }

    @Test func headIsAnsweredWithoutBody() throws {
        try withServer { server in
            let response = try curl(["-I", "\(server.baseURL)/bytes/1000"])
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "1000")
            let json = try curl(["-I", "\(server.baseURL)/json?acao=*"])
            #expect(json.header("Access-Control-Allow-Origin") == "*")
            #expect(json.header("Content-Length").flatMap(Int.init).map { $0 > 0 } == true)

            // On the wire: one head, no body, and the connection stays usable.
            let wire = try RawHTTPClient.exchange(
                port: server.basePort,
                request: "HEAD /get HTTP/1.1\r\nHost: x\r\n\r\nHEAD /bytes/1000 HTTP/1.1\r\nHost: x\r\n\r\nGET /text HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            let text = String(decoding: wire.bytes, as: UTF8.self)
            #expect(wire.closed)
            #expect(wire.bytes.occurrences(of: "HTTP/1.1 200 OK") == 3)
            #expect(!text.contains("\"method\""))
            #expect(text.contains("content-length: 1000") || text.contains("Content-Length: 1000"))
            #expect(text.hasSuffix("Hello from the Workbench fixture server.\n"))
        }
    }

    @Test func keepAliveReusesOneConnection() throws {
        try withServer { server in
            let response = try curl(
                // The helper's `-o` takes the first URL's body; the others go to /dev/null.
                ["-o", "/dev/null", "-o", "/dev/null", "\(server.baseURL)/get", "\(server.baseURL)/json", "\(server.baseURL)/status/204"],
                writeOut: "%{num_connects}\n"
            )
            #expect(response.writeOut == "1\n0\n0\n")
        }
    }

    @Test func pipelinedRequestsAndConnectionClose() throws {
        try withServer { server in
            let request =
                "GET /get?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /status/201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let wire = try RawHTTPClient.exchange(port: server.basePort, request: request)
            #expect(wire.closed)
            #expect(wire.bytes.occurrences(of: "HTTP/1.1 200 OK") == 2)
            #expect(wire.bytes.occurrences(of: "HTTP/1.1 201 Created") == 1)
            #expect(wire.bytes.occurrences(of: "connection: close") + wire.bytes.occurrences(of: "Connection: close") == 1)
            #expect(server.requestLog().map(\.path) == ["/get", "/echo", "/status/201"])
            #expect(server.requestLog()[1].bodySize == 3)
        }
    }

    @Test func keepAliveConnectionStaysOpen() throws {
        try withServer { server in
            let wire = try RawHTTPClient.exchange(
                port: server.basePort, request: "GET /text HTTP/1.1\r\nHost: x\r\n\r\n", timeoutSeconds: 1)
            #expect(!wire.closed)
            #expect(wire.bytes.occurrences(of: "HTTP/1.1 200 OK") == 1)
        }
    }

    @Test func http10ClosesByDefault() throws {
        try withServer { server in
            let wire = try RawHTTPClient.exchange(port: server.basePort, request: "GET /text HTTP/1.0\r\n\r\n")
            #expect(wire.closed)
            #expect(wire.bytes.occurrences(of: "HTTP/1.0 200 OK") == 1)
        }
    }

    @Test func malformedRequestsGet400AndServerSurvives() throws {
        try withServer { server in
            let wire = try RawHTTPClient.exchange(port: server.basePort, request: "THIS IS NOT HTTP\r\n\r\n")
            #expect(wire.bytes.occurrences(of: " 400 ") == 1)
            try #expect(curl(["\(server.baseURL)/get"]).status == 200)
        }
    }

    @Test func bodiesAboveTheCapGet413() throws {
        try withServer(FixtureServerConfiguration(maxBodyBytes: 1000)) { server in
            let small = try curl(["--data-binary", String(repeating: "a", count: 1000), "\(server.baseURL)/echo"])
            #expect(small.status == 200)
            let large = try curl(["--data-binary", String(repeating: "a", count: 1001), "\(server.baseURL)/echo"])
            #expect(large.status == 413)
            // Chunked upload without Content-Length: refused while streaming.
            let chunked = try curl([
                "-H", "Transfer-Encoding: chunked", "--data-binary", String(repeating: "b", count: 5000), "\(server.baseURL)/echo",
            ])
            #expect(chunked.status == 413)
            try #expect(curl(["\(server.baseURL)/get"]).status == 200)
        }
    }

    @Test func stopIsIdempotentAndFreesThePorts() throws {
        let server = try FixtureServer.start()
        let (page, base) = (server.pagePort, server.basePort)
        try #expect(curl(["\(server.baseURL)/get", "-o", "/dev/null", "\(server.pageURL)/get"]).status == 200)
        server.stop()
        server.stop()
        let again = try FixtureServer.start(FixtureServerConfiguration(pagePort: page, basePort: base))
        #expect(again.pagePort == page && again.basePort == base)
        again.stop()
    }
}
