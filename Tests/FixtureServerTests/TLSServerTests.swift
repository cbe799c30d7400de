import Foundation
import Testing

@testable import FixtureServer

/// The optional HTTPS listener, checked with the `curl` command line and generated certificates.
@Suite struct TLSServerTests {
    static func configuration(_ pair: TLSTestCertificates.Pair, clientCA: String? = nil) -> FixtureServerConfiguration {
        FixtureServerConfiguration(tls: FixtureTLS(certificateChainPath: pair.certificate, privateKeyPath: pair.key, clientCAPath: clientCA))
    }

    @Test func servesTheRoutesOverHTTPSWithTheGeneratedCertificate() throws {
        let certificates = try TLSTestCertificates.shared()
        try withServer(Self.configuration(certificates.server)) { server in
            let port = try #require(server.httpsPort)
            #expect(server.httpsURL == "https://127.0.0.1:\(port)")
            #expect(port != server.pagePort && port != server.basePort)
            let https = try #require(server.httpsURL)
            let response = try curl(["--cacert", certificates.caCertificate, "\(https)/get?a=1", "-H", "X-Probe: tls"])
            #expect(response.status == 200)
            let echo = try response.json()
            #expect(echo["path"] as? String == "/get")
            // The certificate also names localhost, which resolves to the same listener.
            try #expect(curl(["--cacert", certificates.caCertificate, "https://localhost:\(port)/status/204"]).status == 204)
            // The plain listeners are unchanged, and all three share the log.
            try #expect(curl(["\(server.baseURL)/get"]).status == 200)
            #expect(server.requestLog().map(\.path) == ["/get", "/status/204", "/get"])
            #expect(server.requestLog().first?.header("X-Probe") == "tls")
        }
    }

    @Test func curlRejectsTheCertificateWithoutTheCA() throws {
        let certificates = try TLSTestCertificates.shared()
        try withServer(Self.configuration(certificates.server)) { server in
            let https = try #require(server.httpsURL)
            #expect(throws: CurlError.self) { try curl(["\(https)/get"]) }
            #expect(server.requestLog().isEmpty)
        }
    }

    @Test func httpsURLUsesLocalhostWhenTheCertificateDoesNotName127001() throws {
        let certificates = try TLSTestCertificates.shared()
        try withServer(Self.configuration(certificates.wrongHost)) { server in
            let port = try #require(server.httpsPort)
            #expect(server.httpsURL == "https://localhost:\(port)")
        }
    }

    @Test func withoutTLSThereIsNoHTTPSListener() throws {
        try withServer { server in
            #expect(server.httpsPort == nil)
            #expect(server.httpsURL == nil)
        }
    }

    @Test func unusableFilesFailTheStartNamingTheFile() throws {
        let certificates = try TLSTestCertificates.shared()
        let missing = FixtureTLS(certificateChainPath: "/nonexistent/cert.pem", privateKeyPath: certificates.server.key)
        let error = try #require(throws: FixtureTLSError.self) { try FixtureServer.start(FixtureServerConfiguration(tls: missing)) }
        #expect(error.message.contains("/nonexistent/cert.pem"))
        // A key that does not belong to the certificate.
        let mismatched = FixtureTLS(certificateChainPath: certificates.server.certificate, privateKeyPath: certificates.client.key)
        #expect(throws: FixtureTLSError.self) { try FixtureServer.start(FixtureServerConfiguration(tls: mismatched)) }
    }

    @Test func clientCertificateIsRequiredWhenAClientCAIsGiven() throws {
        let certificates = try TLSTestCertificates.shared()
        try withServer(Self.configuration(certificates.server, clientCA: certificates.caCertificate)) { server in
            let https = try #require(server.httpsURL)
            #expect(throws: CurlError.self) { try curl(["--cacert", certificates.caCertificate, "\(https)/get"]) }
            let response = try curl(["--cacert", certificates.caCertificate, "--cert", certificates.client.certificate,
                                     "--key", certificates.client.key, "\(https)/get"])
            #expect(response.status == 200)
            #expect(server.requestLog().count == 1)
        }
    }
}
