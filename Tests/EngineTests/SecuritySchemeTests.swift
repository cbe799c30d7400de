import FixtureServer
import Testing
@testable import Engine

/// Security (issue #7): only `http` and `https` are ever fetched, for the request itself and for every
/// redirect hop, under `native` and every JavaScript profile. Checked at three layers: the resolver
/// (a collection's URL), the executor (a request spec and each redirect target) and the transport
/// (libcurl's `CURLOPT_PROTOCOLS_STR` / `CURLOPT_REDIR_PROTOCOLS_STR`, the last line of defence).
///
/// (H1's fault tests cover a redirect to `file://` / `ftp://` as a classified error; here the property
/// is that nothing but http(s) is fetched, for every scheme curl could speak.)
@Suite("Security: http and https only", .serialized)
struct SecuritySchemeTests {
    typealias Live = ProfileCasesTests.Live
    typealias S = CollectionTestSupport

    /// Schemes libcurl speaks besides http(s); each must be refused everywhere.
    static let schemes = ["file:///etc/passwd", "ftp://127.0.0.1:21/x", "gopher://127.0.0.1:70/x", "dict://127.0.0.1:2628/d:x",
                          "scp://127.0.0.1/x", "telnet://127.0.0.1:23", "ldap://127.0.0.1/x", "smtp://127.0.0.1/x",
                          "tftp://127.0.0.1/x", "ws://127.0.0.1/x"]

    static let profiles = ProfileCasesTests.everyProfile

    @Test("a collection's url with another scheme is refused before anything is sent", arguments: schemes)
    func resolverRefuses(_ target: String) throws {
        let c = try S.load(S.oneRequest(#"{"name": "a", "url": "{{target}}"}"#, extra: #""variables": {"target": "\#(target)"}, "#))
        let scope = try VariableScope(collection: c, environmentName: nil)
        #expect(throws: InputError.self) {
            _ = try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: "/tmp", environment: [:])
        }
        do {
            _ = try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: "/tmp", environment: [:])
        } catch {
            #expect(error.message.contains("is not an absolute http:// or https:// URL"), "\(error.message)")
        }
    }

    @Test("a request spec with another scheme never reaches the transport", arguments: profiles)
    func executorRefusesRequest(_ p: Profile) throws {
        for target in Self.schemes {
            let r = try ProfileCasesTests.live(p, mode: ProfileCasesTests.mode(p)) { _ in ProfileCasesTests.req("GET", target) }
            #expect(r.result.observed == nil, "\(p.name) \(target)")
            #expect(r.result.exchanges.isEmpty, "\(p.name) \(target): nothing handed to libcurl")
            #expect(r.result.error?.kind == .unsupportedProtocol || r.result.error?.kind == .refusedByRuntime,
                    "\(p.name) \(target): \(String(describing: r.result.error))")
        }
    }

    @Test("a redirect to another scheme is not followed", arguments: profiles)
    func redirectRefused(_ p: Profile) throws {
        for target in Self.schemes {
            let encoded = URLEncoding.encodeComponent(target)
            let options = ResolvedOptions(followRedirects: true, explicitlySet: ["followRedirects"])
            let r = try ProfileCasesTests.live(p, mode: ProfileCasesTests.mode(p)) {
                ProfileCasesTests.req("GET", $0.baseURL + "/redirect-to?acao=*&url=\(encoded)", options: options)
            }
            #expect(r.actual.count == 1 && r.actual.first?.path == "/redirect-to", "\(p.name) \(target): only the first hop reached a server")
            #expect(r.result.exchanges.count == 1, "\(p.name) \(target): the redirect target was never fetched")
            #expect(r.result.observed?.status != 200, "\(p.name) \(target)")
            if p.runtime == .native {
                #expect(r.result.error?.kind == .unsupportedProtocol, "\(p.name) \(target): \(String(describing: r.result.error))")
            } else {
                #expect(r.python == "httpx.ConnectError", "\(p.name) \(target): \(String(describing: r.result.pythonError))")
            }
        }
    }

    @Test("native without followRedirects returns the 3xx and fetches nothing else")
    func nativeNotFollowing() throws {
        let r = try ProfileCasesTests.live(.native) {
            ProfileCasesTests.req("GET", $0.baseURL + "/redirect-to?url=" + URLEncoding.encodeComponent("file:///etc/passwd"))
        }
        #expect(r.status == 302 && r.actual.count == 1 && r.result.exchanges.count == 1)
    }

    @Test("libcurl itself refuses other schemes (the transport's protocol allow-list)", arguments: schemes)
    func transportRefuses(_ target: String) {
        let exchange = CurlTransport().perform(WireRequest(method: "GET", url: target, timeouts: WireTimeouts(connect: 2, total: 5)),
                                               kind: .request)
        #expect(exchange.response == nil, "\(target)")
        #expect(exchange.error?.kind == .unsupportedProtocol, "\(target): \(String(describing: exchange.error))")
    }
}
