/// TLS options for one request. Verification is on unless turned off.
public struct TLSSettings: Sendable, Hashable {
    /// Verify the peer's certificate chain and host name.
    public var verify: Bool
    /// A PEM bundle of trusted CAs instead of the system's.
    public var caFile: String?
    /// A client certificate (PEM) for mutual TLS.
    public var clientCert: String?
    /// The client certificate's private key (PEM).
    public var clientKey: String?

    public init(verify: Bool = true, caFile: String? = nil, clientCert: String? = nil, clientKey: String? = nil) {
        self.verify = verify
        self.caFile = caFile
        self.clientCert = clientCert
        self.clientKey = clientKey
    }
}
