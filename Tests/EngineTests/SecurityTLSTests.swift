import FixtureServer
import Testing
@testable import Engine

/// Security (issue #7): TLS verification is on unless the collection turns it off, and turning it off is
/// never silent: under `native` every such request carries the effect `tls-unverified` (printed in the run
/// output, stored with the result, in `show` and every export). JS profiles ignore `insecure` (the runtime's
/// trust store decides: `option-ignored`) and keep verifying. (The plain "self-signed fails by default"
/// case is `ProfileCasesTLSTests.nativeWithoutOptions`; this suite adds who records what.)
@Suite("Security: TLS verification", .serialized)
struct SecurityTLSTests {
    typealias S = CollectionTestSupport

    /// Resolves the first request of `collection` (text) with `--env` `environment` and `--var` `overrides`.
    func resolved(_ collection: String, environment: String? = nil, overrides: [String: String] = [:]) throws -> RequestSpec {
        let c = try S.load(collection)
        let scope = try VariableScope(collection: c, environmentName: environment, overrides: overrides.mapValues { .string($0) })
        return try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: "/tmp", environment: [:])
    }

    func execute(_ spec: RequestSpec, _ profile: Profile, server: FixtureServer) -> RequestExecution {
        let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: ProfileCasesTests.mode(profile), origin: server.pageURL))
        return RequestExecutor.execute(spec, settings: settings, state: ProfileRunState(), sender: CurlTransport())
    }

    func selfSignedServer() throws -> FixtureServer {
        let pair = try TLSTestCertificates.shared().selfSigned
        return try FixtureServer.start(FixtureServerConfiguration(tls: FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key)))
    }

    /// Every way a collection can say `insecure`: request, defaults, group defaults, a variable, an
    /// environment, a `--var` override. Each resolves to `insecure == true`.
    static let ways: [(name: String, collection: String, environment: String?, overrides: [String: String])] = [
        ("request options", #"{"name": "c", "requests": [{"name": "r", "url": "URL", "options": {"insecure": true}}]}"#, nil, [:]),
        ("collection defaults", #"{"name": "c", "defaults": {"options": {"insecure": true}}, "requests": [{"name": "r", "url": "URL"}]}"#, nil, [:]),
        ("group defaults", #"{"name": "c", "requests": [{"group": "g", "defaults": {"options": {"insecure": true}}, "requests": [{"name": "r", "url": "URL"}]}]}"#, nil, [:]),
        ("a variable", #"{"name": "c", "variables": {"tls": true}, "requests": [{"name": "r", "url": "URL", "options": {"insecure": "{{tls}}"}}]}"#, nil, [:]),
        ("an environment", #"{"name": "c", "variables": {"tls": false}, "environments": {"dev": {"tls": true}}, "requests": [{"name": "r", "url": "URL", "options": {"insecure": "{{tls}}"}}]}"#, "dev", [:]),
        ("a --var override", #"{"name": "c", "variables": {"tls": false}, "requests": [{"name": "r", "url": "URL", "options": {"insecure": "{{tls}}"}}]}"#, nil, ["tls": "true"]),
    ]

    @Test("every way to turn verification off is recorded as tls-unverified under native; the request then reaches the self-signed server")
    func everyWayIsRecorded() throws {
        let server = try selfSignedServer()
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        for way in Self.ways {
            let spec = try resolved(way.collection.replacingOccurrences(of: "URL", with: https + "/get"),
                                    environment: way.environment, overrides: way.overrides)
            #expect(spec.options.insecure, "\(way.name)")
            let result = execute(spec, .native, server: server)
            #expect(result.observed?.status == 200, "\(way.name): \(String(describing: result.error))")
            let effects = result.effects.filter { $0.code == "tls-unverified" }
            #expect(effects.count == 1, "\(way.name): \(result.effects)")
            #expect(effects.first?.message.contains("TLS verification is off") == true)
        }
    }

    @Test("verification stays on by default: no effect, and the self-signed server is refused before a request reaches it")
    func onByDefault() throws {
        let server = try selfSignedServer()
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        let spec = try resolved(#"{"name": "c", "requests": [{"name": "r", "url": "URL"}]}"#.replacingOccurrences(of: "URL", with: https + "/get"))
        #expect(!spec.options.insecure)
        let falseSpec = try resolved(#"{"name": "c", "requests": [{"name": "r", "url": "URL", "options": {"insecure": false}}]}"#
            .replacingOccurrences(of: "URL", with: https + "/get"))
        for s in [spec, falseSpec] {
            let result = execute(s, .native, server: server)
            #expect(result.error?.kind == .tls && result.observed == nil)
            #expect(!result.effects.contains { $0.code == "tls-unverified" })
        }
        #expect(server.requestLog().isEmpty)
    }

    @Test("JS profiles ignore insecure, keep verifying, and say so (option-ignored, never tls-unverified)",
          arguments: Profiles.javascript)
    func javascriptKeepsVerifying(_ profile: Profile) throws {
        let server = try selfSignedServer()
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        let spec = try resolved(Self.ways[0].collection.replacingOccurrences(of: "URL", with: https + "/get?acao=*"))
        let result = execute(spec, profile, server: server)
        #expect(result.error?.kind == .tls, "\(profile.name): \(String(describing: result.error))")
        #expect(!result.effects.contains { $0.code == "tls-unverified" })
        #expect(result.effects.contains { $0.code == "option-ignored" && $0.message.contains("insecure (TLS verification off)") })
        #expect(server.requestLog().isEmpty)
    }
}
