/// The small vocabularies a profile definition is written in. Every raw value is what a profile file
/// (JSON) spells, so a definition reads the same in Swift, in a file and in a stored run.
extension Profile {
    /// Which runtime makes the connection.
    public enum RuntimeKind: String, Sendable, Hashable, CaseIterable {
        /// CPython on Linux: httpx's own connection pool.
        case native
        /// A browser (Chromium's rules) running Pyodide.
        case browser
        /// node running Pyodide.
        case node
    }

    /// Where the Python code runs inside the runtime.
    public enum Context: String, Sendable, Hashable, CaseIterable {
        /// A whole process (native, node).
        case process
        /// The page's main thread (browsers).
        case mainThread = "main-thread"
        /// A dedicated web worker (browsers).
        case worker
    }

    /// The API a client mode goes through.
    public enum ClientAPI: String, Sendable, Hashable, CaseIterable {
        /// httpx's own transport and connection pool (CPython).
        case httpx
        /// A synchronous `XMLHttpRequest` (the httpx transport's fallback without JSPI).
        case syncXHR = "sync-xhr"
        /// `fetch`, awaited from synchronous Python with `run_sync` (needs JSPI).
        case fetchRunSync = "fetch-run-sync"
        /// `fetch`, awaited by async Python.
        case fetch
        /// Nothing works: the transport fails before any request (node without JSPI, sync client).
        case unavailable
    }

    /// Whether a runtime-owned option set by the collection is honoured.
    public enum OptionPolicy: String, Sendable, Hashable, CaseIterable {
        case honoured
        /// The runtime decides; the option is ignored (effect `option-ignored`, or a refusal under `--strict`).
        case ignored
    }

    /// What becomes of the HTTP version option.
    public enum HTTPVersionPolicy: String, Sendable, Hashable, CaseIterable {
        case honoured
        /// The runtime negotiates (browsers: HTTP/2 only over TLS, never h2c).
        case runtimeNegotiates = "runtime-negotiates"
        /// HTTP/1.1 always (node's fetch).
        case http11 = "http1.1"
    }

    /// Which forbidden-header list applies.
    public enum ForbiddenHeaderPolicy: String, Sendable, Hashable, CaseIterable {
        /// Every header is sent as given.
        case none
        /// The Fetch standard's list, as Chromium applies it (profiles.md §4): dropped, or replaced by the browser's value.
        case browser
        /// node's fetch: `Host` replaced, `Sec-Fetch-Mode` forced to `cors`, `Content-Length` computed;
        /// `Keep-Alive`, `Transfer-Encoding`, `Upgrade`, `Expect`, `Connection: upgrade` fail before sending.
        case node
    }

    /// What happens to httpx's `User-Agent`.
    public enum UserAgentPolicy: String, Sendable, Hashable, CaseIterable {
        /// Sent as given (httpx's `python-httpx/…` unless the request sets one).
        case sent
        /// Dropped by the httpx Emscripten transport (`HEADERS_TO_IGNORE`); the runtime sends its own.
        case droppedByTransport = "dropped-by-transport"
    }

    /// Which response headers Python sees.
    public enum VisibleHeadersRule: String, Sendable, Hashable, CaseIterable {
        /// Every header.
        case all
        /// Same-origin: all but `Set-Cookie`/`Set-Cookie2`; cross-origin: CORS-safelisted plus exposed (§3.7).
        case cors
    }

    /// Whose cookie jar applies.
    public enum CookiePolicy: String, Sendable, Hashable, CaseIterable {
        /// httpx's client jar: `Set-Cookie` stored, `Cookie` sent on later requests.
        case clientJar = "client-jar"
        /// The browser's jar: same-origin (or credentials `include`) only; `Cookie` from Python is forbidden.
        case browserJar = "browser-jar"
        /// No jar: nothing stored, nothing sent automatically.
        case none
    }

    /// Who decides about redirects.
    public enum RedirectPolicy: String, Sendable, Hashable, CaseIterable {
        /// The request's `followRedirects`/`maxRedirects` options.
        case asOptions = "as-options"
        /// The runtime always follows, up to `runtimeMaxRedirects`; `followRedirects=false` cannot be honoured.
        case alwaysFollow = "always-follow"
    }

    /// How a redirect changes the method and body.
    public enum RedirectRewrite: String, Sendable, Hashable, CaseIterable {
        /// httpx: 303 (not HEAD) → GET, 302 (not HEAD) → GET, 301 POST → GET; body dropped when the method became GET.
        case httpx
        /// Fetch: 301/302 POST → GET, 303 (not GET/HEAD) → GET, body and `Content-*` request headers dropped; 307/308 keep.
        case fetch
    }

    /// How timeouts are applied for one client mode.
    public enum TimeoutPolicy: String, Sendable, Hashable, CaseIterable {
        /// connect/read/write (and total) each limit their own phase.
        case perPhase = "per-phase"
        /// The *connect* value as one limit on one clock from the call, preflights and redirects included.
        case oneClock = "one-clock"
        /// Not enforced at all (sync XHR on the main thread); bounded only by Workbench's safety limit.
        case notEnforced = "not-enforced"
    }

    /// What a timeout covers.
    public enum TimeoutScope: String, Sendable, Hashable, CaseIterable {
        /// Each phase separately.
        case eachPhase = "each-phase"
        /// One clock from the call: preflights and every redirect hop count against the same limit.
        case wholeRequest = "whole-request"
    }

    /// Who sets `Accept-Encoding`.
    public enum CompressionPolicy: String, Sendable, Hashable, CaseIterable {
        /// As the request (or httpx's default) says; decoded when `compressed` is on.
        case asRequested = "as-requested"
        /// The runtime always sets its own value (browsers); bodies always arrive decoded.
        case runtimeReplaces = "runtime-replaces"
        /// The runtime adds its value when the request has none (node); bodies always arrive decoded.
        case runtimeDefault = "runtime-default"
    }

    /// What `GET`/`HEAD` with a body does under one API.
    public enum BodyOnGetHead: String, Sendable, Hashable, CaseIterable {
        /// Sent as given.
        case sent
        /// The request fails before sending (fetch: `TypeError`).
        case fails
        /// The body is silently dropped (sync XHR).
        case dropped
    }

    /// Which exceptions Python sees.
    public enum ErrorMapping: String, Sendable, Hashable, CaseIterable {
        /// httpx's exceptions by cause (`ConnectError`, `ReadTimeout`, `RemoteProtocolError`, …).
        case httpx
        /// The Emscripten transport's: `ConnectError` for every network failure (CORS included),
        /// `ConnectTimeout` before headers, `ReadTimeout`/`ReadError` while reading the body.
        case javascript
    }

    /// When the runtime adds `Origin`.
    public enum OriginRule: String, Sendable, Hashable, CaseIterable {
        /// Never (native, node).
        case never
        /// Fetch's rule: every cross-origin request, same-origin only for methods other than GET/HEAD;
        /// `null` after a redirect from a hop that was itself cross-origin.
        case fetch
    }

    /// Which `Sec-Fetch-*` headers the runtime adds.
    public enum SecFetchPolicy: String, Sendable, Hashable, CaseIterable {
        case none
        /// `Sec-Fetch-Mode: cors` only (node).
        case modeOnly = "mode-only"
        /// `Sec-Fetch-Site`, `Sec-Fetch-Mode`, `Sec-Fetch-Dest` (browsers).
        case full
    }
}
