import Testing
@testable import Engine

/// RFC 6265 subset: parsing, storage rules and matching, table-driven, no sockets.
@Suite struct CookieJarTests {
    /// One storage case: headers set from a URL, then the Cookie header expected for other URLs.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var setFrom: String
        var headers: [String]
        var expectations: [(url: String, cookie: String?)]
        var now: Double = 1_000_000
        var later: Double = 1_000_000
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "host-only cookie goes back to its host only", setFrom: "http://example.com/",
             headers: ["a=1"],
             expectations: [("http://example.com/", "a=1"), ("http://www.example.com/", nil), ("http://example.org/", nil)]),
        Case(label: "domain cookie goes to subdomains", setFrom: "http://www.example.com/",
             headers: ["a=1; Domain=example.com"],
             expectations: [("http://example.com/", "a=1"), ("http://a.b.example.com/x", "a=1"), ("http://badexample.com/", nil)]),
        Case(label: "leading dot in Domain is ignored", setFrom: "http://www.example.com/",
             headers: ["a=1; Domain=.Example.COM"],
             expectations: [("http://api.example.com/", "a=1")]),
        Case(label: "Domain that does not domain-match the host is rejected", setFrom: "http://www.example.com/",
             headers: ["a=1; Domain=other.com", "b=2; Domain=ww.example.com", "c=3; Domain=com"],
             expectations: [("http://other.com/", nil), ("http://ww.example.com/", nil), ("http://www.example.com/", nil)]),
        Case(label: "Domain equal to the host makes a domain cookie", setFrom: "http://example.com/",
             headers: ["a=1; Domain=example.com"],
             expectations: [("http://sub.example.com/", "a=1")]),
        Case(label: "IP hosts never domain-match", setFrom: "http://127.0.0.1:8080/",
             headers: ["a=1", "b=2; Domain=0.0.1"],
             expectations: [("http://127.0.0.1:9090/", "a=1")]),
        Case(label: "localhost keeps host-only cookies across ports", setFrom: "http://localhost:1234/login",
             headers: ["sid=x; Path=/", "d=1; Domain=localhost"],
             expectations: [("http://localhost:5678/", "sid=x; d=1"), ("http://127.0.0.1:1234/", nil)]),
        Case(label: "default path is the request's directory", setFrom: "http://h.test/a/b/c?q=1",
             headers: ["a=1"],
             expectations: [("http://h.test/a/b/", "a=1"), ("http://h.test/a/b/d", "a=1"), ("http://h.test/a/b", "a=1"),
                            ("http://h.test/a/bc", nil), ("http://h.test/a/", nil)]),
        Case(label: "default path of a top-level resource is /", setFrom: "http://h.test/login",
             headers: ["a=1"], expectations: [("http://h.test/anything/deep", "a=1")]),
        Case(label: "a Path not starting with / falls back to the default path", setFrom: "http://h.test/x/y",
             headers: ["a=1; Path=relative"], expectations: [("http://h.test/x/z", "a=1"), ("http://h.test/", nil)]),
        Case(label: "path-match needs a / boundary", setFrom: "http://h.test/",
             headers: ["a=1; Path=/docs"],
             expectations: [("http://h.test/docs", "a=1"), ("http://h.test/docs/x", "a=1"), ("http://h.test/docsx", nil),
                            ("http://h.test/", nil)]),
        Case(label: "Secure cookies only over https", setFrom: "https://h.test/",
             headers: ["s=1; Secure", "p=2"],
             expectations: [("https://h.test/", "s=1; p=2"), ("http://h.test/", "p=2")]),
        Case(label: "longer paths first, then older first", setFrom: "http://h.test/a/b/c",
             headers: ["root=1; Path=/", "deep=2; Path=/a/b", "mid=3; Path=/a", "root2=4; Path=/"],
             expectations: [("http://h.test/a/b/c", "deep=2; mid=3; root=1; root2=4")]),
        Case(label: "same name, domain and path replaces in place", setFrom: "http://h.test/",
             headers: ["a=1", "b=2", "a=3"], expectations: [("http://h.test/", "a=3; b=2")]),
        Case(label: "same name, different paths are different cookies", setFrom: "http://h.test/",
             headers: ["a=1; Path=/", "a=2; Path=/x"], expectations: [("http://h.test/x", "a=2; a=1")]),
        Case(label: "Max-Age=0 deletes", setFrom: "http://h.test/",
             headers: ["a=1", "b=2", "a=gone; Max-Age=0"], expectations: [("http://h.test/", "b=2")]),
        Case(label: "a past Expires deletes", setFrom: "http://h.test/",
             headers: ["a=1", "a=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT"], expectations: [("http://h.test/", nil)]),
        Case(label: "Max-Age wins over Expires", setFrom: "http://h.test/",
             headers: ["a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100"],
             expectations: [("http://h.test/", "a=1")]),
        Case(label: "Max-Age counts from now", setFrom: "http://h.test/",
             headers: ["short=1; Max-Age=10", "long=2; Max-Age=1000", "session=3"],
             expectations: [("http://h.test/", "long=2; session=3")], later: 1_000_011),
        Case(label: "a future Expires keeps the cookie until then", setFrom: "http://h.test/",
             headers: ["a=1; Expires=Wed, 21 Oct 2065 07:28:00 GMT"], expectations: [("http://h.test/", "a=1")]),
        Case(label: "cookies without = or with an empty name are ignored", setFrom: "http://h.test/",
             headers: ["novalue", "=v", "  ok = yes ; HttpOnly"], expectations: [("http://h.test/", "ok=yes")]),
        Case(label: "an empty value is kept", setFrom: "http://h.test/",
             headers: ["e="], expectations: [("http://h.test/", "e=")]),
        Case(label: "values keep their = signs and quotes", setFrom: "http://h.test/",
             headers: ["t=a=b==; Path=/", "q=\"quoted\""], expectations: [("http://h.test/", "t=a=b==; q=\"quoted\"")]),
        Case(label: "unknown and malformed attributes are ignored", setFrom: "http://h.test/",
             headers: ["a=1; Max-Age=soon; Expires=never; Foo=bar; Domain="], expectations: [("http://h.test/", "a=1")]),
    ]

    @Test(arguments: cases)
    func storageAndMatching(_ testCase: Case) {
        var jar = CookieJar()
        jar.store(setCookieHeaders: testCase.headers, requestURL: testCase.setFrom, now: testCase.now)
        for (url, expected) in testCase.expectations {
            #expect(jar.cookieHeader(for: url, now: testCase.later) == expected, "\(url)")
        }
    }

    @Test func attributesAreRecorded() throws {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["id=42; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=lax; Max-Age=60"],
                  requestURL: "https://www.example.com/app/login", now: 100)
        let cookie = try #require(jar.cookies.first)
        #expect(cookie == StoredCookie(name: "id", value: "42", domain: "example.com", path: "/app", hostOnly: false,
                                       secure: true, httpOnly: true, sameSite: .lax, expires: 160, created: 100))
    }

    @Test func replacementKeepsCreationTime() throws {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["a=1"], requestURL: "http://h.test/", now: 10)
        jar.store(setCookieHeaders: ["b=2"], requestURL: "http://h.test/", now: 20)
        jar.store(setCookieHeaders: ["a=3"], requestURL: "http://h.test/", now: 30)
        #expect(jar.cookies.map(\.created) == [10, 20])
        #expect(jar.cookieHeader(for: "http://h.test/", now: 31) == "a=3; b=2")
    }

    @Test func expiredCookiesAreDroppedFromTheList() {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["a=1; Max-Age=5", "b=2"], requestURL: "http://h.test/", now: 0)
        #expect(jar.cookies.count == 2)
        jar.removeExpired(now: 6)
        #expect(jar.cookies.map(\.name) == ["b"])
    }

    @Test(arguments: [
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480.0),
        ("Wednesday, 21-Oct-15 07:28:00 GMT", 1_445_412_480.0),
        ("Wed Oct 21 07:28:00 2015", 1_445_412_480.0),
        ("21 oct 2015 7:28:0", 1_445_412_480.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Sat, 29 Feb 2020 12:00:00 GMT", 1_582_977_600.0),
        ("Fri, 01 Jan 2038 00:00:01 GMT", 2_145_916_801.0),
    ])
    func cookieDates(_ text: String, _ expected: Double) {
        #expect(CookieDate.parse(text) == expected)
    }

    @Test(arguments: ["", "tomorrow", "Wed, 32 Oct 2015 07:28:00 GMT", "Sat, 29 Feb 2019 12:00:00 GMT",
                      "Wed, 21 Oct 2015 25:28:00 GMT", "Wed, 21 Oct 1600 07:28:00 GMT", "Wed, 21 Foo 2015 07:28:00 GMT"])
    func invalidCookieDates(_ text: String) {
        #expect(CookieDate.parse(text) == nil)
    }

    @Test func setCookieParsing() throws {
        let parsed = try #require(SetCookie("  n = v w ; path=/p ; DOMAIN=.EXAMPLE.org; secure; samesite=STRICT; max-age=-5"))
        #expect(parsed.name == "n")
        #expect(parsed.value == "v w")
        #expect(parsed.path == "/p")
        #expect(parsed.domain == "example.org")
        #expect(parsed.secure)
        #expect(!parsed.httpOnly)
        #expect(parsed.sameSite == .strict)
        #expect(parsed.maxAge == -5)
        #expect(SetCookie("a=1; SameSite=weird")?.sameSite == nil)
        #expect(SetCookie("a=1; Path=/x; Path=/y")?.path == "/y")
    }

    @Test(arguments: [
        ("http://Example.COM:8080/a/b?x#y", "http", "example.com", 8080, "/a/b"),
        ("https://user:pw@h.test", "https", "h.test", nil, ""),
        ("http://[::1]:9/p", "http", "::1", 9, "/p"),
        ("http://h.test./?q", "http", "h.test", nil, "/"),
    ] as [(String, String, String, Int?, String)])
    func urlParts(_ text: String, _ scheme: String, _ host: String, _ port: Int?, _ path: String) throws {
        let url = try #require(CookieURL(text))
        #expect(url.scheme == scheme)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.path == path)
    }

    @Test func unparsableURLsStoreAndSendNothing() {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["a=1"], requestURL: "not a url", now: 0)
        #expect(jar.cookies.isEmpty)
        #expect(jar.cookieHeader(for: "::", now: 0) == nil)
    }
}
