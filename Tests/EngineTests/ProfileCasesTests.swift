import FixtureServer
import Testing
@testable import Engine

/// The cases of profiles.md §5, end to end: the executor, `CurlTransport` and the fixture server.
/// Cases 23 and 24 (self-signed HTTPS) are in ProfileCasesTLSTests.swift, against the fixture server's HTTPS listener.
@Suite("Profile cases against the fixture server", .serialized)
struct ProfileCasesTests {
    struct Live {
        var result: RequestExecution
        var log: [LoggedRequest]
        var preflights: [LoggedRequest] { log.filter { $0.method == "OPTIONS" && $0.header("Access-Control-Request-Method") != nil } }
        var actual: [LoggedRequest] { log.filter { !($0.method == "OPTIONS" && $0.header("Access-Control-Request-Method") != nil) } }
        var status: Int? { result.observed?.status }
        var python: String? { result.pythonError?.type }
    }

    /// Runs `make(server)` under `profile` and returns the outcome and what reached the server.
    static func live(_ profile: Profile, mode: ClientMode = .sync, credentials: CredentialsMode = .sameOrigin,
                     _ make: (FixtureServer) -> RequestSpec) throws -> Live {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let transport = CurlTransport()
        let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: mode, origin: server.pageURL, credentials: credentials))
        let result = RequestExecutor.execute(make(server), settings: settings, state: ProfileRunState(), sender: transport)
        return Live(result: result, log: server.requestLog())
    }

    static func req(_ method: String, _ url: String, _ headers: [(String, String)] = [], body: String? = nil,
                    options: ResolvedOptions = ResolvedOptions()) -> RequestSpec {
        RequestSpec(method: method, url: url, headers: headers.map { HeaderField($0.0, $0.1) },
                    body: body.map { .bytes(Array($0.utf8)) } ?? .none, options: options)
    }

    static let browsers = Profiles.browsers
    static let everyProfile = ProfileCatalog.builtIns.filter { $0.name != "node" } + [.nodeNoJSPI]

    /// The mode that can send under a profile (node without JSPI only has async).
    static func mode(_ p: Profile) -> ClientMode { p.syncAPI == .unavailable ? .async : .sync }

    @Test("1: GET with ACAO *", arguments: everyProfile)
    func case01(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.baseURL + "/get?acao=*") }
        #expect(r.status == 200 && r.preflights.isEmpty && r.actual.count == 1)
        #expect((r.actual[0].header("Origin") != nil) == (p.runtime == .browser))
    }

    @Test("2: no ACAO", arguments: everyProfile)
    func case02(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.baseURL + "/get") }
        #expect(r.actual.count == 1)
        if p.runtime == .browser { #expect(r.python == "httpx.ConnectError" && r.result.has("cors-blocked")) } else { #expect(r.status == 200) }
    }

    @Test("3, 4: X-Api-Key and the preflight", arguments: browsers)
    func case03and04(_ p: Profile) throws {
        let ok = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=*&pf_acah=x-api-key", [("X-Api-Key", "k")]) }
        #expect(ok.status == 200 && ok.preflights.count == 1 && ok.actual.count == 1)
        #expect(ok.preflights[0].header("Access-Control-Request-Headers") == "x-api-key")
        let blocked = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=*", [("X-Api-Key", "k")]) }
        #expect(blocked.log.count == 1 && blocked.preflights.count == 1 && blocked.python == "httpx.ConnectError")
        #expect(blocked.result.effect("cors-blocked")?.message.contains("without Access-Control-Allow-Headers: x-api-key") == true)
    }

    @Test("5, 6, 31: Content-Type decides the preflight", arguments: browsers)
    func case05_06_31(_ p: Profile) throws {
        for (type, preflight) in [("application/json", true), ("text/plain; charset=utf-8", false), ("text/plain; charset=\"utf-8\"", true)] {
            let r = try Self.live(p) { Self.req("POST", $0.baseURL + "/echo?acao=*&pf_acah=content-type", [("Content-Type", type)], body: "{}") }
            #expect(r.preflights.count == (preflight ? 1 : 0), "\(type)")
            #expect(r.status == 200)
        }
    }

    @Test("7, 8: methods and Access-Control-Allow-Methods", arguments: browsers)
    func case07and08(_ p: Profile) throws {
        let put = try Self.live(p) { Self.req("PUT", $0.baseURL + "/echo?acao=*&pf_acam=GET,%20POST", body: "x") }
        #expect(put.actual.isEmpty && put.python == "httpx.ConnectError")
        let delete = try Self.live(p) { Self.req("DELETE", $0.baseURL + "/echo?acao=*&pf_acam=*") }
        #expect(delete.status == 200 && delete.preflights.count == 1)
    }

    @Test("9: Authorization with ACAH *", arguments: browsers)
    func case09(_ p: Profile) throws {
        let r = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=*&pf_acah=*", [("Authorization", "Bearer t")]) }
        #expect(r.status == 200 && r.preflights.count == 1 && r.result.has("cors-authorization-wildcard"))
    }

    @Test("10: exposed headers", arguments: browsers)
    func case10(_ p: Profile) throws {
        let hidden = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=*&header=X-Total-Count:5") }
        #expect(hidden.result.observed?.header("x-total-count") == nil)
        let shown = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=*&header=X-Total-Count:5&aceh=x-total-count") }
        #expect(shown.result.observed?.header("x-total-count") == "5")
    }

    @Test("11: Set-Cookie", arguments: everyProfile)
    func case11(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.baseURL + "/cookies/set?a=1&acao=*") }
        let visible = r.result.observed?.headers.contains(name: "Set-Cookie") ?? false
        #expect(r.status != nil)
        #expect(visible == (p.runtime != .browser))
        if p.runtime == .node { #expect(r.result.has("cookie-not-stored")) }
    }

    @Test("12, 13, 15: forbidden request headers", arguments: everyProfile)
    func case12_13_15(_ p: Profile) throws {
        let headers = [("Cookie", "a=1"), ("Connection", "close"), ("Proxy-Authorization", "x"), ("Sec-Foo", "1"),
                       ("Accept-Encoding", "br"), ("X-HTTP-Method-Override", "TRACE"), ("X-Ok", "1")]
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.baseURL + "/get?acao=*&pf_acah=*", headers) }
        let sent = try #require(r.actual.last)
        #expect(sent.header("X-Ok") == "1")
        if p.runtime == .browser {
            #expect(sent.header("Cookie") == nil && sent.header("Proxy-Authorization") == nil && sent.header("Sec-Foo") == nil)
            #expect(sent.header("X-HTTP-Method-Override") == nil && sent.header("Accept-Encoding") == "gzip, deflate, br, zstd")
            #expect(r.result.effects.filter { $0.code == "header-dropped" }.count >= 4)
        } else {
            #expect(sent.header("Cookie") == "a=1" && sent.header("Sec-Foo") == "1" && sent.header("X-HTTP-Method-Override") == "TRACE")
        }
    }

    @Test("13: Host and Content-Length", arguments: browsers + [.nodeJSPI])
    func case13(_ p: Profile) throws {
        let r = try Self.live(p) { Self.req("POST", $0.pageURL + "/echo", [("Host", "example.com"), ("Content-Length", "99")], body: "abc") }
        let sent = try #require(r.actual.first)
        #expect(sent.header("Host")?.hasPrefix("localhost") == true && sent.bodySize == 3 && r.status == 200)
    }

    @Test("14: TRACE", arguments: everyProfile)
    func case14(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("TRACE", $0.pageURL + "/anything") }
        if p.runtime == .native { #expect(r.actual.count == 1) } else { #expect(r.log.isEmpty && r.python == "httpx.ConnectError") }
    }

    @Test("16: 302 to the same origin", arguments: everyProfile)
    func case16(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.pageURL + "/redirect/1") }
        #expect(r.status == (p.runtime == .native ? 302 : 200))
    }

    @Test("17: 307 POST, second hop without ACAO", arguments: browsers)
    func case17(_ p: Profile) throws {
        let r = try Self.live(p) { s in
            Self.req("POST", s.baseURL + "/redirect-to?status=307&acao=*&url=" + s.pageURL.replacingColonSlash() + "%2Fecho", [("Content-Type", "text/plain")], body: "x")
        }
        #expect(r.python == "httpx.ConnectError" && r.actual.count == 2)
    }

    @Test("18: 21 redirects", arguments: everyProfile.filter { $0.runtime != .native })
    func case18(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.pageURL + "/redirect/21") }
        #expect(r.python == "httpx.ConnectError" && r.result.has("too-many-redirects"))
    }

    static let oneSecond = ResolvedOptions(timeout: TimeoutSettings(connect: 1, read: 1, write: 1, pool: 1), explicitlySet: ["timeout"])

    @Test("19, 20: slow server", arguments: [Profile.native, .browserMain, .browserWorker, .nodeJSPI])
    func case19and20(_ p: Profile) throws {
        let sync = try Self.live(p) { Self.req("GET", $0.pageURL + "/delay/2000", options: Self.oneSecond) }
        if p.name == "browser-main" {
            #expect(sync.status == 200 && sync.result.has("timeout-not-enforced"))
        } else {
            #expect(sync.python?.hasSuffix("Timeout") == true)
        }
        let async = try Self.live(p, mode: .async) { Self.req("GET", $0.pageURL + "/delay/2000", options: Self.oneSecond) }
        #expect(async.python?.hasSuffix("Timeout") == true)
    }

    @Test("21: node without JSPI, sync client")
    func case21() throws {
        let r = try Self.live(.nodeNoJSPI) { Self.req("GET", $0.pageURL + "/get") }
        #expect(r.log.isEmpty && r.result.sentNothing && r.python == "AttributeError")
    }

    @Test("22: proxy", arguments: everyProfile.filter { $0.runtime != .native })
    func case22(_ p: Profile) throws {
        let options = ResolvedOptions(proxy: "http://127.0.0.1:9", explicitlySet: ["proxy"])
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.pageURL + "/get", options: options) }
        #expect(r.status == 200 && r.result.has("option-ignored"))
    }

    @Test("25: error statuses", arguments: browsers)
    func case25(_ p: Profile) throws {
        #expect(try Self.live(p) { Self.req("GET", $0.baseURL + "/status/404?acao=*") }.status == 404)
        let r = try Self.live(p) { Self.req("GET", $0.baseURL + "/status/500") }
        #expect(r.status == nil && r.python == "httpx.ConnectError" && r.actual.count == 1)
    }

    @Test("26: gzip", arguments: everyProfile)
    func case26(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.baseURL + "/gzip?acao=*") }
        if p.runtime == .native {
            #expect(r.status == 200)
        } else {
            #expect(r.result.has("content-decoded"))
            if p.runtime == .browser { #expect(r.status == 200 && (r.result.observed?.body.first == UInt8(ascii: "{"))) }
            if p.runtime == .node {
                // fetch + run_sync rewrites content-encoding; the async fetch path decodes twice (§6).
                if Self.mode(p) == .async { #expect(r.python == "httpx.DecodingError" && r.result.has("double-decoding")) }
                else { #expect(r.status == 200 && r.result.observed?.header("content-encoding") == "identity") }
            }
        }
    }

    @Test("27, 28: preflight without ACAO, trailing slash", arguments: browsers)
    func case27and28(_ p: Profile) throws {
        let r27 = try Self.live(p) { Self.req("PUT", $0.baseURL + "/echo?acao=*&pf_acao=&pf_acam=PUT", body: "x") }
        #expect(r27.actual.isEmpty && r27.python == "httpx.ConnectError")
        let r28 = try Self.live(p) { Self.req("GET", $0.baseURL + "/get?acao=" + $0.pageURL.replacingColonSlash() + "%2F") }
        #expect(r28.python == "httpx.ConnectError")
    }

    @Test("29: credentials include", arguments: browsers)
    func case29(_ p: Profile) throws {
        let star = try Self.live(p, credentials: .include) { Self.req("GET", $0.baseURL + "/get?acao=*") }
        #expect(star.python == "httpx.ConnectError")
        let exact = try Self.live(p, credentials: .include) { Self.req("GET", $0.baseURL + "/get?acac=true&acao=" + $0.pageURL.replacingColonSlash()) }
        #expect(exact.status == 200)
    }

    @Test("30: same-origin POST JSON", arguments: browsers)
    func case30(_ p: Profile) throws {
        let r = try Self.live(p) { Self.req("POST", $0.pageURL + "/echo", [("Content-Type", "application/json")], body: "{}") }
        #expect(r.preflights.isEmpty && r.actual.first?.header("Origin") != nil && r.status == 200)
    }

    @Test("32: patch vs PATCH", arguments: browsers)
    func case32(_ p: Profile) throws {
        let lower = try Self.live(p) { Self.req("patch", $0.baseURL + "/anything?acao=*&pf_acam=PATCH", body: "x") }
        #expect(lower.actual.isEmpty && lower.python == "httpx.ConnectError")
        let upper = try Self.live(p) { Self.req("PATCH", $0.baseURL + "/anything?acao=*&pf_acam=PATCH", body: "x") }
        #expect(upper.status == 200)
    }

    @Test("33: B redirects to A: Origin null", arguments: browsers)
    func case33(_ p: Profile) throws {
        let bad = try Self.live(p) { s in Self.req("GET", s.baseURL + "/redirect-to?acao=*&url=" + (s.pageURL + "/get?acao=" + s.pageURL).percentEncodedQueryValue()) }
        #expect(bad.actual.count == 2 && bad.actual[1].header("Origin") == "null" && bad.python == "httpx.ConnectError")
        let good = try Self.live(p) { s in Self.req("GET", s.baseURL + "/redirect-to?acao=*&url=" + (s.pageURL + "/get?acao=*").percentEncodedQueryValue()) }
        #expect(good.status == 200)
    }

    @Test("34: A redirects to B: real Origin", arguments: browsers)
    func case34(_ p: Profile) throws {
        let r = try Self.live(p) { s in Self.req("GET", s.pageURL + "/redirect-to?url=" + (s.baseURL + "/get?acao=*").percentEncodedQueryValue()) }
        #expect(r.status == 200 && r.actual.count == 2 && r.actual[1].header("Origin") == r.actual[1].header("Referer").map { String($0.dropLast()) })
    }

    @Test("35: POST through 303 and 307", arguments: everyProfile.filter { $0.runtime != .native })
    func case35(_ p: Profile) throws {
        for (status, method, size) in [(303, "GET", 0), (307, "POST", 4)] {
            let r = try Self.live(p, mode: Self.mode(p)) { s in
                Self.req("POST", s.pageURL + "/redirect-to?status=\(status)&url=%2Fecho", [("Content-Type", "text/plain")], body: "data")
            }
            #expect(r.actual.count == 2 && r.actual[1].method == method && r.actual[1].bodySize == size, "\(status)")
        }
    }

    @Test("36: slow preflight under one clock", arguments: browsers)
    func case36(_ p: Profile) throws {
        let r = try Self.live(p, mode: .async) { Self.req("PUT", $0.baseURL + "/echo?acao=*&pf_acam=PUT&pf_delay=1500", body: "x", options: Self.oneSecond) }
        #expect(r.actual.isEmpty && r.python == "httpx.ConnectTimeout")
    }

    @Test("37: Connection: Upgrade", arguments: everyProfile)
    func case37(_ p: Profile) throws {
        let r = try Self.live(p, mode: Self.mode(p)) { Self.req("GET", $0.pageURL + "/get", [("Connection", "Upgrade")]) }
        switch p.runtime {
        case .node: #expect(r.log.isEmpty && r.python == "httpx.ConnectError")
        case .browser: #expect(r.actual.first?.header("Connection") == "keep-alive")
        case .native: #expect(r.actual.count <= 1)
        }
    }
}

extension String {
    /// `http://x:1` → `http%3A%2F%2Fx%3A1`, for a URL inside a query value.
    func replacingColonSlash() -> String {
        var out = ""
        for c in self {
            switch c {
            case ":": out += "%3A"
            case "/": out += "%2F"
            default: out.append(c)
            }
        }
        return out
    }

    /// Percent-encodes everything but unreserved characters.
    func percentEncodedQueryValue() -> String {
        var out = ""
        for byte in utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { out.append(c) } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
