import Testing
@testable import Engine

@Suite("Executor: timeouts, errors, response filter")
struct ExecutorOutcomeTests {
    static func timeout(_ seconds: Double) -> ResolvedOptions {
        ResolvedOptions(timeout: TimeoutSettings(connect: seconds, read: seconds, write: seconds, pool: seconds), explicitlySet: ["timeout"])
    }

    @Test(arguments: Profiles.all.flatMap { p in [ClientMode.sync, .async].map { (p, $0) } })
    func slowServer(_ p: Profile, _ mode: ClientMode) {
        // Cases 19 and 20: the server answers after 3 s, the timeout is 1 s.
        let (r, s) = runScripted(p, spec("GET", TestOrigins.page + "/delay/3000", options: Self.timeout(1)), mode: mode) { _, _, _ in
            Scripted(status: 200, delay: 3)
        }
        let api = p.api(for: mode)
        if api == .unavailable { #expect(r.has("sync-unsupported")); return }
        let policy = p.timeoutPolicy(for: mode)
        switch policy {
        case .notEnforced:
            #expect(r.observed?.status == 200 && r.pythonError == nil)
            #expect(r.effect("timeout-not-enforced")?.message.contains("blocked 3 s") == true)
            #expect(s.actual[0].timeouts.total == 120)
        case .oneClock:
            #expect(r.pythonError?.type == "httpx.ConnectTimeout" && r.has("timeout-one-clock"))
            #expect(s.actual[0].timeouts == WireTimeouts(total: 1))
        case .perPhase:
            #expect(s.actual[0].timeouts == WireTimeouts(connect: 1, read: 1, write: 1, total: nil))
        }
    }

    @Test func nativeMapsTransportErrorsToHttpx() {
        let cases: [(TransportErrorKind, String)] = [
            (.dns, "httpx.ConnectError"), (.connectionRefused, "httpx.ConnectError"), (.connectTimeout, "httpx.ConnectTimeout"),
            (.readTimeout, "httpx.ReadTimeout"), (.writeTimeout, "httpx.WriteTimeout"), (.tls, "httpx.ConnectError"), (.proxy, "httpx.ProxyError"),
            (.protocolError, "httpx.RemoteProtocolError"), (.readError, "httpx.ReadError"), (.writeError, "httpx.WriteError"),
            (.unsupportedProtocol, "httpx.UnsupportedProtocol"),
        ]
        for (kind, type) in cases {
            let (r, _) = runScripted(.native, spec()) { _, _, _ in .failing(kind) }
            #expect(r.pythonError?.type == type, "\(kind)")
            #expect(r.error?.kind == kind)
        }
        for kind in [TransportErrorKind.bodyTooLarge, .interrupted, .invalidRequest] {
            #expect(runScripted(.native, spec()) { _, _, _ in .failing(kind) }.0.pythonError == nil)
        }
    }

    @Test(arguments: Profiles.javascript)
    func javascriptHidesTheCause(_ p: Profile) {
        for kind in [TransportErrorKind.dns, .connectionRefused, .tls, .proxy, .protocolError, .readError] {
            let (r, _) = runScripted(p, spec("GET", TestOrigins.page + "/get"), mode: .async) { _, _, _ in .failing(kind) }
            #expect(r.pythonError?.type == "httpx.ConnectError", "\(kind)")
            #expect(r.error?.kind == kind && r.has("network-error"))
        }
    }

    @Test func readTimeoutWhileReadingTheBody() {
        let (fetch, _) = runScripted(.nodeJSPI, spec(options: Self.timeout(1)), mode: .async) { _, _, _ in Scripted(status: 200, delay: 3, headerDelay: 0.2) }
        #expect(fetch.pythonError?.type == "httpx.ReadTimeout")
        let (xhr, _) = runScripted(.browserWorker, spec("GET", TestOrigins.page + "/x", options: Self.timeout(1))) { _, _, _ in Scripted(status: 200, delay: 3, headerDelay: 0.2) }
        #expect(xhr.pythonError?.type == "httpx.ConnectTimeout")
    }

    @Test func preflightTimeCountsAgainstTheLimit() {
        // Case 36: preflight delayed 1.5 s under a 1 s limit.
        let (r, s) = runScripted(.browserMain, spec("PUT", TestOrigins.api + "/echo", options: Self.timeout(1)), mode: .async) { _, kind, _ in
            kind == .preflight ? Scripted(status: 204, headers: [HeaderField("Access-Control-Allow-Origin", "*")], delay: 1.5) : .ok()
        }
        #expect(s.actual.isEmpty && s.preflights.count == 1 && r.pythonError?.type == "httpx.ConnectTimeout")
        // A 0.6 s preflight leaves 0.4 s for the request.
        let (r2, s2) = runScripted(.browserMain, spec("PUT", TestOrigins.api + "/echo", options: Self.timeout(1)), mode: .async) { _, kind, _ in
            kind == .preflight ? Scripted(status: 204, headers: [HeaderField("Access-Control-Allow-Origin", "*"), HeaderField("Access-Control-Allow-Methods", "PUT")], delay: 0.6)
                               : Scripted(status: 200, headers: [HeaderField("Access-Control-Allow-Origin", "*")], delay: 0.5)
        }
        #expect(abs((s2.actual.first?.timeouts.total ?? 0) - 0.4) < 1e-9)
        #expect(r2.pythonError?.type == "httpx.ConnectTimeout")
    }

    @Test func zeroTimeoutMeansNoLimitInJavaScript() {
        let options = ResolvedOptions(timeout: TimeoutSettings(connect: nil, read: nil, write: nil, pool: nil))
        let (_, s) = runScripted(.nodeJSPI, spec(options: options), mode: .async) { _, _, _ in .ok() }
        #expect(s.actual[0].timeouts == WireTimeouts())
    }

    @Test func safetyLimitStopsTheMainThread() {
        let (r, _) = runScripted(.browserMain, spec("GET", TestOrigins.page + "/delay", options: Self.timeout(1))) { _, _, _ in Scripted(status: 200, delay: 500) }
        #expect(r.pythonError == nil && r.error?.kind == .totalTimeout)
        #expect(r.effect("timeout-not-enforced")?.message.contains("safety limit") == true)
    }

    @Test func visibleHeadersCrossOrigin() {
        // Case 10.
        let (hidden, _) = runScripted(.browserMain, spec(), mode: .async) { _, _, _ in
            .ok([("Access-Control-Allow-Origin", "*"), ("X-Total-Count", "5"), ("Content-Type", "application/json"), ("Set-Cookie", "a=1")])
        }
        #expect(hidden.observed?.header("x-total-count") == nil && hidden.observed?.header("content-type") == "application/json")
        #expect(hidden.observed?.header("set-cookie") == nil)
        #expect(hidden.effects.contains { $0.code == "cors-header-hidden" && $0.message.hasPrefix("X-Total-Count") })
        let (shown, _) = runScripted(.browserMain, spec(), mode: .async) { _, _, _ in
            .ok([("Access-Control-Allow-Origin", "*"), ("X-Total-Count", "5"), ("Access-Control-Expose-Headers", "x-total-count")])
        }
        #expect(shown.observed?.header("x-total-count") == "5")
        #expect(!shown.effects.contains { $0.message.hasPrefix("X-Total-Count") })
    }

    @Test func sameOriginSeesAllButSetCookie() {
        let (r, _) = runScripted(.browserMain, spec("GET", TestOrigins.page + "/x"), mode: .async) { _, _, _ in .ok([("X-A", "1"), ("Set-Cookie", "a=1")]) }
        #expect(r.observed?.header("x-a") == "1" && r.observed?.header("set-cookie") == nil && r.has("header-hidden"))
    }

    @Test func repeatedHeaders() {
        let headers = [("X-Dup", "a"), ("X-Dup", "b"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
        let (browser, _) = runScripted(.browserMain, spec("GET", TestOrigins.page + "/x"), mode: .async) { _, _, _ in .ok(headers) }
        #expect(browser.observed?.headers.values(for: "x-dup") == ["a, b"] && browser.has("headers-joined"))
        let (node, _) = runScripted(.nodeJSPI, spec(), mode: .async) { _, _, _ in .ok(headers) }
        #expect(node.observed?.headers.values(for: "x-dup") == ["a, b"])
        #expect(node.observed?.headers.values(for: "set-cookie") == ["a=1", "b=2"] && node.has("cookie-not-stored"))
        let (native, _) = runScripted(.native, spec()) { _, _, _ in .ok(headers) }
        #expect(native.observed?.headers.values(for: "X-Dup") == ["a", "b"] && native.effects.isEmpty)
    }

    @Test func gzipAndDoubleDecoding() {
        let gz = [("Content-Encoding", "gzip"), ("Content-Length", "30")]
        // node: Content-Encoding visible beside the decoded body → DecodingError (async fetch path).
        let (node, _) = runScripted(.nodeJSPI, spec(), mode: .async) { _, _, _ in .ok(gz, body: "decoded body") }
        #expect(node.pythonError?.type == "httpx.DecodingError" && node.has("double-decoding") && node.has("content-decoded"))
        // node sync (fetch + run_sync) rewrites content-encoding to identity.
        let (nodeSync, _) = runScripted(.nodeJSPI, spec()) { _, _, _ in .ok(gz, body: "decoded body") }
        #expect(nodeSync.observed?.header("content-encoding") == "identity" && nodeSync.has("content-encoding-rewritten"))
        // Cross-origin in a browser: Content-Encoding hidden, Content-Length is the encoded size.
        let (browser, _) = runScripted(.browserMain, spec(), mode: .async) { _, _, _ in .ok(gz + [("Access-Control-Allow-Origin", "*")], body: "decoded body") }
        #expect(browser.observed != nil && browser.has("content-length-mismatch") && !browser.has("double-decoding"))
        // Same-origin in a browser: visible → DecodingError on the sync-XHR path.
        let (same, _) = runScripted(.browserWorker, spec("GET", TestOrigins.page + "/gzip")) { _, _, _ in .ok(gz, body: "decoded body") }
        #expect(same.pythonError?.type == "httpx.DecodingError")
        // br is not decoded by httpx in Pyodide: no double decoding.
        let (br, _) = runScripted(.nodeJSPI, spec(), mode: .async) { _, _, _ in .ok([("Content-Encoding", "br")], body: "x") }
        #expect(br.pythonError == nil && br.has("content-decoded"))
        // native: as requested.
        let (native, s) = runScripted(.native, spec()) { _, _, _ in .ok(gz, body: "decoded body") }
        #expect(native.observed?.header("Content-Encoding") == "gzip" && native.effects.isEmpty && s.actual[0].decodeContent)
    }

    @Test func effectsAreStableKebabCodes() {
        let (r, _) = runScripted(.browserMain, spec("PUT", TestOrigins.api + "/x", headers: [("Cookie", "a=1"), ("X-Api-Key", "k")]), mode: .async) { _, kind, _ in
            kind == .preflight ? .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PUT")]) : .ok()
        }
        #expect(!r.effects.isEmpty)
        for e in r.effects {
            #expect(e.code.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(EffectCatalog.codes.contains(e.code), "\(e.code) missing from EffectCatalog")
        }
    }

    @Test func durationAndStart() {
        let clock = FakeClock()
        let (r, _) = runScripted(.native, spec(), clock: clock) { _, _, _ in Scripted(status: 200, delay: 0.25) }
        #expect(r.durationMicros == 250_000 && !r.sentNothing && r.startedAt > 1_700_000_000)
    }
}
