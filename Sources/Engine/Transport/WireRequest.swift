/// One hop to send, exactly as given: the transport adds nothing the caller did not ask for
/// (libcurl still adds `Host` and `Content-Length`/`Transfer-Encoding` unless the caller gave them).
public struct WireRequest: Sendable {
    /// The request method, sent verbatim (`HEAD` is sent without expecting a body).
    public var method: String
    /// An absolute `http` or `https` URL.
    public var url: String
    /// Header lines sent as given, in order. An empty value is sent as an empty header.
    public var headers: [HeaderField]
    public var body: WireBody
    public var timeouts: WireTimeouts
    /// A proxy URL (`http://host:port`, `socks5://…`); `nil` means no proxy, whatever the environment says.
    public var proxy: String?
    public var tls: TLSSettings
    /// The HTTP version to ask for; `nil` leaves libcurl's default (HTTP/2 over TLS when offered, else 1.1).
    public var httpVersion: HTTPVersionOption?
    /// Decode gzip/deflate/br response bodies. The `Accept-Encoding` header is still only what the caller gave.
    public var decodeContent: Bool
    /// Bytes of the response body kept in memory; the rest is hashed and counted, not kept.
    public var bodyCaptureLimit: Int
    /// A hard cap on the response body: beyond it the transfer stops with `.bodyTooLarge`.
    public var maxBodyBytes: Int64?

    /// The default number of body bytes kept in memory: 1 MiB.
    public static let defaultBodyCaptureLimit = 1 << 20

    public init(
        method: String, url: String, headers: [HeaderField] = [], body: WireBody = .none,
        timeouts: WireTimeouts = WireTimeouts(), proxy: String? = nil, tls: TLSSettings = TLSSettings(),
        httpVersion: HTTPVersionOption? = nil, decodeContent: Bool = true,
        bodyCaptureLimit: Int = WireRequest.defaultBodyCaptureLimit, maxBodyBytes: Int64? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.proxy = proxy
        self.tls = tls
        self.httpVersion = httpVersion
        self.decodeContent = decodeContent
        self.bodyCaptureLimit = bodyCaptureLimit
        self.maxBodyBytes = maxBodyBytes
    }
}
