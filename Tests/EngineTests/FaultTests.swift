import CCurl
import Foundation
import FixtureServer
import Testing
@testable import Engine

/// Issue #7, "Hostile and broken servers": every fault, under `native` and `browser-worker` (fetch,
/// async client), run through the real runner against the fixture server (`/fault/...`, its TLS
/// listener, a closed port, an unresolvable name). Each must end as a classified error on that
/// request (kind, curl code, sentence, the httpx exception Python sees) within its bound, and the
/// next request of the same run must still pass.
@Suite("Hostile and broken servers", .serialized)
struct FaultTests {
    static let profiles: [Profile] = [.native, .browserWorker]

    @Test(arguments: FaultCase.all, profiles)
    func fault(_ fault: FaultCase, _ profile: Profile) throws {
        let run = try FaultRun.run(fault, profile: profile)
        let failed = try #require(run.results.first)
        let js = profile.isJavaScript
        let expected = js ? fault.javascript : fault.native
        let error = try #require(failed.error, "\(fault.name) under \(profile.name): no error, outcome \(failed.outcome)")
        #expect(failed.outcome == .errored, "\(fault.name) under \(profile.name)")
        #expect(error.kind == expected.kind, "\(fault.name) under \(profile.name): \(error)")
        if let code = expected.curlCode {
            #expect(error.curlCode == code, "\(fault.name) under \(profile.name): \(error)")
        }
        #expect(error.message.localizedCaseInsensitiveContains(expected.sentence), "\(fault.name) under \(profile.name): \(error.message)")
        #expect(failed.pythonError?.type == expected.python, "\(fault.name) under \(profile.name): \(String(describing: failed.pythonError))")
        if let effect = expected.effect {
            #expect(failed.effects.contains { $0.code == effect }, "\(fault.name) under \(profile.name): \(failed.effects)")
        }
        let seconds = Double(failed.durationMicros) / 1_000_000
        #expect(seconds >= fault.atLeast && seconds < fault.within, "\(fault.name) under \(profile.name): \(seconds) s")
        #expect(failed.observed == nil, "\(fault.name) under \(profile.name): Python gets no response")
        // Memory: what is kept of a body never exceeds the capture limit.
        for exchange in failed.exchanges {
            #expect((exchange.response?.body.count ?? 0) <= FaultRun.captureLimit)
        }
        // The run goes on.
        let healthy = try #require(run.results.last)
        #expect(run.results.count == 2)
        #expect(healthy.outcome == .passed, "after \(fault.name) under \(profile.name): \(String(describing: healthy.error))")
        #expect(healthy.observed?.status == 200)
    }

    /// Before the request went out, code 1 is a URL's scheme and 27 a real shortage; after it, both are the
    /// server's answer (a status line that is not HTTP, a header line over libcurl's 100 KiB).
    @Test func classificationBeforeAndAfterTheRequestWentOut() {
        func classify(_ code: CURLcode, connected: Bool) -> TransportError? {
            CurlErrorClassifier.error(for: code, context: .init(detail: "", abort: nil, connected: connected, timeouts: WireTimeouts()))
        }
        #expect(classify(CURLE_UNSUPPORTED_PROTOCOL, connected: false)?.kind == .unsupportedProtocol)
        #expect(classify(CURLE_OUT_OF_MEMORY, connected: false)?.kind == .other)
        let garbage = classify(CURLE_UNSUPPORTED_PROTOCOL, connected: true)
        #expect(garbage?.kind == .protocolError && garbage?.message.hasPrefix("the server's answer is not HTTP") == true)
        let longLine = classify(CURLE_OUT_OF_MEMORY, connected: true)
        #expect(longLine?.kind == .protocolError && longLine?.message == "a response header line is longer than libcurl accepts (100 KiB) (curl error 27)")
        let context = CurlErrorClassifier.Context(detail: "Too large response headers: 311316 > 307200", abort: nil, connected: true,
                                                  timeouts: WireTimeouts())
        #expect(CurlErrorClassifier.error(for: CURLE_RECV_ERROR, context: context)?.kind == .protocolError)
    }

    /// The endless body and the gzip bomb stop at the hard cap on decoded bytes, not earlier or later.
    @Test(arguments: ["endless-body", "gzip-bomb"], profiles)
    func cappedBodiesStopAtTheCap(_ path: String, _ profile: Profile) throws {
        let fault = try #require(FaultCase.all.first { $0.name == path })
        let run = try FaultRun.run(fault, profile: profile)
        let exchange = try #require(run.results.first?.exchanges.last)
        #expect(exchange.error?.kind == .bodyTooLarge)
        #expect(exchange.error?.message.contains("limit of \(FaultRun.maxBodyBytes) bytes") == true)
    }
}

/// What one profile reports for a fault.
struct FaultExpectation: Sendable {
    var kind: TransportErrorKind
    var curlCode: Int?
    /// A piece of the stored sentence.
    var sentence: String
    /// The httpx exception; `nil` where Workbench's own cap stopped the request (Python would still be reading).
    var python: String?
    /// An effect the profile must report.
    var effect: String?
}

/// One fault: the request that meets it, and what `native` and a JS profile (fetch) report.
struct FaultCase: Sendable, CustomTestStringConvertible {
    enum Target: Sendable {
        /// A fixture route on the page origin (same-origin for browser profiles).
        case route(String)
        /// The HTTPS listener serving this certificate.
        case tls(TLSCertificate)
        /// `https://` to the plain HTTP port: the server answers the ClientHello with HTTP.
        case tlsToPlainPort
        case closedPort
        case unresolvable
    }

    enum TLSCertificate: Sendable {
        case selfSigned, expired, wrongHost
    }

    var name: String
    var target: Target
    /// The request's `options` (JSON text).
    var options: String = ""
    var native: FaultExpectation
    var javascript: FaultExpectation
    /// Bounds on the request's duration, seconds.
    var atLeast: Double = 0
    var within: Double = 10

    var testDescription: String { name }

    static let networkError = "Failed to fetch"

    static let all: [FaultCase] = [
        FaultCase(name: "reset-before-status", target: .route("/fault/reset-before-status"),
                  native: .init(kind: .readError, curlCode: 56, sentence: "reset", python: "httpx.ReadError"),
                  javascript: .init(kind: .readError, curlCode: 56, sentence: "reset", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "reset-mid-body", target: .route("/fault/reset-mid-body"),
                  native: .init(kind: .readError, curlCode: 56, sentence: "reset", python: "httpx.ReadError"),
                  javascript: .init(kind: .readError, curlCode: 56, sentence: "reset", python: "httpx.ReadError", effect: "network-error")),
        FaultCase(name: "truncated-chunked", target: .route("/fault/truncated-chunked"),
                  native: .init(kind: .protocolError, curlCode: 18, sentence: "transfer closed", python: "httpx.RemoteProtocolError"),
                  javascript: .init(kind: .protocolError, curlCode: 18, sentence: "transfer closed", python: "httpx.ReadError", effect: "network-error")),
        FaultCase(name: "short-body", target: .route("/fault/short-body"),
                  native: .init(kind: .protocolError, curlCode: 18, sentence: "900 bytes remaining", python: "httpx.RemoteProtocolError"),
                  javascript: .init(kind: .protocolError, curlCode: 18, sentence: "900 bytes remaining", python: "httpx.ReadError", effect: "network-error")),
        FaultCase(name: "stalled-body", target: .route("/fault/stalled-body?hold=30"), options: #"{"timeout": 1}"#,
                  native: .init(kind: .readTimeout, sentence: "nothing was received for 1.000 s", python: "httpx.ReadTimeout"),
                  javascript: .init(kind: .totalTimeout, curlCode: 28, sentence: "timed out", python: "httpx.ReadTimeout", effect: "timeout-one-clock"),
                  atLeast: 0.9, within: 4),
        FaultCase(name: "slow-drip", target: .route("/fault/slow-drip?bytes=60&interval=500"),
                  options: #"{"timeout": {"connect": 2, "read": 2, "write": 2, "pool": 2, "total": 2}}"#,
                  native: .init(kind: .totalTimeout, curlCode: 28, sentence: "timed out", python: "httpx.ReadTimeout"),
                  javascript: .init(kind: .totalTimeout, curlCode: 28, sentence: "timed out", python: "httpx.ReadTimeout", effect: "timeout-one-clock"),
                  atLeast: 1.9, within: 5),
        FaultCase(name: "garbage-status", target: .route("/fault/garbage-status"),
                  native: .init(kind: .protocolError, curlCode: 1, sentence: "not HTTP", python: "httpx.RemoteProtocolError"),
                  javascript: .init(kind: .protocolError, curlCode: 1, sentence: "not HTTP", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "huge-headers", target: .route("/fault/huge-headers"),
                  native: .init(kind: .protocolError, curlCode: 23, sentence: "header block exceeds 100 KiB", python: "httpx.RemoteProtocolError"),
                  javascript: .init(kind: .protocolError, curlCode: 23, sentence: "header block exceeds 100 KiB", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "many-headers", target: .route("/fault/many-headers"),
                  native: .init(kind: .protocolError, curlCode: 23, sentence: "header block exceeds 100 KiB", python: "httpx.RemoteProtocolError"),
                  javascript: .init(kind: .protocolError, curlCode: 23, sentence: "header block exceeds 100 KiB", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "endless-body", target: .route("/fault/endless-body"),
                  native: .init(kind: .bodyTooLarge, curlCode: 23, sentence: "exceeds the limit", python: nil),
                  javascript: .init(kind: .bodyTooLarge, curlCode: 23, sentence: "exceeds the limit", python: nil)),
        FaultCase(name: "gzip-bomb", target: .route("/fault/gzip-bomb"),
                  native: .init(kind: .bodyTooLarge, curlCode: 23, sentence: "exceeds the limit", python: nil),
                  javascript: .init(kind: .bodyTooLarge, curlCode: 23, sentence: "exceeds the limit", python: nil)),
        FaultCase(name: "redirect-loop", target: .route("/fault/redirect-loop"), options: #"{"followRedirects": true}"#,
                  native: .init(kind: .tooManyRedirects, sentence: "more than 20 redirects", python: "httpx.TooManyRedirects"),
                  javascript: .init(kind: .tooManyRedirects, sentence: "more than 20 redirects", python: "httpx.ConnectError", effect: "too-many-redirects")),
        FaultCase(name: "redirect-file", target: .route("/fault/redirect-file"), options: #"{"followRedirects": true}"#,
                  native: .init(kind: .unsupportedProtocol, sentence: "unsupported protocol 'file://'", python: "httpx.UnsupportedProtocol"),
                  javascript: .init(kind: .other, sentence: "non-http(s)", python: "httpx.ConnectError", effect: "redirect-blocked")),
        FaultCase(name: "redirect-ftp", target: .route("/fault/redirect-ftp"), options: #"{"followRedirects": true}"#,
                  native: .init(kind: .unsupportedProtocol, sentence: "unsupported protocol 'ftp://'", python: "httpx.UnsupportedProtocol"),
                  javascript: .init(kind: .other, sentence: "non-http(s)", python: "httpx.ConnectError", effect: "redirect-blocked")),
        FaultCase(name: "tls-handshake-failure", target: .tlsToPlainPort,
                  native: .init(kind: .tls, curlCode: 35, sentence: "wrong version number", python: "httpx.ConnectError"),
                  javascript: .init(kind: .tls, curlCode: 35, sentence: "wrong version number", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "tls-self-signed", target: .tls(.selfSigned),
                  native: .init(kind: .tls, curlCode: 60, sentence: "self-signed certificate", python: "httpx.ConnectError"),
                  javascript: .init(kind: .tls, curlCode: 60, sentence: "self-signed certificate", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "tls-expired", target: .tls(.expired),
                  native: .init(kind: .tls, curlCode: 60, sentence: "certificate has expired", python: "httpx.ConnectError"),
                  javascript: .init(kind: .tls, curlCode: 60, sentence: "unable to get local issuer certificate", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "tls-wrong-host", target: .tls(.wrongHost),
                  native: .init(kind: .tls, curlCode: 60, sentence: "no alternative certificate subject name matches", python: "httpx.ConnectError"),
                  javascript: .init(kind: .tls, curlCode: 60, sentence: "unable to get local issuer certificate", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "connection-refused", target: .closedPort,
                  native: .init(kind: .connectionRefused, curlCode: 7, sentence: "couldn't connect", python: "httpx.ConnectError"),
                  javascript: .init(kind: .connectionRefused, curlCode: 7, sentence: "couldn't connect", python: "httpx.ConnectError", effect: "network-error")),
        FaultCase(name: "dns-failure", target: .unresolvable,
                  native: .init(kind: .dns, curlCode: 6, sentence: "nonexistent.invalid", python: "httpx.ConnectError"),
                  javascript: .init(kind: .dns, curlCode: 6, sentence: "nonexistent.invalid", python: "httpx.ConnectError", effect: "network-error")),
    ]
}

/// Runs `[the fault, GET /get]` as one collection through `Runner` against a fresh fixture server.
enum FaultRun {
    static let captureLimit = 64 * 1024
    static let maxBodyBytes: Int64 = 8 << 20

    struct Outcome {
        var results: [RequestResult]
    }

    static func run(_ fault: FaultCase, profile: Profile) throws -> Outcome {
        var configuration = FixtureServerConfiguration()
        var options = fault.options
        if case .tls(let which) = fault.target {
            let certificates = try TLSTestCertificates.shared()
            let pair: TLSTestCertificates.Pair
            switch which {
            case .selfSigned: pair = certificates.selfSigned
            case .expired: pair = certificates.expired
            case .wrongHost: pair = certificates.wrongHost
            }
            configuration.tls = FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key)
            // Native trusts the test CA, so only the fault itself (expiry, host name) fails; JS profiles ignore caFile.
            if which != .selfSigned {
                options = #"{"caFile": "\#(certificates.caCertificate)"}"#
            }
        }
        let server = try FixtureServer.start(configuration)
        defer { server.stop() }
        let url: String
        switch fault.target {
        case .route(let path): url = server.pageURL + path
        case .tls: url = (server.httpsURL ?? "https://127.0.0.1:1") + "/get"
        case .tlsToPlainPort: url = "https://127.0.0.1:\(server.basePort)/get"
        case .closedPort: url = "http://127.0.0.1:\(TransportSilentListener.closedPort() ?? 9)/get"
        case .unresolvable: url = "http://nonexistent.invalid/get"
        }
        let faultRequest = #"{"name": "fault", "url": "\#(url)"\#(options.isEmpty ? "" : #", "options": "# + options)}"#
        let healthy = #"{"name": "healthy", "url": "{{page}}/get", "assert": [{"status": 200}]}"#
        let text = #"{"name": "faults", "server": "builtin", "requests": [\#(faultRequest), \#(healthy)]}"#
        let folder = try CollectionTestSupport.temporaryDirectory()
        let collection = try CollectionTestSupport.load(text, path: folder + "/faults.json")
        let mode: ClientMode = profile.isJavaScript ? .async : .sync
        let plan = RunPlan(
            collection: collection, profile: profile,
            settings: RunSettings(mode: mode, origin: profile.runtime == .browser ? server.pageURL : nil),
            builtinVariables: ["base": server.baseURL, "page": server.pageURL],
            bodyCaptureLimit: captureLimit, maxBodyBytes: maxBodyBytes,
            allowedPaths: [(try? TLSTestCertificates.shared().directory) ?? folder])
        let runner = try Runner(plan: plan, cancellation: CancellationFlag())
        var results: [RequestResult] = []
        _ = runner.run { results.append($0) }
        return Outcome(results: results)
    }
}
