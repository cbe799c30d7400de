/// The optional HTTPS listener of the fixture server: PEM files to serve, and whether clients must
/// present a certificate.
///
/// The files are read when the server starts; a missing or unreadable file makes
/// ``FixtureServer/start(_:)`` throw. Generate throwaway files for tests; never commit private keys.
public struct FixtureTLS: Sendable, Hashable {
    /// A PEM file holding the server certificate first, then any intermediates.
    public var certificateChainPath: String
    /// A PEM file holding the certificate's private key (unencrypted).
    public var privateKeyPath: String
    /// A PEM bundle of CAs; when set, the handshake fails unless the client presents a certificate
    /// signed by one of them (mutual TLS).
    public var clientCAPath: String?
    /// The HTTPS port on the configuration's host; `0` picks a free one.
    public var port: Int

    /// Creates a TLS listener description; by default no client certificate is asked for and the
    /// port is chosen by the system.
    public init(certificateChainPath: String, privateKeyPath: String, clientCAPath: String? = nil, port: Int = 0) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
        self.port = port
    }
}
