import FixtureServer
import Testing
@testable import Engine

/// profiles.md §5 cases 23 and 24, end to end against the fixture server's HTTPS listener serving a
/// self-signed certificate: only `native` honours the collection's CA file and `insecure`; the JS
/// profiles ignore both (effect `option-ignored`), verify against the system store and fail with a
/// network error before anything reaches the server.
@Suite("Profile cases 23, 24: self-signed HTTPS", .serialized)
struct ProfileCasesTLSTests {
    typealias Live = ProfileCasesTests.Live

    static let profiles = ProfileCasesTests.everyProfile

    /// Runs `options` against `/get` on a fresh HTTPS fixture serving the self-signed certificate.
    static func live(_ profile: Profile, _ options: (TLSTestCertificates) -> ResolvedOptions) throws -> Live {
        let certificates = try TLSTestCertificates.shared()
        let pair = certificates.selfSigned
        let tls = FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key)
        let server = try FixtureServer.start(FixtureServerConfiguration(tls: tls))
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        let spec = ProfileCasesTests.req("GET", https + "/get?acao=*", options: options(certificates))
        let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: ProfileCasesTests.mode(profile), origin: server.pageURL))
        let result = RequestExecutor.execute(spec, settings: settings, state: ProfileRunState(), sender: CurlTransport())
        return Live(result: result, log: server.requestLog())
    }

    /// The untrusted certificate is a network error in every JS profile, and the option is reported ignored.
    static func expectNetworkError(_ r: Live, ignored option: String, _ p: Profile) {
        #expect(r.status == nil, "\(p.name)")
        #expect(r.python == "httpx.ConnectError", "\(p.name): \(String(describing: r.result.pythonError))")
        #expect(r.result.error?.kind == .tls, "\(p.name): \(String(describing: r.result.error))")
        #expect(r.log.isEmpty, "\(p.name): the handshake failed, nothing reached the server")
        let ignored = r.result.effects.filter { $0.code == "option-ignored" }
        #expect(ignored.count == 1 && ignored.first?.message.contains(option) == true, "\(p.name): \(ignored)")
    }

    @Test("23: self-signed server, the collection's CA file", arguments: profiles)
    func case23(_ p: Profile) throws {
        let r = try Self.live(p) { ResolvedOptions(caFile: $0.selfSigned.certificate, explicitlySet: ["caFile"]) }
        if p.runtime == .native {
            #expect(r.status == 200 && r.result.error == nil && !r.result.has("option-ignored"))
            #expect(r.log.count == 1)
        } else {
            Self.expectNetworkError(r, ignored: "caFile", p)
        }
    }

    @Test("24: insecure: true against a self-signed server", arguments: profiles)
    func case24(_ p: Profile) throws {
        let r = try Self.live(p) { _ in ResolvedOptions(insecure: true, explicitlySet: ["insecure"]) }
        if p.runtime == .native {
            #expect(r.status == 200 && r.result.error == nil && !r.result.has("option-ignored"))
            #expect(r.log.count == 1)
        } else {
            Self.expectNetworkError(r, ignored: "insecure", p)
        }
    }

    @Test("23, 24 without the option: native fails too (the system store does not trust the server)")
    func nativeWithoutOptions() throws {
        let r = try Self.live(.native) { _ in ResolvedOptions() }
        #expect(r.python == "httpx.ConnectError" && r.result.error?.kind == .tls && r.log.isEmpty)
        #expect(!r.result.has("option-ignored"))
    }

    /// What the executor hands the transport: the collection's TLS options under `native`, the
    /// defaults (verify against the system store, no CA file, no client certificate) under JS profiles.
    @Test("23, 24: TLS settings on the wire", arguments: profiles)
    func wireSettings(_ p: Profile) {
        let options = ResolvedOptions(caFile: "/ca.pem", insecure: true, clientCert: "/c.pem", clientKey: "/c.key",
                                      explicitlySet: ["caFile", "insecure", "clientCert", "clientKey"])
        let (result, sender) = runScripted(p, spec("GET", "https://127.0.0.1:9443/get", options: options),
                                           mode: ProfileCasesTests.mode(p)) { _, _, _ in .ok([("Access-Control-Allow-Origin", "*")]) }
        let sent = sender.actual.first?.tls
        if p.runtime == .native {
            #expect(sent == TLSSettings(verify: false, caFile: "/ca.pem", clientCert: "/c.pem", clientKey: "/c.key"))
            #expect(!result.has("option-ignored"))
        } else {
            #expect(sent == TLSSettings())
            #expect(result.effects.filter { $0.code == "option-ignored" }.count == 4)
        }
    }
}
