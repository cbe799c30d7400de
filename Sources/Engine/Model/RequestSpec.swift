/// One request with every template resolved: what the collection asks to send, before any profile applies.
public struct RequestSpec: Sendable, Hashable {
    public var method: String
    /// Absolute URL with the query parameters appended (percent-encoded).
    public var url: String
    /// Headers in order, after defaults merged; `Content-Type` for the body is included when the body implies one.
    public var headers: [HeaderField]
    public var body: RequestBody
    public var options: ResolvedOptions

    public init(method: String, url: String, headers: [HeaderField] = [], body: RequestBody = .none,
                options: ResolvedOptions = ResolvedOptions()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.options = options
    }
}

/// A resolved request body.
public enum RequestBody: Sendable, Hashable {
    case none
    /// Bytes in memory (JSON, text, form, base64).
    case bytes([UInt8])
    /// A file streamed from disk (absolute path, already checked to exist).
    case file(path: String, size: Int64)
    /// `multipart/form-data` parts, encoded by the transport.
    case multipart([ResolvedPart])

    /// The body's size when known without reading files' contents.
    public var knownSize: Int64? {
        switch self {
        case .none: return 0
        case .bytes(let b): return Int64(b.count)
        case .file(_, let size): return size
        case .multipart: return nil
        }
    }
}

/// One resolved multipart part.
public struct ResolvedPart: Sendable, Hashable {
    public var name: String
    /// The value's bytes, for a field part.
    public var value: [UInt8]?
    /// Absolute path, for a file part.
    public var filePath: String?
    public var filename: String?
    public var contentType: String?
    public init(name: String, value: [UInt8]? = nil, filePath: String? = nil, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.value = value
        self.filePath = filePath
        self.filename = filename
        self.contentType = contentType
    }
}

/// Timeouts in seconds, httpx's model (`nil` = no limit).
public struct TimeoutSettings: Sendable, Hashable {
    public var connect: Double?
    public var read: Double?
    public var write: Double?
    public var pool: Double?
    public var total: Double?
    /// httpx's default: 5 s for connect, read, write and pool; no total limit.
    public init(connect: Double? = 5, read: Double? = 5, write: Double? = 5, pool: Double? = 5, total: Double? = nil) {
        self.connect = connect
        self.read = read
        self.write = write
        self.pool = pool
        self.total = total
    }
}

/// Transport options with defaults applied, plus which of them the collection set explicitly
/// (a profile reports `option-ignored` only for options the user actually asked for).
public struct ResolvedOptions: Sendable, Hashable {
    public var timeout: TimeoutSettings
    /// httpx's default: redirects are not followed.
    public var followRedirects: Bool
    /// httpx's default: 20.
    public var maxRedirects: Int
    public var proxy: String?
    /// Absolute path.
    public var caFile: String?
    public var insecure: Bool
    public var clientCert: String?
    public var clientKey: String?
    public var httpVersion: HTTPVersionOption?
    /// Decode compressed response bodies (httpx does; default true).
    public var compressed: Bool
    /// Names of the options the collection set (`timeout`, `followRedirects`, `maxRedirects`, `proxy`, `caFile`,
    /// `insecure`, `clientCert`, `clientKey`, `httpVersion`, `compressed`).
    public var explicitlySet: Set<String>

    public init(timeout: TimeoutSettings = TimeoutSettings(), followRedirects: Bool = false, maxRedirects: Int = 20,
                proxy: String? = nil, caFile: String? = nil, insecure: Bool = false, clientCert: String? = nil,
                clientKey: String? = nil, httpVersion: HTTPVersionOption? = nil, compressed: Bool = true,
                explicitlySet: Set<String> = []) {
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.proxy = proxy
        self.caFile = caFile
        self.insecure = insecure
        self.clientCert = clientCert
        self.clientKey = clientKey
        self.httpVersion = httpVersion
        self.compressed = compressed
        self.explicitlySet = explicitlySet
    }
}
