import FixtureServer
import PropertyBased
import Testing
@testable import Engine

/// Property: no JavaScript profile ever lets a script-set forbidden header reach the wire.
/// Random request specs (methods, forbidden and ordinary header names in any case, method-override values)
/// run through `RequestExecutor` and `CurlTransport` against the fixture server; every header the server
/// received that carries the script's marker must be one the profile's rules allow (browsers: the Fetch
/// standard's list, `ForbiddenHeaders.isForbiddenInBrowser`; node: `ForbiddenHeaders.nodeAction == .send`).
@Suite("Property: forbidden headers never reach the wire", .serialized)
struct PropertyWireHeaderTests {
    static let marker = "wbmarker"
    static let names = [
        "Cookie", "Cookie2", "Host", "Origin", "Referer", "Sec-Fetch-Mode", "Sec-Ch-Ua", "Sec-Custom", "Proxy-Authorization",
        "Proxy-Custom", "Accept-Charset", "Accept-Encoding", "Connection", "Content-Length", "Keep-Alive",
        "Transfer-Encoding", "Upgrade", "Via", "TE", "Trailer", "Date", "DNT", "Expect", "Set-Cookie",
        "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-HTTP-Method-Override",
        "X-HTTP-Method", "X-Method-Override", "X-Api-Key", "Accept", "Accept-Language", "User-Agent", "Authorization",
    ]
    static let values = [marker, "TRACE, \(marker)", "\(marker), connect", " \(marker) ", "\(marker)-track, TRACK"]
    static let javascriptProfiles = ProfileCatalog.builtIns.filter { $0.runtime != .native }

    /// A header name in its list spelling, upper case or lower case.
    static let headerName = zip(Gen.element(of: names), Gen.int(in: 0...2)).map { name, style -> String in
        let base = name ?? "X-Api-Key"
        return style == 0 ? base : style == 1 ? base.uppercased() : base.lowercased()
    }
    static let header = zip(headerName, Gen.element(of: values)).map { name, value in HeaderField(name, value ?? marker) }
    static let headers = header.array(of: 1...6)
    static let method = Gen.element(of: ["GET", "POST", "PUT", "DELETE", "PATCH", "get", "post"])
    static let profile = Gen.element(of: javascriptProfiles)

    /// True when `profile`'s rules allow a script to send this header with its own value.
    static func allowed(_ name: String, _ value: String, under profile: Profile) -> Bool {
        switch profile.forbiddenHeaders {
        case .none: return true
        case .browser: return !ForbiddenHeaders.isForbiddenInBrowser(name: name, value: value)
        case .node: return ForbiddenHeaders.nodeAction(name: name, value: value) == .send
        }
    }

    @Test("script-set forbidden headers never arrive at the server, under every JavaScript profile")
    func forbiddenNeverOnTheWire() async throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let transport = CurlTransport()
        var reachedServer = 0
        await propertyCheck(count: 120, input: Self.profile, Self.method, Self.headers, Gen.bool) { profile, method, headers, sameOrigin in
            guard let profile else { return }
            server.clearLog()
            let base = sameOrigin ? server.pageURL : server.baseURL
            let spec = RequestSpec(method: method ?? "GET", url: base + "/anything?acao=*&pf_acam=*&pf_acah=*",
                                   headers: headers, body: .bytes(Array("{}".utf8)))
            let mode: ClientMode = profile.syncAPI == .unavailable ? .async : .sync
            let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: mode, origin: server.pageURL))
            let execution = RequestExecutor.execute(spec, settings: settings, state: ProfileRunState(), sender: transport)
            let log = server.requestLog()
            if !log.isEmpty { reachedServer += 1 }
            #expect(!execution.sentNothing || log.isEmpty, "sentNothing, yet the server logged \(log.count) request(s)")
            for request in log {
                for header in request.headers where header.value.contains(Self.marker) {
                    #expect(Self.allowed(header.name, header.value, under: profile),
                            "\(profile.name) sent the script's \(header.name): \(header.value) (\(request.method) \(request.path))")
                }
            }
        }
        // Not vacuous: most random requests pass the gate and reach the server.
        #expect(reachedServer > 30, "only \(reachedServer) of 120 requests reached the server")
    }

    @Test("control: native sends a script's Cookie and Via as written (the check above can see a leak)")
    func nativeSendsThem() throws {
        let server = try FixtureServer.start()
        defer { server.stop() }
        let spec = RequestSpec(method: "GET", url: server.baseURL + "/get",
                               headers: [HeaderField("Cookie", "a=\(Self.marker)"), HeaderField("Via", Self.marker)])
        _ = RequestExecutor.execute(spec, settings: ExecutionSettings(profile: .native), state: ProfileRunState(), sender: CurlTransport())
        let request = try #require(server.requestLog().first)
        #expect(request.header("Cookie") == "a=\(Self.marker)")
        #expect(!Self.allowed("Via", Self.marker, under: .browserMain) && request.header("Via") == Self.marker)
    }
}
