import CCurl
import Testing
@testable import Engine

/// The transport's pure pieces: header text parsing, request validation, error classification.
@Suite struct TransportUnitTests {
    private func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK", HeaderText.StatusLine(version: "1.1", status: 200, reason: "OK")),
        ("HTTP/2 204 ", HeaderText.StatusLine(version: "2", status: 204, reason: "")),
        ("HTTP/1.0 404 Not Found", HeaderText.StatusLine(version: "1.0", status: 404, reason: "Not Found")),
        ("HTTP/1.1 100 Continue", HeaderText.StatusLine(version: "1.1", status: 100, reason: "Continue")),
    ])
    func statusLines(_ line: String, _ expected: HeaderText.StatusLine) {
        #expect(withBytes(line) { HeaderText.statusLine($0) } == expected)
    }

    @Test(arguments: ["Content-Type: x", "HTTP/1.1 20 OK", "HTTP/1.1", ""])
    func notStatusLines(_ line: String) {
        #expect(withBytes(line) { HeaderText.statusLine($0) } == nil)
    }

    @Test func headerFields() {
        #expect(withBytes("Name:  spaced value \t") { HeaderText.field($0) } == HeaderField("Name", "spaced value"))
        #expect(withBytes("Empty:") { HeaderText.field($0) } == HeaderField("Empty", ""))
        #expect(withBytes("no colon") { HeaderText.field($0) } == nil)
        #expect(withBytes("X: a:b") { HeaderText.field($0) } == HeaderField("X", "a:b"))
    }

    @Test func sentRequestTakesTheLastBlock() throws {
        let text = "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\nPOST /p HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nContent-Length: 3\r\n\r\n"
        let parsed = try #require(HeaderText.sentRequest(Array(text.utf8)))
        #expect(parsed.method == "POST")
        #expect(parsed.headers == [HeaderField("Host", "h"), HeaderField("X-A", "1"), HeaderField("Content-Length", "3")])
        #expect(HeaderText.sentRequest([]) == nil)
    }

    @Test func validation() {
        let good = WireRequest(method: "PATCH", url: "http://h/", headers: [HeaderField("X-Ok", "a b\tc")])
        #expect(RequestValidation.problem(in: good) == nil)
        var bad = good
        bad.url = "http://h/\r\nX: y"
        #expect(RequestValidation.problem(in: bad) != nil)
        bad = good
        bad.body = .multipart([WirePart(name: "f", content: .bytes([]), filename: "a\r\nb")])
        #expect(RequestValidation.problem(in: bad) != nil)
        bad = good
        bad.headers = [HeaderField("X", "nul\0")]
        #expect(RequestValidation.problem(in: bad) != nil)
    }

    @Test(arguments: [
        (CURLE_COULDNT_RESOLVE_HOST, TransportErrorKind.dns),
        (CURLE_COULDNT_CONNECT, .connectionRefused),
        (CURLE_COULDNT_RESOLVE_PROXY, .proxy),
        (CURLE_PEER_FAILED_VERIFICATION, .tls),
        (CURLE_SSL_CONNECT_ERROR, .tls),
        (CURLE_WEIRD_SERVER_REPLY, .protocolError),
        (CURLE_PARTIAL_FILE, .protocolError),
        (CURLE_BAD_CONTENT_ENCODING, .protocolError),
        (CURLE_HTTP2, .protocolError),
        (CURLE_GOT_NOTHING, .protocolError),
        (CURLE_RECV_ERROR, .readError),
        (CURLE_SEND_ERROR, .writeError),
        (CURLE_URL_MALFORMAT, .invalidRequest),
        // CURLE_UNSUPPORTED_PROTOCOL and CURLE_OUT_OF_MEMORY depend on whether the request went out:
        // FaultTests.classificationBeforeAndAfterTheRequestWentOut.
    ])
    func classification(_ code: CURLcode, _ kind: TransportErrorKind) {
        let context = CurlErrorClassifier.Context(detail: "detail text", abort: nil, connected: true, timeouts: WireTimeouts())
        let error = CurlErrorClassifier.error(for: code, context: context)
        #expect(error?.kind == kind)
        #expect(error?.curlCode == Int(code.rawValue))
        #expect(error?.message == "detail text (curl error \(code.rawValue))")
    }

    @Test func timeoutClassification() {
        func kind(connected: Bool, _ timeouts: WireTimeouts) -> TransportErrorKind? {
            CurlErrorClassifier.error(for: CURLE_OPERATION_TIMEDOUT, context: .init(
                detail: "", abort: nil, connected: connected, timeouts: timeouts))?.kind
        }
        #expect(kind(connected: true, WireTimeouts(connect: 1, total: 5)) == .totalTimeout)
        #expect(kind(connected: false, WireTimeouts(connect: 1, total: 5)) == .connectTimeout)
        #expect(kind(connected: false, WireTimeouts(connect: 5, total: 1)) == .totalTimeout)
        #expect(kind(connected: false, WireTimeouts(total: 1)) == .totalTimeout)
        #expect(kind(connected: false, WireTimeouts(connect: 1)) == .connectTimeout)
    }

    @Test func ownAbortsKeepTheirKind() {
        let context = CurlErrorClassifier.Context(detail: "Callback aborted", abort: (.readTimeout, "silence"),
                                                  connected: true, timeouts: WireTimeouts())
        let error = CurlErrorClassifier.error(for: CURLE_ABORTED_BY_CALLBACK, context: context)
        #expect(error?.kind == .readTimeout)
        #expect(error?.message == "silence (curl error 42)")
        #expect(CurlErrorClassifier.error(for: CURLE_OK, context: context) == nil)
    }

    @Test func milliseconds() {
        #expect(CurlSession.milliseconds(0.3) == 300)
        #expect(CurlSession.milliseconds(0) == 1)
        #expect(CurlSession.milliseconds(0.0001) == 1)
        #expect(CurlSession.milliseconds(1e20) == 1_000_000_000_000)
    }

    @Test func cancellationFlag() {
        let flag = CancellationFlag()
        #expect(!flag.isCancelled)
        flag.cancel()
        #expect(flag.isCancelled)
        flag.reset()
        #expect(!flag.isCancelled)
    }
}
