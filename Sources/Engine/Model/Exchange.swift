/// One header line: name as written, value as written.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// Every value of a header, case-insensitively.
    public func values(for name: String) -> [String] {
        var found: [String] = []
        for field in self where HeaderName.equal(field.name, name) { found.append(field.value) }
        return found
    }

    /// The header's values joined with `, ` as a fetch `Headers` object shows them; `nil` when absent.
    public func joinedValue(for name: String) -> String? {
        let all = values(for: name)
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    /// True when the header is present, case-insensitively.
    public func contains(name: String) -> Bool {
        contains { HeaderName.equal($0.name, name) }
    }
}

/// Header names compared as HTTP compares them, case-insensitively.
enum HeaderName {
    /// Equal ignoring case: ASCII names (every valid HTTP token) are folded byte by byte without allocating;
    /// a name with other bytes falls back to Unicode lowercasing of both sides.
    static func equal(_ a: String, _ b: String) -> Bool {
        let ascii = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in asciiEqual(x, y) }
        }
        if case .some(.some(.some(let equal))) = ascii { return equal }
        return a.lowercased() == b.lowercased()
    }

    /// Whether two ASCII names are equal ignoring case; nil when a byte that decides it is not ASCII.
    /// An ASCII mismatch after an equal ASCII prefix decides alone: lowercasing maps an ASCII letter to its
    /// ASCII lower case, so the lowercased strings differ at that same character.
    private static func asciiEqual(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        let common = min(x.count, y.count)
        for i in 0..<common {
            let p = x[i], q = y[i]
            if p >= 0x80 || q >= 0x80 { return nil }
            if ASCIICase.lower(p) != ASCIICase.lower(q) { return false }
        }
        let longer = x.count > common ? x : y
        for i in common..<longer.count where longer[i] >= 0x80 { return nil }
        return x.count == y.count
    }
}

/// Which step of a request an exchange was.
public enum ExchangeKind: String, Sendable, Hashable {
    /// The request as the collection asked for it (first hop).
    case request
    /// A CORS preflight `OPTIONS` sent by the browser profile.
    case preflight
    /// A later hop, following a redirect.
    case redirect
}

/// What was really put on the wire for one exchange.
public struct SentRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    /// The header lines libcurl sent, in order (from libcurl's own record of the request).
    public var headers: [HeaderField]
    public var bodySize: Int64
    public init(method: String, url: String, headers: [HeaderField], bodySize: Int64) {
        self.method = method
        self.url = url
        self.headers = headers
        self.bodySize = bodySize
    }
}

/// What came back for one exchange.
public struct ReceivedResponse: Sendable, Hashable {
    /// `1.0`, `1.1`, `2`, `3`.
    public var httpVersion: String
    public var status: Int
    public var reason: String
    /// Header lines of the final (non-1xx) response, in order; repeated headers stay separate.
    public var headers: [HeaderField]
    /// Bytes of the (decoded) body received in full, whether or not they were kept.
    public var bodySize: Int64
    /// SHA-256 (lowercase hex) of the whole decoded body.
    public var bodySHA256: String
    /// The body's first bytes, up to the run's capture cap.
    public var body: [UInt8]
    /// True when `body` holds fewer bytes than `bodySize`.
    public var bodyTruncated: Bool
    /// Where a 3xx would lead (absolute), as libcurl resolved the `Location` header.
    public var redirectURL: String?

    public init(httpVersion: String, status: Int, reason: String = "", headers: [HeaderField], bodySize: Int64,
                bodySHA256: String, body: [UInt8], bodyTruncated: Bool, redirectURL: String? = nil) {
        self.httpVersion = httpVersion
        self.status = status
        self.reason = reason
        self.headers = headers
        self.bodySize = bodySize
        self.bodySHA256 = bodySHA256
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.redirectURL = redirectURL
    }
}

/// libcurl's timing points for one exchange, in microseconds from the start, cumulative (as libcurl gives them).
/// A phase that did not happen (a reused connection has no DNS or connect) equals the previous point.
public struct Timings: Sendable, Hashable {
    public var dns: Int64
    public var connect: Int64
    public var tls: Int64
    public var pretransfer: Int64
    public var firstByte: Int64
    public var total: Int64
    public init(dns: Int64 = 0, connect: Int64 = 0, tls: Int64 = 0, pretransfer: Int64 = 0, firstByte: Int64 = 0, total: Int64 = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.pretransfer = pretransfer
        self.firstByte = firstByte
        self.total = total
    }
}

/// A classified transport failure: a stable kind, libcurl's code and a sentence.
public struct TransportError: Error, Sendable, Hashable {
    public var kind: TransportErrorKind
    public var message: String
    /// The `CURLcode`, 0 when the error did not come from libcurl.
    public var curlCode: Int
    public init(kind: TransportErrorKind, message: String, curlCode: Int = 0) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }
}

/// Stable classification of transport failures; the raw values are stored and shown.
public enum TransportErrorKind: String, Sendable, Hashable, CaseIterable {
    case dns
    case connectionRefused = "connection-refused"
    case connectTimeout = "connect-timeout"
    case readTimeout = "read-timeout"
    case writeTimeout = "write-timeout"
    case totalTimeout = "total-timeout"
    case tls
    case proxy
    /// The server broke the protocol: garbage status line, truncated chunking, short body.
    case protocolError = "protocol"
    /// The connection failed while receiving.
    case readError = "read-error"
    /// The connection failed while sending.
    case writeError = "write-error"
    case tooManyRedirects = "too-many-redirects"
    case unsupportedProtocol = "unsupported-protocol"
    /// The response body exceeded the hard cap.
    case bodyTooLarge = "body-too-large"
    /// The request could not be built (bad URL, unreadable file, CR/LF in a header).
    case invalidRequest = "invalid-request"
    case interrupted
    /// A browser profile's CORS check refused the request or its response (the browser hides why from Python).
    case cors
    /// The runtime refused the request before sending (forbidden method, no JavaScript API, `--strict`, …).
    case refusedByRuntime = "refused"
    /// The body arrived but could not be decoded as Python would decode it.
    case decoding
    case other
}

/// One HTTP request/response pair as it happened on the wire (one per redirect hop, one per preflight).
public struct Exchange: Sendable, Hashable {
    public var kind: ExchangeKind
    public var request: SentRequest
    public var response: ReceivedResponse?
    public var timings: Timings
    public var remoteAddress: String?
    public var remotePort: Int?
    /// Wall-clock start, seconds since 1970.
    public var startedAt: Double
    public var error: TransportError?

    public init(kind: ExchangeKind, request: SentRequest, response: ReceivedResponse?, timings: Timings,
                remoteAddress: String? = nil, remotePort: Int? = nil, startedAt: Double, error: TransportError? = nil) {
        self.kind = kind
        self.request = request
        self.response = response
        self.timings = timings
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.startedAt = startedAt
        self.error = error
    }
}
