/// The rules of one runtime, as data: what httpx inside Pyodide would experience there
/// (`docs/profiles.md`, the reference in `profiles.md` §2). One field per behaviour; the executor
/// (`RequestExecutor`) enforces each of them and records every difference from `native` as an `Effect`.
///
/// Built-ins live in `ProfileCatalog`; users' profile files extend one of them and override fields.
public struct Profile: Sendable, Hashable {
    // MARK: Identity
    public var name: String
    /// Exactly which runtime this profile models (shown by `workbench profiles`).
    public var description: String
    /// The profile this one was derived from (`nil` for `native`'s root definition).
    public var extends: String?
    public var runtime: RuntimeKind
    public var context: Context
    /// Whether JavaScript Promise Integration is available (decides the sync client's API).
    public var jspi: Bool
    /// The API `httpx.Client` goes through.
    public var syncAPI: ClientAPI
    /// The API `httpx.AsyncClient` goes through.
    public var asyncAPI: ClientAPI

    // MARK: Runtime-owned options
    public var proxy: OptionPolicy
    /// TLS verification off, custom CA file, client certificate.
    public var tls: OptionPolicy
    /// Connection pool limits, keep-alive settings (`timeout.pool` included).
    public var connectionPool: OptionPolicy
    public var httpVersion: HTTPVersionPolicy

    // MARK: Requests
    /// CORS enforced (profiles.md §3).
    public var cors: Bool
    public var forbiddenHeaders: ForbiddenHeaderPolicy
    /// Headers on the runtime's fail list make the request fail before sending (node) instead of being
    /// dropped silently (browsers: `setRequestHeader`/`fetch` never throw for them).
    public var forbiddenHeadersFail: Bool
    public var userAgent: UserAgentPolicy
    /// Methods that fail before sending (compared case-insensitively).
    public var forbiddenMethods: [String]
    /// Fetch's method normalisation: `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST`, `PUT` upper-cased; others as written.
    public var normalizesMethods: Bool
    /// The request body is joined into one buffer before sending (file and multipart uploads do not stream).
    public var bufferRequestBody: Bool
    /// `GET`/`HEAD` with a body under fetch.
    public var getHeadBodyFetch: BodyOnGetHead
    /// `GET`/`HEAD` with a body under a synchronous XHR.
    public var getHeadBodySyncXHR: BodyOnGetHead
    /// An `https:` page cannot reach `http:` URLs.
    public var blocksMixedContent: Bool
    /// Loopback `http:` URLs are exempt from mixed-content blocking (Chromium treats them as potentially trustworthy; unverified).
    public var mixedContentExemptsLoopback: Bool

    // MARK: Headers the client layer and the runtime add
    /// httpx's defaults (`Accept: */*`, `Accept-Encoding: gzip, deflate`, `Connection: keep-alive`, `User-Agent`) unless the request sets them.
    public var httpxDefaultHeaders: Bool
    /// httpx's `User-Agent` value.
    public var httpxUserAgent: String
    /// The `User-Agent` the runtime sends (replacing any script value in browsers; when absent in node).
    public var runtimeUserAgent: String?
    /// `Accept` the runtime adds when absent.
    public var runtimeAccept: String?
    /// `Accept-Language` the runtime adds when absent.
    public var runtimeAcceptLanguage: String?
    /// `Connection` the runtime sends (browsers: `keep-alive`, replacing any script value).
    public var runtimeConnection: String?
    /// The page origin this profile's runs use unless the run names one (`--origin`, the collection's `origin`);
    /// `nil`: the fixture server's page when the collection uses it, else `Profile.defaultOrigin`.
    public var pageOrigin: String?
    public var origin: OriginRule
    /// `Referer`: cross-origin the page's origin plus `/`; same-origin the page (or worker script) URL.
    public var sendsReferer: Bool
    /// Path of the document making same-origin requests (`/` for the page, the worker script's path in a worker).
    public var refererPath: String
    public var secFetch: SecFetchPolicy
    /// `sec-ch-ua`, `sec-ch-ua-mobile`, `sec-ch-ua-platform` to potentially trustworthy URLs (main thread only).
    public var clientHints: Bool
    /// The `sec-ch-ua` value.
    public var clientHintsBrands: String
    /// `sec-ch-ua-platform` value (quoted, as sent).
    public var clientHintsPlatform: String
    /// Header names go out lower-cased (fetch `Headers` in node).
    public var lowercasesHeaderNames: Bool

    // MARK: Responses
    public var visibleHeaders: VisibleHeadersRule
    /// `Set-Cookie`/`Set-Cookie2` are never visible.
    public var hidesSetCookie: Bool
    /// Repeated response header lines are joined into one value, `a, b`.
    public var joinsRepeatedHeaders: Bool
    /// `Set-Cookie` lines stay separate even when other headers are joined (`getSetCookie()`).
    public var keepsSetCookieSeparate: Bool
    public var cookies: CookiePolicy
    public var redirects: RedirectPolicy
    /// The runtime's redirect limit when it follows redirects itself (fetch: 20).
    public var runtimeMaxRedirects: Int
    public var redirectRewrite: RedirectRewrite
    /// The sync client's body is buffered whole before Python sees it.
    public var syncResponseStreaming: Bool
    public var asyncResponseStreaming: Bool
    public var compression: CompressionPolicy
    /// The runtime's `Accept-Encoding` value.
    public var runtimeAcceptEncoding: String?
    /// `Accept-Encoding: identity` when the request has a `Range` header.
    public var identityEncodingWithRange: Bool
    /// The httpx transport decodes a visible `Content-Encoding` again although the runtime already decoded the
    /// body: `httpx.DecodingError` (profiles.md §6). The sync JSPI path is exempt when `rewritesContentEncodingOnRunSync`.
    public var doubleDecoding: Bool
    /// The `fetch`+`run_sync` path rewrites `content-encoding` to `identity`.
    public var rewritesContentEncodingOnRunSync: Bool

    // MARK: Timeouts
    public var syncTimeouts: TimeoutPolicy
    public var asyncTimeouts: TimeoutPolicy
    public var timeoutCovers: TimeoutScope

    // MARK: CORS details
    /// Chromium lets `Access-Control-Allow-Headers: *` cover `Authorization` (the Fetch standard does not).
    public var wildcardCoversAuthorization: Bool
    /// Preflight cache lifetime without `Access-Control-Max-Age`, seconds.
    public var preflightCacheDefault: Double
    /// Cap on `Access-Control-Max-Age`, seconds.
    public var preflightCacheMax: Double

    // MARK: Errors
    public var errors: ErrorMapping

    /// The API a client mode goes through under this profile.
    public func api(for mode: ClientMode) -> ClientAPI {
        mode == .sync ? syncAPI : asyncAPI
    }

    /// The timeout policy of a client mode.
    public func timeoutPolicy(for mode: ClientMode) -> TimeoutPolicy {
        mode == .sync ? syncTimeouts : asyncTimeouts
    }

    /// True for profiles whose requests go through JavaScript (browsers, node).
    public var isJavaScript: Bool { runtime != .native }

    /// The default page origin of browser profiles when a run names none.
    public static let defaultOrigin = "http://localhost:8000"

    /// Workbench's own bound on a sync request on the browser main thread, where no timeout applies (seconds).
    public static let defaultMainThreadSafetyLimit: Double = 120
}
