import Testing
@testable import Engine

@Suite("Executor: CORS flow, redirects, cache")
struct ExecutorFlowTests {
    static let api = TestOrigins.api
    static let page = TestOrigins.page

    @Test(arguments: Profiles.browsers)
    func preflightThenActual(_ p: Profile) {
        let (r, s) = runScripted(p, spec("GET", Self.api + "/get", headers: [("X-Api-Key", "k")]), mode: .async) { req, kind, _ in
            kind == .preflight ? .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x-api-key")])
                               : .ok([("Access-Control-Allow-Origin", "*")])
        }
        #expect(r.pythonError == nil && r.observed?.status == 200)
        #expect(s.preflights.count == 1 && s.actual.count == 1)
        let pf = s.preflights[0]
        #expect(pf.method == "OPTIONS" && pf.header("Access-Control-Request-Method") == "GET")
        #expect(pf.header("Access-Control-Request-Headers") == "x-api-key" && pf.header("Origin") == Self.page)
        #expect(pf.header("X-Api-Key") == nil && pf.body == .none)
        #expect(r.has("cors-preflight"))
    }

    @Test(arguments: Profiles.browsers)
    func failedPreflightNeverSendsTheRequest(_ p: Profile) {
        let (r, s) = runScripted(p, spec("GET", Self.api + "/get", headers: [("X-Api-Key", "k")]), mode: .async) { _, _, _ in
            .status(204, [("Access-Control-Allow-Origin", "*")])
        }
        #expect(s.sent.count == 1 && s.actual.isEmpty)
        #expect(r.pythonError?.type == "httpx.ConnectError" && r.observed == nil)
        #expect(r.effect("cors-blocked")?.message.contains("without Access-Control-Allow-Headers: x-api-key") == true)
    }

    @Test(arguments: Profiles.browsers)
    func actualResponseWithoutACAOIsANetworkError(_ p: Profile) {
        let (r, s) = runScripted(p, spec(), mode: .async) { _, _, _ in .ok() }
        #expect(s.actual.count == 1 && s.actual[0].header("Origin") == Self.page)
        #expect(r.pythonError?.type == "httpx.ConnectError" && r.observed == nil && r.has("cors-blocked"))
        #expect(r.error?.message.contains("no Access-Control-Allow-Origin") == true)
    }

    @Test(arguments: [Profile.native, .nodeJSPI])
    func noCORSOutsideBrowsers(_ p: Profile) {
        let (r, s) = runScripted(p, spec("PUT", Self.api + "/echo", headers: [("X-Api-Key", "k")]), mode: .async) { _, _, _ in .ok() }
        #expect(r.observed?.status == 200 && s.preflights.isEmpty && !r.has("cors-blocked"))
    }

    @Test func preflightCacheWithinARun() {
        let clock = FakeClock()
        let state = ProfileRunState(monotonic: { clock.now }, wall: { clock.now })
        let request = spec("PUT", Self.api + "/echo")
        let answer: (WireRequest, ExchangeKind, Int) -> Scripted = { _, kind, _ in
            kind == .preflight ? .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PUT"), ("Access-Control-Max-Age", "60")])
                               : .ok([("Access-Control-Allow-Origin", "*")])
        }
        let (_, s1) = runScripted(.browserMain, request, mode: .async, state: state, clock: clock, answer: answer)
        let (r2, s2) = runScripted(.browserMain, request, mode: .async, state: state, clock: clock, answer: answer)
        #expect(s1.preflights.count == 1 && s2.preflights.isEmpty && r2.has("cors-preflight-cached"))
        // Another method is not covered by the entry.
        let (_, s3) = runScripted(.browserMain, spec("DELETE", Self.api + "/echo"), mode: .async, state: state, clock: clock) { _, kind, _ in
            kind == .preflight ? .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "DELETE")]) : .ok([("Access-Control-Allow-Origin", "*")])
        }
        #expect(s3.preflights.count == 1)
        clock.advance(61)
        let (_, s4) = runScripted(.browserMain, request, mode: .async, state: state, clock: clock, answer: answer)
        #expect(s4.preflights.count == 1)
        // Credentials mode is part of the key.
        let (_, s5) = runScripted(.browserMain, request, mode: .async, credentials: .omit, state: state, clock: clock, answer: answer)
        #expect(s5.preflights.count == 1)
    }

    @Test func defaultCacheIsFiveSeconds() {
        let clock = FakeClock()
        let state = ProfileRunState(monotonic: { clock.now }, wall: { clock.now })
        let answer: (WireRequest, ExchangeKind, Int) -> Scripted = { _, kind, _ in
            kind == .preflight ? .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PUT")]) : .ok([("Access-Control-Allow-Origin", "*")])
        }
        _ = runScripted(.browserMain, spec("PUT", Self.api + "/a"), mode: .async, state: state, clock: clock, answer: answer)
        clock.advance(4)
        #expect(runScripted(.browserMain, spec("PUT", Self.api + "/a"), mode: .async, state: state, clock: clock, answer: answer).1.preflights.isEmpty)
        #expect(runScripted(.browserMain, spec("PUT", Self.api + "/b"), mode: .async, state: state, clock: clock, answer: answer).1.preflights.count == 1)
        clock.advance(2)
        #expect(runScripted(.browserMain, spec("PUT", Self.api + "/a"), mode: .async, state: state, clock: clock, answer: answer).1.preflights.count == 1)
    }

    @Test func crossOriginRedirectBackToThePageSendsOriginNull() {
        // Case 33: page A, API on B, B answers 302 to A.
        for (acao, passes) in [(Self.page, false), ("*", true), ("null", true)] {
            let (r, s) = runScripted(.browserMain, spec("GET", Self.api + "/redirect-to"), mode: .async) { req, _, i in
                i == 0 ? .redirect(302, to: Self.page + "/get", [("Access-Control-Allow-Origin", "*")]) : .ok([("Access-Control-Allow-Origin", acao)])
            }
            #expect(s.actual.count == 2 && s.actual[1].header("Origin") == "null")
            #expect(r.has("origin-null") && r.has("redirect-followed"))
            #expect((r.pythonError == nil) == passes, "ACAO \(acao)")
        }
    }

    @Test func sameOriginRedirectToAnotherOriginKeepsTheOrigin() {
        // Case 34: A → B.
        let (r, s) = runScripted(.browserMain, spec("GET", Self.page + "/redirect-to"), mode: .async) { _, _, i in
            i == 0 ? .redirect(302, to: Self.api + "/get") : .ok([("Access-Control-Allow-Origin", "*")])
        }
        #expect(r.observed?.status == 200 && s.actual[0].header("Origin") == nil && s.actual[1].header("Origin") == Self.page)
        #expect(!r.has("origin-null"))
        #expect(s.actual[1].header("Sec-Fetch-Site") == "cross-site")
    }

    static let rewriteCases: [(Int, String, String, Bool)] = [
        (301, "POST", "GET", false), (302, "POST", "GET", false), (303, "POST", "GET", false), (307, "POST", "POST", true), (308, "POST", "POST", true),
        (303, "PUT", "GET", false), (302, "PUT", "PUT", true), (301, "DELETE", "DELETE", false), (303, "HEAD", "HEAD", false),
    ]

    @Test(arguments: rewriteCases)
    func fetchRedirectRewrite(_ status: Int, _ method: String, _ next: String, _ keepsBody: Bool) {
        let body: [UInt8]? = method == "HEAD" || method == "DELETE" ? nil : Array("{}".utf8)
        let (r, s) = runScripted(.nodeJSPI, spec(method, Self.api + "/redirect", headers: [("Content-Type", "application/json")], body: body), mode: .async) { _, _, i in
            i == 0 ? .redirect(status, to: Self.api + "/echo") : .ok()
        }
        #expect(r.observed?.status == 200 && s.actual.count == 2)
        #expect(s.actual[1].method == next)
        #expect((s.actual[1].body != .none) == keepsBody)
        if next != method { #expect(s.actual[1].header("content-type") == nil) }
    }

    static let httpxRewriteCases: [(Int, String, String)] = [
        (301, "POST", "GET"), (302, "POST", "GET"), (302, "PUT", "GET"), (303, "PUT", "GET"), (303, "HEAD", "HEAD"), (307, "PUT", "PUT"), (301, "PUT", "PUT"),
    ]

    @Test(arguments: httpxRewriteCases)
    func httpxRedirectRewrite(_ status: Int, _ method: String, _ next: String) {
        let options = ResolvedOptions(followRedirects: true, explicitlySet: ["followRedirects"])
        let (_, s) = runScripted(.native, spec(method, Self.api + "/redirect", body: method == "HEAD" ? nil : [1], options: options)) { _, _, i in
            i == 0 ? .redirect(status, to: Self.api + "/echo") : .ok()
        }
        #expect(s.actual.count == 2 && s.actual[1].method == next)
    }

    @Test func nativeRedirectsFollowOptions() {
        let (r, s) = runScripted(.native, spec()) { _, _, _ in .redirect(302, to: Self.api + "/get") }
        #expect(r.observed?.status == 302 && s.actual.count == 1 && r.effects.isEmpty)
        let options = ResolvedOptions(followRedirects: true, maxRedirects: 3)
        let (r2, s2) = runScripted(.native, spec(options: options)) { _, _, _ in .redirect(302, to: Self.api + "/get") }
        #expect(s2.actual.count == 4 && r2.pythonError?.type == "httpx.TooManyRedirects" && r2.error?.kind == .tooManyRedirects)
    }

    @Test(arguments: Profiles.javascript)
    func runtimeFollowsAtMostTwenty(_ p: Profile) {
        let (r, s) = runScripted(p, spec("GET", TestOrigins.page + "/redirect/21"), mode: .async) { _, _, i in
            i < 21 ? .redirect(302, to: TestOrigins.page + "/redirect/\(20 - i)") : .ok()
        }
        #expect(s.actual.count == 21 && r.pythonError?.type == "httpx.ConnectError" && r.has("too-many-redirects"))
        let (ok, s2) = runScripted(p, spec("GET", TestOrigins.page + "/redirect/20"), mode: .async) { _, _, i in
            i < 20 ? .redirect(302, to: TestOrigins.page + "/redirect/\(19 - i)") : .ok()
        }
        #expect(s2.actual.count == 21 && ok.observed?.status == 200)
    }

    @Test(arguments: Profiles.javascript)
    func redirectWithoutLocationIsReturned(_ p: Profile) {
        let (r, _) = runScripted(p, spec("GET", TestOrigins.page + "/x"), mode: .async) { _, _, _ in .status(302) }
        #expect(r.observed?.status == 302)
    }

    @Test(arguments: Profiles.javascript)
    func redirectToCredentialsFails(_ p: Profile) {
        let (r, s) = runScripted(p, spec("GET", TestOrigins.page + "/x"), mode: .async) { _, _, _ in .redirect(302, to: "http://u:p@127.0.0.1:9000/get") }
        #expect(s.actual.count == 1 && r.pythonError?.type == "httpx.ConnectError" && r.has("redirect-blocked"))
    }

    @Test func preflightAgainOnEachRedirectHop() {
        let (r, s) = runScripted(.browserMain, spec("PUT", Self.api + "/redirect", body: [1]), mode: .async) { req, kind, i in
            if kind == .preflight { return .status(204, [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PUT")]) }
            return req.url.hasSuffix("/redirect") ? .redirect(307, to: Self.api + "/echo", [("Access-Control-Allow-Origin", "*")]) : .ok([("Access-Control-Allow-Origin", "*")])
        }
        #expect(r.observed?.status == 200 && s.preflights.count == 2 && s.actual.count == 2)
    }

    @Test func secondHopWithoutACAOIsBlocked() {
        // Case 17.
        let (r, s) = runScripted(.browserWorker, spec("POST", Self.api + "/redirect", headers: [("Content-Type", "text/plain")], body: [1]), mode: .async) { req, _, _ in
            req.url.hasSuffix("/redirect") ? .redirect(307, to: "http://127.0.0.2:9000/echo", [("Access-Control-Allow-Origin", "*")]) : .ok()
        }
        #expect(s.actual.count == 2 && r.pythonError?.type == "httpx.ConnectError" && r.has("cors-blocked"))
    }

    @Test func authorizationStrippedOnCrossOriginRedirect() {
        let (r, s) = runScripted(.nodeJSPI, spec("GET", Self.api + "/r", headers: [("Authorization", "Bearer t"), ("Cookie", "a=1")]), mode: .async) { _, _, i in
            i == 0 ? .redirect(302, to: "http://127.0.0.2:9000/get") : .ok()
        }
        #expect(s.actual[0].header("authorization") == "Bearer t" && s.actual[1].header("authorization") == nil && s.actual[1].header("cookie") == nil)
        #expect(r.effects.contains { $0.code == "header-dropped" && $0.message.contains("cross-origin redirect") })
    }

    @Test func mixedContent() {
        let (r, s) = runScripted(.browserMain, spec("GET", "http://example.com/x"), mode: .async, origin: "https://app.example") { _, _, _ in .ok() }
        #expect(s.sent.isEmpty && r.has("mixed-content-blocked") && r.pythonError?.type == "httpx.ConnectError")
        let (r2, s2) = runScripted(.browserMain, spec("GET", Self.api + "/get"), mode: .async, origin: "https://app.example") { _, _, _ in .ok([("Access-Control-Allow-Origin", "*")]) }
        #expect(s2.sent.count == 1 && r2.pythonError == nil)
    }

    @Test func credentialsInclude() {
        // Case 29.
        let (blocked, _) = runScripted(.browserMain, spec(), mode: .async, credentials: .include) { _, _, _ in .ok([("Access-Control-Allow-Origin", "*")]) }
        #expect(blocked.pythonError?.type == "httpx.ConnectError")
        let (allowed, s) = runScripted(.browserMain, spec(), mode: .async, credentials: .include) { _, _, _ in
            .ok([("Access-Control-Allow-Origin", TestOrigins.page), ("Access-Control-Allow-Credentials", "true")])
        }
        #expect(allowed.observed?.status == 200 && s.actual[0].header("Sec-Fetch-Storage-Access") == "none")
    }

    @Test func sameOriginNeverPreflights() {
        // Case 30.
        let (r, s) = runScripted(.browserMain, spec("POST", Self.page + "/echo", headers: [("Content-Type", "application/json")], body: [1]), mode: .async) { _, _, _ in .ok() }
        #expect(s.preflights.isEmpty && s.actual[0].header("Origin") == Self.page && r.observed?.status == 200)
    }
}

@Suite("Executor: cookies")
struct ExecutorCookieTests {
    @Test func nativeJarStoresAndSends() {
        let clock = FakeClock()
        let state = ProfileRunState(monotonic: { clock.now }, wall: { 1_700_000_000 + clock.now })
        _ = runScripted(.native, spec("GET", TestOrigins.api + "/cookies/set"), state: state, clock: clock) { _, _, _ in .ok([("Set-Cookie", "a=1; Path=/")]) }
        let (_, s) = runScripted(.native, spec("GET", TestOrigins.api + "/cookies"), state: state, clock: clock) { _, _, _ in .ok() }
        #expect(s.actual[0].header("Cookie") == "a=1")
        // The request's own Cookie header wins on the first hop.
        let (_, s2) = runScripted(.native, spec("GET", TestOrigins.api + "/cookies", headers: [("Cookie", "b=2")]), state: state, clock: clock) { _, _, _ in .ok() }
        #expect(s2.actual[0].header("Cookie") == "b=2")
    }

    @Test func browserJarOnlySameOrigin() {
        let clock = FakeClock()
        let state = ProfileRunState(monotonic: { clock.now }, wall: { 1_700_000_000 + clock.now })
        let (cross, _) = runScripted(.browserMain, spec("GET", TestOrigins.api + "/cookies/set"), mode: .async, state: state, clock: clock) { _, _, _ in
            .ok([("Set-Cookie", "x=1; Path=/"), ("Access-Control-Allow-Origin", "*")])
        }
        #expect(cross.has("cookie-not-stored"))
        _ = runScripted(.browserMain, spec("GET", TestOrigins.page + "/cookies/set"), mode: .async, state: state, clock: clock) { _, _, _ in .ok([("Set-Cookie", "s=1; Path=/")]) }
        let (_, same) = runScripted(.browserMain, spec("GET", TestOrigins.page + "/cookies"), mode: .async, state: state, clock: clock) { _, _, _ in .ok() }
        #expect(same.actual[0].header("Cookie") == "s=1")
        let (_, other) = runScripted(.browserMain, spec("GET", TestOrigins.api + "/cookies"), mode: .async, state: state, clock: clock) { _, _, _ in .ok([("Access-Control-Allow-Origin", "*")]) }
        #expect(other.actual[0].header("Cookie") == nil)
    }

    @Test func nodeHasNoJar() {
        let clock = FakeClock()
        let state = ProfileRunState(monotonic: { clock.now }, wall: { 1_700_000_000 + clock.now })
        _ = runScripted(.nodeJSPI, spec("GET", TestOrigins.api + "/cookies/set"), mode: .async, state: state, clock: clock) { _, _, _ in .ok([("Set-Cookie", "a=1")]) }
        let (_, s) = runScripted(.nodeJSPI, spec("GET", TestOrigins.api + "/cookies"), mode: .async, state: state, clock: clock) { _, _, _ in .ok() }
        #expect(s.actual[0].header("cookie") == nil)
    }
}
