import Testing
@testable import Engine

@Suite("Profile gate: headers, methods, options, bodies")
struct ProfileGateTests {
    static let browserForbidden = ["Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers", "Access-Control-Request-Method",
                                   "Connection", "Content-Length", "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
                                   "Origin", "Referer", "Set-Cookie", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via",
                                   "Proxy-Authorization", "Proxy-Foo", "Sec-Foo", "Sec-Fetch-Mode", "Sec-Ch-Ua"]

    static let browserCases: [(Profile, String)] = Profiles.browsers.flatMap { p in browserForbidden.map { (p, $0) } }

    @Test(arguments: browserCases)
    func browserNeverSendsTheScriptsValue(_ profile: Profile, _ name: String) {
        let value = "script-value-1"
        let (result, sender) = runScripted(profile, spec("GET", TestOrigins.page + "/get", headers: [(name, value)])) { _, _, _ in .ok() }
        #expect(result.pythonError == nil)
        let wire = sender.actual[0]
        #expect(!wire.headers.contains { $0.name.lowercased() == name.lowercased() && $0.value == value })
        #expect(result.effects.contains { ($0.code == "header-dropped" || $0.code == "header-replaced") && $0.message.hasPrefix(name) })
    }

    @Test(arguments: ProfileGateTests.browserForbidden)
    func nativeSendsEverything(_ name: String) {
        let (result, sender) = runScripted(.native, spec("GET", TestOrigins.api + "/get", headers: [(name, "v")])) { _, _, _ in .ok() }
        #expect(sender.actual[0].headers.contains { $0.name == name && $0.value == "v" })
        #expect(result.effects.isEmpty)
    }

    @Test(arguments: [("X-HTTP-Method-Override", "TRACE", true), ("X-HTTP-Method", "connect", true), ("X-Method-Override", "GET, track", true),
                      ("X-HTTP-Method-Override", "PATCH", false), ("X-HTTP-Method-Override", "DELETE", false)])
    func methodOverrideHeaders(_ name: String, _ value: String, _ forbidden: Bool) {
        #expect(ForbiddenHeaders.isForbiddenInBrowser(name: name, value: value) == forbidden)
    }

    @Test func browserReplacementsAreTheBrowsersValues() {
        let (_, sender) = runScripted(.browserMain, spec("POST", TestOrigins.api + "/echo",
            headers: [("Connection", "close"), ("Origin", "http://evil"), ("Referer", "http://evil/"), ("Accept-Encoding", "br"),
                      ("User-Agent", "mine"), ("Sec-Fetch-Mode", "navigate"), ("Content-Type", "text/plain")], body: Array("x".utf8))) { _, _, _ in
            .ok([("Access-Control-Allow-Origin", "*")])
        }
        let wire = sender.actual[0]
        #expect(wire.header("Connection") == "keep-alive")
        #expect(wire.header("Origin") == TestOrigins.page)
        #expect(wire.header("Referer") == TestOrigins.page + "/")
        #expect(wire.header("Accept-Encoding") == "gzip, deflate, br, zstd")
        #expect(wire.header("User-Agent") == Profile.chromiumUserAgent)
        #expect(wire.header("Sec-Fetch-Mode") == "cors")
        #expect(wire.header("Sec-Fetch-Site") == "cross-site")
        #expect(wire.header("Sec-Fetch-Dest") == "empty")
        #expect(wire.header("Accept") == "*/*")
        #expect(wire.header("Accept-Language") == "en-US,en;q=0.9")
        #expect(wire.header("sec-ch-ua") != nil && wire.header("sec-ch-ua-mobile") == "?0")
    }

    @Test func workerHasNoClientHintsAndItsOwnReferer() {
        let (_, sender) = runScripted(.browserWorker, spec("POST", TestOrigins.page + "/echo", headers: [("Sec-Ch-Ua", "x")], body: [1])) { _, _, _ in .ok() }
        let wire = sender.actual[0]
        #expect(wire.header("sec-ch-ua") == nil)
        #expect(wire.header("Referer") == TestOrigins.page + "/worker.js")
        #expect(wire.header("Origin") == TestOrigins.page)
        #expect(wire.header("Sec-Fetch-Site") == "same-origin")
    }

    @Test(arguments: [("GET", false), ("HEAD", false), ("POST", true), ("PUT", true), ("DELETE", true)])
    func sameOriginOriginHeaderOnlyForUnsafeMethods(_ method: String, _ sent: Bool) {
        let (_, sender) = runScripted(.browserMain, spec(method, TestOrigins.page + "/echo")) { _, _, _ in .ok() }
        #expect((sender.actual[0].header("Origin") != nil) == sent)
        #expect(sender.preflights.isEmpty)
    }

    @Test func rangeMakesAcceptEncodingIdentity() {
        for profile in [Profile.browserMain, .nodeJSPI] {
            let (_, sender) = runScripted(profile, spec("GET", TestOrigins.page + "/bytes/10", headers: [("Range", "bytes=0-4")])) { _, _, _ in .ok() }
            // node appends identity to httpx's Accept-Encoding (observed with node 20, conformance case c18).
            #expect(sender.actual[0].header("accept-encoding") == (profile.runtime == .node ? "gzip, deflate, identity" : "identity"))
        }
    }

    static let nodeCases: [(String, String, String?)] = [
        ("Keep-Alive", "timeout=5", "invalid keep-alive header"),
        ("Transfer-Encoding", "chunked", "invalid transfer-encoding header"),
        ("Upgrade", "websocket", "invalid upgrade header"),
        ("Expect", "100-continue", "expect header not supported"),
        ("Connection", "Upgrade", "invalid connection header"),
        ("Connection", "keep-alive, upgrade", "invalid connection header"),
        ("Connection", "close", nil),
        ("Cookie", "a=1", nil),
        ("Proxy-Authorization", "x", nil),
        ("Sec-Foo", "x", nil),
        ("Origin", "http://x", nil),
    ]

    @Test(arguments: nodeCases)
    func nodeForbiddenHeaders(_ name: String, _ value: String, _ failure: String?) {
        let (result, sender) = runScripted(.nodeJSPI, spec("GET", TestOrigins.api + "/get", headers: [(name, value)])) { _, _, _ in .ok() }
        if let failure {
            #expect(result.sentNothing && sender.sent.isEmpty)
            #expect(result.pythonError == PythonError(type: "httpx.ConnectError", message: "fetch failed"))
            #expect(result.effect("header-refused")?.message.contains(failure) == true)
        } else {
            #expect(result.pythonError == nil)
            #expect(sender.actual[0].header(name) == value)
        }
    }

    @Test func nodeReplacesHostModeAndLength() {
        let (result, sender) = runScripted(.nodeJSPI, spec("GET", TestOrigins.api + "/get",
            headers: [("Host", "example.com"), ("Sec-Fetch-Mode", "navigate"), ("Content-Length", "99")])) { _, _, _ in .ok() }
        let wire = sender.actual[0]
        #expect(wire.header("host") == nil && wire.header("content-length") == nil)
        #expect(wire.header("sec-fetch-mode") == "cors")
        #expect(wire.header("user-agent") == "node")
        #expect(wire.header("accept-language") == "*")
        #expect(wire.headers.allSatisfy { $0.name == $0.name.lowercased() })
        #expect(wire.header("origin") == nil)
        #expect(result.effects.filter { $0.code == "header-replaced" }.count >= 3)
    }

    @Test(arguments: Profiles.all.flatMap { p in ["TRACE", "trace", "CONNECT", "TRACK"].map { (p, $0) } })
    func forbiddenMethods(_ profile: Profile, _ method: String) {
        let (result, sender) = runScripted(profile, spec(method), mode: profile.name == "node" ? .async : .sync) { _, _, _ in .ok() }
        if profile.runtime == .native {
            #expect(sender.actual.first?.method == method)
        } else {
            #expect(result.sentNothing && result.has("method-refused"))
            #expect(result.pythonError?.type == "httpx.ConnectError")
            #expect(result.pythonError?.message.contains("HTTP method is unsupported") == true)
        }
    }

    @Test(arguments: Profiles.all.flatMap { p in [ClientMode.sync, .async].map { (p, $0) } })
    func getWithBody(_ profile: Profile, _ mode: ClientMode) {
        let (result, sender) = runScripted(profile, spec("GET", TestOrigins.page + "/get", body: Array("x=1".utf8)), mode: mode) { _, _, _ in .ok() }
        let api = profile.api(for: mode)
        switch api {
        case .httpx:
            if case .bytes(let b) = sender.actual[0].body { #expect(b == Array("x=1".utf8)) } else { Issue.record("body not sent") }
        case .syncXHR:
            #expect(sender.actual[0].body == .none && result.has("body-dropped"))
        case .fetch, .fetchRunSync:
            #expect(result.sentNothing && result.has("body-refused") && result.pythonError?.type == "httpx.ConnectError")
        case .unavailable:
            #expect(result.sentNothing && result.has("sync-unsupported"))
        }
    }

    @Test(arguments: Profiles.javascript)
    func ignoredOptions(_ profile: Profile) {
        let options = ResolvedOptions(followRedirects: false, maxRedirects: 5, proxy: "http://proxy:3128", caFile: "/ca.pem", insecure: true,
                                      clientCert: "/c.pem", clientKey: "/k.pem", httpVersion: .http2, compressed: false,
                                      explicitlySet: ["followRedirects", "maxRedirects", "proxy", "caFile", "insecure", "clientCert", "clientKey", "httpVersion", "compressed"])
        let (result, sender) = runScripted(profile, spec("GET", TestOrigins.page + "/get", options: options), mode: .async) { _, _, _ in .ok() }
        let ignored = result.effects.filter { $0.code == "option-ignored" }
        #expect(ignored.count == 9)
        #expect(ignored.contains { $0.message.hasPrefix("proxy http://proxy:3128") })
        let wire = sender.actual[0]
        #expect(wire.proxy == nil && wire.tls == TLSSettings() && wire.decodeContent)
        #expect(wire.httpVersion == (profile.runtime == .node ? .http1_1 : nil))
    }

    @Test(arguments: Profiles.javascript)
    func strictRefusesIgnoredOptions(_ profile: Profile) {
        let options = ResolvedOptions(proxy: "http://proxy:3128", explicitlySet: ["proxy"])
        let (result, sender) = runScripted(profile, spec(options: options), mode: .async, strict: true) { _, _, _ in .ok() }
        #expect(sender.sent.isEmpty && result.sentNothing && result.has("option-refused") && result.pythonError == nil)
        #expect(result.error?.kind == .refusedByRuntime)
    }

    @Test func nativeHonoursOptions() {
        let options = ResolvedOptions(proxy: "http://proxy:3128", caFile: "/ca.pem", insecure: true, httpVersion: .http2, compressed: false,
                                      explicitlySet: ["proxy", "caFile", "insecure", "httpVersion", "compressed"])
        let (result, sender) = runScripted(.native, spec(options: options), strict: true) { _, _, _ in .ok() }
        let wire = sender.actual[0]
        #expect(wire.proxy == "http://proxy:3128" && wire.tls.verify == false && wire.tls.caFile == "/ca.pem")
        #expect(wire.httpVersion == .http2 && wire.decodeContent == false && result.effects.map(\.code) == ["tls-unverified"])
    }

    @Test func nativeSendsHttpxDefaultsUnlessSet() {
        let (_, sender) = runScripted(.native, spec(headers: [("Accept", "application/json")])) { _, _, _ in .ok() }
        let wire = sender.actual[0]
        #expect(wire.header("Accept") == "application/json")
        #expect(wire.header("Accept-Encoding") == "gzip, deflate")
        #expect(wire.header("Connection") == "keep-alive")
        #expect(wire.header("User-Agent") == "python-httpx/0.28.1")
        var bare = Profile.native
        bare.httpxDefaultHeaders = false
        let (_, plain) = runScripted(bare, spec()) { _, _, _ in .ok() }
        #expect(plain.actual[0].headers.isEmpty)
    }

    @Test func nodeWithoutJSPIFailsSyncOnly() {
        let (sync, s1) = runScripted(.nodeNoJSPI, spec()) { _, _, _ in .ok() }
        #expect(s1.sent.isEmpty && sync.sentNothing && sync.has("sync-unsupported"))
        #expect(sync.pythonError == PythonError(type: "AttributeError", message: "XMLHttpRequest"))
        let (async, s2) = runScripted(.nodeNoJSPI, spec(), mode: .async) { _, _, _ in .ok() }
        #expect(async.pythonError == nil && s2.sent.count == 1)
    }

    @Test func methodNormalisationEffect() {
        let (result, sender) = runScripted(.browserMain, spec("post", TestOrigins.page + "/echo")) { _, _, _ in .ok() }
        #expect(sender.actual[0].method == "POST" && result.has("method-normalized"))
        let (native, nsender) = runScripted(.native, spec("post")) { _, _, _ in .ok() }
        #expect(nsender.actual[0].method == "post" && !native.has("method-normalized"))
    }
}
