import FixtureServer
import Testing
@testable import Engine

/// `CurlTransport` over HTTPS against the fixture server's TLS listener: trust, verification
/// failures and their messages, `verify = false`, client certificates.
@Suite struct TLSTransportTests {
    /// Runs `body` with a fixture server serving `pair` over HTTPS, its `httpsURL` and a fresh transport.
    static func withTLSServer<T>(_ pair: TLSTestCertificates.Pair, clientCA: String? = nil,
                                 _ body: (FixtureServer, String, CurlTransport) throws -> T) throws -> T {
        let tls = FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key, clientCAPath: clientCA)
        let server = try FixtureServer.start(FixtureServerConfiguration(tls: tls))
        defer { server.stop() }
        let https = try #require(server.httpsURL)
        return try body(server, https, CurlTransport())
    }

    static func get(_ url: String, _ tls: TLSSettings = TLSSettings()) -> WireRequest {
        WireRequest(method: "GET", url: url, timeouts: WireTimeouts(connect: 10, total: 30), tls: tls)
    }

    @Test func caFileGives200WithATLSPhase() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.server) { server, https, transport in
            let exchange = transport.perform(Self.get(https + "/get", TLSSettings(caFile: certificates.caCertificate)), kind: .request)
            #expect(exchange.error == nil)
            #expect(exchange.response?.status == 200)
            #expect(exchange.response?.httpVersion == "1.1")
            #expect(exchange.timings.tls > exchange.timings.connect, "\(exchange.timings)")
            #expect(exchange.timings.pretransfer >= exchange.timings.tls)
            #expect(server.requestLog().count == 1)
        }
    }

    @Test func defaultVerificationRejectsASelfSignedServer() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.selfSigned) { server, https, transport in
            let exchange = transport.perform(Self.get(https + "/get"), kind: .request)
            let error = try #require(exchange.error)
            #expect(error.kind == .tls)
            #expect(error.curlCode == 60)
            #expect(error.message.lowercased().contains("self-signed") || error.message.lowercased().contains("self signed"), "\(error.message)")
            #expect(exchange.response == nil)
            #expect(server.requestLog().isEmpty)
        }
    }

    @Test func verifyOffAcceptsSelfSignedExpiredAndWrongHost() throws {
        let certificates = try TLSTestCertificates.shared()
        for pair in [certificates.selfSigned, certificates.expired, certificates.wrongHost] {
            try Self.withTLSServer(pair) { server, https, transport in
                let exchange = transport.perform(Self.get(https + "/get", TLSSettings(verify: false)), kind: .request)
                #expect(exchange.error == nil, "\(pair.certificate): \(String(describing: exchange.error))")
                #expect(exchange.response?.status == 200)
                #expect(server.requestLog().count == 1)
            }
        }
    }

    @Test func expiredCertificateIsATLSErrorSayingExpired() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.expired) { _, https, transport in
            let exchange = transport.perform(Self.get(https + "/get", TLSSettings(caFile: certificates.caCertificate)), kind: .request)
            let error = try #require(exchange.error)
            #expect(error.kind == .tls)
            #expect(error.message.contains("expired"), "\(error.message)")
        }
    }

    @Test func wrongHostIsATLSErrorNamingTheHost() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.wrongHost) { _, https, transport in
            #expect(https.hasPrefix("https://localhost:"))
            let exchange = transport.perform(Self.get(https + "/get", TLSSettings(caFile: certificates.caCertificate)), kind: .request)
            let error = try #require(exchange.error)
            #expect(error.kind == .tls)
            #expect(error.message.contains("host name") && error.message.contains("localhost"), "\(error.message)")
        }
    }

    @Test func unreadableCAFileIsATLSError() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.server) { server, https, transport in
            let exchange = transport.perform(Self.get(https + "/get", TLSSettings(caFile: "/nonexistent/ca.pem")), kind: .request)
            #expect(exchange.error?.kind == .tls, "\(String(describing: exchange.error))")
            #expect(server.requestLog().isEmpty)
        }
    }

    /// One easy handle serves a whole lane: a later request without the CA file must not inherit it
    /// (nor reuse the connection that was verified with it).
    @Test func aReusedTransportForgetsTheCAFile() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.server) { _, https, transport in
            let trusted = transport.perform(Self.get(https + "/get", TLSSettings(caFile: certificates.caCertificate)), kind: .request)
            #expect(trusted.response?.status == 200)
            let untrusted = transport.perform(Self.get(https + "/get"), kind: .request)
            #expect(untrusted.error?.kind == .tls, "\(String(describing: untrusted.error))")
            let insecure = transport.perform(Self.get(https + "/get", TLSSettings(verify: false)), kind: .request)
            #expect(insecure.response?.status == 200)
        }
    }

    @Test func clientCertificateIsPresentedWhenGiven() throws {
        let certificates = try TLSTestCertificates.shared()
        try Self.withTLSServer(certificates.server, clientCA: certificates.caCertificate) { server, https, transport in
            let without = transport.perform(Self.get(https + "/get", TLSSettings(caFile: certificates.caCertificate)), kind: .request)
            // TLS 1.3: the server's refusal arrives after the client's handshake, as a read failure.
            let refusal = try #require(without.error)
            #expect(refusal.kind == .tls || refusal.kind == .readError, "\(refusal)")
            #expect(without.response == nil)
            let settings = TLSSettings(caFile: certificates.caCertificate, clientCert: certificates.client.certificate,
                                       clientKey: certificates.client.key)
            let with = transport.perform(Self.get(https + "/get", settings), kind: .request)
            #expect(with.error == nil, "\(String(describing: with.error))")
            #expect(with.response?.status == 200)
            #expect(server.requestLog().count == 1)
        }
    }
}
