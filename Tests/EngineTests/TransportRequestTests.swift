import Foundation
import FixtureServer
import Testing
@testable import Engine

/// What the transport puts on the wire: methods, bodies, headers exactly as given.
@Suite struct TransportRequestTests {
    typealias Support = TransportTestSupport

    @Test func getSendsExactlyTheGivenHeaders() throws {
        try Support.withServer { server, transport in
            let headers = [HeaderField("X-First", "1"), HeaderField("user-agent", "probe/1"), HeaderField("X-Last", "z")]
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo?q=1", headers: headers),
                                             kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.kind == .request)
            #expect(exchange.response?.status == 200)
            #expect(exchange.response?.reason == "OK")
            #expect(exchange.response?.httpVersion == "1.1")
            // libcurl adds Host only: no Accept, no Accept-Encoding, no User-Agent of its own.
            let expected = [HeaderField("Host", "127.0.0.1:\(server.basePort)")] + headers
            #expect(exchange.request.headers == expected)
            #expect(exchange.request.method == "GET")
            #expect(exchange.request.url == server.baseURL + "/echo?q=1")
            #expect(exchange.request.bodySize == 0)
            let logged = try #require(server.requestLog().last)
            #expect(logged.headers.map { HeaderField($0.name, $0.value) } == expected)
            #expect(logged.query == "q=1")
        }
    }

    @Test func headersRecordedFromHeaderOutMatchWhatTheServerSaw() throws {
        try Support.withServer { server, transport in
            let request = WireRequest(method: "POST", url: server.baseURL + "/echo",
                                      headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Empty", "")],
                                      body: .bytes(Array("{\"a\":1}".utf8)))
            let exchange = transport.perform(request, kind: .request)
            let echoed = Support.echoHeaders(try Support.echo(exchange))
            #expect(exchange.request.headers == echoed)
            #expect(echoed.values(for: "X-Empty") == [""])
            #expect(echoed.values(for: "Content-Length") == ["7"])
            #expect(!echoed.contains(name: "Expect"))
            #expect(!echoed.contains(name: "Accept"))
        }
    }

    @Test func postBytes() throws {
        try Support.withServer { server, transport in
            let body = Array("hello, wire".utf8)
            let exchange = transport.perform(WireRequest(
                method: "POST", url: server.baseURL + "/echo", headers: [HeaderField("Content-Type", "text/plain")],
                body: .bytes(body)), kind: .request)
            let echo = try Support.echo(exchange)
            #expect(echo["method"] as? String == "POST")
            #expect(echo["body"] as? String == "hello, wire")
            #expect(echo["bodySize"] as? Int == body.count)
            #expect(exchange.request.bodySize == Int64(body.count))
            #expect(Support.echoHeaders(echo).values(for: "Content-Type") == ["text/plain"])
        }
    }

    @Test func bodyWithoutContentTypeGetsNoFormContentType() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "PATCH", url: server.baseURL + "/echo",
                                                         body: .bytes([1, 2, 3])), kind: .request)
            let echo = try Support.echo(exchange)
            #expect(echo["method"] as? String == "PATCH")
            #expect(echo["bodySize"] as? Int == 3)
            #expect(!Support.echoHeaders(echo).contains(name: "Content-Type"))
        }
    }

    @Test func largeBodySendsNoExpectContinue() throws {
        try Support.withServer { server, transport in
            let body = Support.pattern(3 << 20)
            let exchange = transport.perform(WireRequest(method: "PUT", url: server.baseURL + "/echo",
                                                         body: .bytes(body)), kind: .request)
            #expect(exchange.error == nil)
            #expect(!exchange.request.headers.contains(name: "Expect"))
            let logged = try #require(server.requestLog().last)
            #expect(logged.method == "PUT")
            #expect(logged.bodySize == body.count)
            #expect(logged.header("Expect") == nil)
        }
    }

    @Test func emptyBytesBodySendsContentLengthZero() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "POST", url: server.baseURL + "/echo", body: .bytes([])),
                                             kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.request.headers.values(for: "Content-Length") == ["0"])
        }
    }

    @Test func fileBodyIsStreamed() throws {
        let bytes = Support.pattern(700_001)
        let path = try Support.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(
                method: "PUT", url: server.baseURL + "/echo",
                headers: [HeaderField("Content-Type", "application/octet-stream")], body: .file(path: path)), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.request.method == "PUT")
            #expect(exchange.request.bodySize == Int64(bytes.count))
            #expect(exchange.request.headers.values(for: "Content-Length") == ["\(bytes.count)"])
            let logged = try #require(server.requestLog().last)
            #expect(logged.bodySize == bytes.count)
            let echo = try Support.echo(exchange)
            let received = try #require(Data(base64Encoded: echo["bodyBase64"] as? String ?? ""))
            #expect(Array(received) == bytes)
        }
    }

    @Test func unreadableFileIsAnInvalidRequestAndNothingIsSent() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "POST", url: server.baseURL + "/echo",
                                                         body: .file(path: "/nonexistent/body.bin")), kind: .request)
            #expect(exchange.error?.kind == .invalidRequest)
            #expect(exchange.response == nil)
            #expect(server.requestLog().isEmpty)
        }
    }

    @Test func multipartValuesAndFiles() throws {
        let path = try Support.temporaryFile(Array("file contents\n".utf8), name: "notes.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Support.withServer { server, transport in
            let parts = [
                WirePart.value("title", "hello"),
                WirePart.file("upload", path: path, contentType: "text/plain"),
                WirePart(name: "blob", content: .bytes([0x41, 0x42]), filename: "ab.bin", contentType: "application/octet-stream"),
            ]
            let exchange = transport.perform(WireRequest(method: "POST", url: server.baseURL + "/echo", body: .multipart(parts)),
                                             kind: .request)
            #expect(exchange.error == nil)
            let echo = try Support.echo(exchange)
            let contentType = try #require(Support.echoHeaders(echo).values(for: "Content-Type").first)
            #expect(contentType.hasPrefix("multipart/form-data; boundary="))
            let text = try #require(echo["body"] as? String)
            #expect(text.contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"))
            #expect(text.contains("Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfile contents\n\r\n"))
            #expect(text.contains("name=\"blob\"; filename=\"ab.bin\"\r\nContent-Type: application/octet-stream\r\n\r\nAB\r\n"))
            #expect(exchange.request.bodySize == Int64(echo["bodySize"] as? Int ?? -1))
        }
    }

    @Test func headSendsNoBodyAndReadsNone() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "HEAD", url: server.baseURL + "/bytes/500"), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.request.method == "HEAD")
            #expect(exchange.response?.status == 200)
            #expect(exchange.response?.bodySize == 0)
        }
    }

    @Test func customMethodWithoutBody() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "DELETE", url: server.baseURL + "/echo"), kind: .request)
            let echo = try Support.echo(exchange)
            #expect(echo["method"] as? String == "DELETE")
            #expect(!exchange.request.headers.contains(name: "Content-Length"))
        }
    }

    @Test(arguments: [
        HeaderField("X-Bad", "a\r\nInjected: 1"),
        HeaderField("X-Bad", "a\nb"),
        HeaderField("X-Bad\r\nInjected", "1"),
        HeaderField("X Bad", "1"),
        HeaderField("X:Bad", "1"),
        HeaderField("", "1"),
    ])
    func crlfOrBadNameIsRefusedAndNothingArrives(_ header: HeaderField) throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo", headers: [header]),
                                             kind: .request)
            #expect(exchange.error?.kind == .invalidRequest)
            #expect(exchange.response == nil)
            #expect(server.requestLog().isEmpty)
            // The transport still works afterwards.
            #expect(transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo"), kind: .request).error == nil)
        }
    }

    @Test(arguments: ["GE T", "GET\r\n", ""])
    func badMethodIsRefused(_ method: String) {
        let exchange = CurlTransport().perform(WireRequest(method: method, url: "http://127.0.0.1:1/"), kind: .request)
        #expect(exchange.error?.kind == .invalidRequest)
    }
}
