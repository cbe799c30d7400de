import Foundation
import FixtureServer
import Testing
@testable import Engine

/// Failures, classified: refused, DNS, timeouts, protocols, cancellation.
@Suite struct TransportErrorTests {
    typealias Support = TransportTestSupport

    @Test func connectionRefused() throws {
        let port = try #require(TransportSilentListener.closedPort())
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(port)/"), kind: .request)
        let error = try #require(exchange.error)
        #expect(error.kind == .connectionRefused)
        #expect(error.curlCode == 7)
        #expect(error.message.contains("curl error 7"))
        #expect(exchange.response == nil)
    }

    @Test func dnsFailure() throws {
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: "http://nonexistent.invalid/",
                                                           timeouts: WireTimeouts(connect: 10)), kind: .request)
        let error = try #require(exchange.error)
        #expect(error.kind == .dns)
        #expect(error.message.contains("nonexistent.invalid"))
        #expect(exchange.remoteAddress == nil)
    }

    @Test func readTimeoutFiresAfterTheSilenceNotAtTheEnd() throws {
        try Support.withServer { server, transport in
            let (exchange, seconds) = Support.timed {
                transport.perform(WireRequest(method: "GET", url: server.baseURL + "/delay/2000",
                                              timeouts: WireTimeouts(read: 0.3)), kind: .request)
            }
            #expect(exchange.error?.kind == .readTimeout)
            #expect(seconds >= 0.29 && seconds < 0.8, "took \(seconds) s")
        }
    }

    @Test func readTimeoutIsASilenceNotADuration() throws {
        // 8 pieces 0.1 s apart: 0.8 s in all, never 0.3 s without a byte.
        let steady = try #require(TransportTrickleServer(pieces: 8, pieceSize: 100, gap: 0.1))
        let (exchange, seconds) = Support.timed {
            CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(steady.port)/",
                                                timeouts: WireTimeouts(read: 0.3)), kind: .request)
        }
        #expect(exchange.error == nil)
        #expect(exchange.response?.bodySize == 800)
        #expect(seconds > 0.6)
    }

    @Test func readTimeoutInTheMiddleOfABody() throws {
        // The first piece after 0.05 s, then a 0.6 s stall.
        let stalling = try #require(TransportTrickleServer(pieces: 3, pieceSize: 100, gap: 0.6))
        let (exchange, seconds) = Support.timed {
            CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(stalling.port)/",
                                                timeouts: WireTimeouts(read: 0.8)), kind: .request)
        }
        // The headers came at once, each piece 0.6 s later: under the 0.8 s limit, so it succeeds.
        #expect(exchange.error == nil)
        #expect(seconds > 1.7)
        let strict = try #require(TransportTrickleServer(pieces: 3, pieceSize: 100, gap: 0.6))
        let cut = CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(strict.port)/",
                                                      timeouts: WireTimeouts(read: 0.3)), kind: .request)
        #expect(cut.error?.kind == .readTimeout)
        #expect(cut.response?.status == 200)
    }

    @Test func totalTimeout() throws {
        try Support.withServer { server, transport in
            let (exchange, seconds) = Support.timed {
                transport.perform(WireRequest(method: "GET", url: server.baseURL + "/delay/2000",
                                              timeouts: WireTimeouts(read: 5, total: 0.3)), kind: .request)
            }
            let error = try #require(exchange.error)
            #expect(error.kind == .totalTimeout)
            #expect(error.curlCode == 28)
            #expect(seconds < 1.0, "took \(seconds) s")
        }
    }

    @Test func writeTimeoutWhenThePeerStopsReading() throws {
        let listener = try #require(TransportSilentListener())
        let body = [UInt8](repeating: 0x61, count: 64 << 20)
        let (exchange, seconds) = Support.timed {
            CurlTransport().perform(WireRequest(method: "POST", url: "http://127.0.0.1:\(listener.port)/upload",
                                                body: .bytes(body), timeouts: WireTimeouts(read: 5, write: 0.3)),
                                    kind: .request)
        }
        #expect(exchange.error?.kind == .writeTimeout)
        #expect(seconds < 2.0, "took \(seconds) s")
    }

    @Test func readTimeoutWhenThePeerNeverAnswers() throws {
        let listener = try #require(TransportSilentListener())
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/",
                                                           timeouts: WireTimeouts(read: 0.2)), kind: .request)
        #expect(exchange.error?.kind == .readTimeout)
    }

    @Test func connectTimeoutWhenTheBacklogIsFull() throws {
        let listener = try #require(TransportSilentListener(backlog: 0))
        listener.fillBacklog(4)
        let (exchange, seconds) = Support.timed {
            CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/",
                                                timeouts: WireTimeouts(connect: 0.3, read: 5)), kind: .request)
        }
        #expect(exchange.error?.kind == .connectTimeout)
        #expect(seconds < 2.0, "took \(seconds) s")
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/file", "gopher://127.0.0.1/", "dict://127.0.0.1/"])
    func onlyHTTPAndHTTPSAreAllowed(_ url: String) throws {
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: url), kind: .request)
        let error = try #require(exchange.error)
        #expect(error.kind == .unsupportedProtocol)
        #expect(exchange.response == nil)
    }

    @Test func malformedURL() throws {
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: "http://[::1/"), kind: .request)
        #expect(exchange.error?.kind == .invalidRequest)
    }

    @Test func cancellationStopsALongTransferPromptly() throws {
        try Support.withServer { server, _ in
            let flag = CancellationFlag()
            let transport = CurlTransport(cancellation: flag)
            let canceller = Thread {
                Thread.sleep(forTimeInterval: 0.2)
                flag.cancel()
            }
            canceller.start()
            let (exchange, seconds) = Support.timed {
                transport.perform(WireRequest(method: "GET", url: server.baseURL + "/delay/3000"), kind: .request)
            }
            #expect(exchange.error?.kind == .interrupted)
            #expect(seconds < 1.0, "took \(seconds) s")
            // Once cancelled, nothing more is sent; after a reset it works again.
            let refused = transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo"), kind: .request)
            #expect(refused.error?.kind == .interrupted)
            #expect(server.requestLog().count == 1)
            flag.reset()
            #expect(transport.perform(WireRequest(method: "GET", url: server.baseURL + "/echo"), kind: .request).error == nil)
        }
    }

    @Test func cancellationStopsAHangingConnect() throws {
        let listener = try #require(TransportSilentListener(backlog: 0))
        listener.fillBacklog(4)
        let flag = CancellationFlag()
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            flag.cancel()
        }
        canceller.start()
        let (exchange, seconds) = Support.timed {
            CurlTransport(cancellation: flag).perform(WireRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/",
                                                                  timeouts: WireTimeouts(connect: 5)), kind: .request)
        }
        #expect(exchange.error?.kind == .interrupted)
        #expect(seconds < 1.0, "took \(seconds) s")
    }

    @Test func proxyThatDoesNotResolve() throws {
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: "http://127.0.0.1:1/",
                                                           proxy: "http://proxy.invalid:3128"), kind: .request)
        #expect(exchange.error?.kind == .proxy)
    }

    @Test func tlsFailureAgainstAPlainHTTPServer() throws {
        try Support.withServer { server, transport in
            let url = server.baseURL.replacingOccurrences(of: "http://", with: "https://") + "/echo"
            let exchange = transport.perform(WireRequest(method: "GET", url: url, timeouts: WireTimeouts(connect: 5)),
                                             kind: .request)
            #expect(exchange.error?.kind == .tls)
        }
    }
}
