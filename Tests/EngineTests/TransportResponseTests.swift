import Foundation
import FixtureServer
import Testing
@testable import Engine

/// What the transport records about responses: status, headers, bodies, redirects, timings, reuse.
@Suite struct TransportResponseTests {
    typealias Support = TransportTestSupport

    @Test(arguments: [200, 201, 204, 404, 418, 500, 503])
    func statusCodes(_ code: Int) throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/status/\(code)"), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.response?.status == code)
        }
    }

    @Test func repeatedResponseHeadersStaySeparateAndInOrder() throws {
        try Support.withServer { server, transport in
            let url = server.baseURL + "/echo?header=X-Rep:one&header=X-Other:x&header=X-Rep:two"
            let exchange = transport.perform(WireRequest(method: "GET", url: url), kind: .request)
            let headers = try #require(exchange.response?.headers)
            #expect(headers.values(for: "X-Rep") == ["one", "two"])
            let names = headers.map { $0.name.lowercased() }.filter { $0.hasPrefix("x-") }
            #expect(names == ["x-rep", "x-other", "x-rep"])
        }
    }

    @Test func keepAliveReusesOneConnectionFor50Requests() throws {
        try Support.withServer { server, transport in
            for index in 0..<50 {
                let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo?i=\(index)"), kind: .request)
                #expect(exchange.error == nil)
            }
            #expect(transport.connectionsOpened == 1)
            let ports = Set(server.requestLog().map(\.port))
            #expect(server.requestLog().count == 50)
            #expect(ports.count == 1)
        }
    }

    @Test func redirectsAreNotFollowedAndTheTargetIsResolved() throws {
        try Support.withServer { server, transport in
            let url = server.baseURL + "/redirect-to?url=/echo%3Fx%3D1&status=307"
            let exchange = transport.perform(WireRequest(method: "GET", url: url), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.response?.status == 307)
            #expect(exchange.response?.redirectURL == server.baseURL + "/echo?x=1")
            #expect(server.requestLog().count == 1)
            let relative = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/redirect/2"), kind: .request)
            #expect(relative.response.map { (300..<400).contains($0.status) } == true)
            #expect(relative.response?.redirectURL?.hasPrefix(server.baseURL + "/") == true)
            #expect(server.requestLog().count == 2)
        }
    }

    @Test func gzipIsDecodedWhenAsked() throws {
        try Support.withServer { server, transport in
            let request = WireRequest(method: "GET", url: server.baseURL + "/gzip",
                                      headers: [HeaderField("Accept-Encoding", "gzip")], decodeContent: true)
            let decoded = transport.perform(request, kind: .request)
            #expect(decoded.request.headers.values(for: "Accept-Encoding") == ["gzip"])
            let echo = try Support.echo(decoded)
            #expect(echo["gzipped"] as? Bool == true)
            #expect(decoded.response?.headers.values(for: "Content-Encoding") == ["gzip"])

            var raw = request
            raw.decodeContent = false
            let undecoded = transport.perform(raw, kind: .request)
            let body = try #require(undecoded.response?.body)
            #expect(Array(body.prefix(2)) == [0x1F, 0x8B])
            #expect(undecoded.response?.bodySize == Int64(body.count))
        }
    }

    @Test func decodingAddsNoAcceptEncodingOfItsOwn() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo", decodeContent: true),
                                             kind: .request)
            #expect(!exchange.request.headers.contains(name: "Accept-Encoding"))
            let echo = try Support.echo(exchange)
            #expect(!Support.echoHeaders(echo).contains(name: "Accept-Encoding"))
        }
    }

    @Test(arguments: ["", "?chunked=1"])
    func bigBodyIsCappedHashedAndCounted(_ query: String) throws {
        let size = 10 * 1024 * 1024
        let expectedHash = SHA256Hasher.hex(of: Support.pattern(size))
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/bytes/\(size)\(query)",
                                                         bodyCaptureLimit: 1 << 20), kind: .request)
            #expect(exchange.error == nil)
            let response = try #require(exchange.response)
            #expect(response.bodySize == Int64(size))
            #expect(response.body.count == 1 << 20)
            #expect(response.bodyTruncated)
            #expect(response.body == Support.pattern(1 << 20))
            #expect(response.bodySHA256 == expectedHash)
        }
    }

    @Test func smallBodyIsKeptWhole() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/bytes/1000"), kind: .request)
            let response = try #require(exchange.response)
            #expect(response.body == Support.pattern(1000))
            #expect(!response.bodyTruncated)
            #expect(response.bodySHA256 == SHA256Hasher.hex(of: Support.pattern(1000)))
        }
    }

    @Test func bodyOverTheHardCapStops() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/bytes/200000",
                                                         maxBodyBytes: 50_000), kind: .request)
            #expect(exchange.error?.kind == .bodyTooLarge)
            #expect(exchange.response?.status == 200)
            #expect((exchange.response?.bodySize ?? .max) <= 50_000)
            // The next request works (on a new connection, the old one was cut).
            #expect(transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo"), kind: .request).error == nil)
        }
    }

    @Test func timingsAreMonotonicAndAddressIsRecorded() throws {
        try Support.withServer { server, transport in
            let before = Date().timeIntervalSince1970
            for _ in 0..<2 {  // the second one reuses the connection
                let exchange = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/bytes/20000"), kind: .request)
                let t = exchange.timings
                #expect(0 <= t.dns && t.dns <= t.connect && t.connect <= t.tls && t.tls <= t.pretransfer)
                #expect(t.pretransfer <= t.firstByte && t.firstByte <= t.total && t.total > 0)
                #expect(exchange.remoteAddress == "127.0.0.1")
                #expect(exchange.remotePort == server.basePort)
                #expect(exchange.startedAt >= before - 1 && exchange.startedAt <= Date().timeIntervalSince1970 + 1)
            }
        }
    }

    @Test func pageOriginOverLocalhost() throws {
        try Support.withServer { server, transport in
            let exchange = transport.perform(WireRequest(method: "GET", url: server.pageURL + "/json"), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.response?.status == 200)
            #expect(exchange.request.headers.values(for: "Host") == ["localhost:\(server.pagePort)"])
        }
    }

    @Test func libcurlVersionIsKnown() {
        CurlTransport.globalInit()
        CurlTransport.globalInit()
        #expect(CurlTransport.libcurlVersion.split(separator: ".").count == 3)
    }
}
