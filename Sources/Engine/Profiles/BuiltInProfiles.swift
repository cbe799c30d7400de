/// The built-in profiles, compiled into the binary (no resource files are looked up at run time).
extension Profile {
    /// `native`: httpx 0.28.1 on CPython, Linux. Every other built-in is derived from it.
    public static let native = Profile(
        name: "native",
        description: "CPython on Linux with httpx 0.28.1 and its own connection pool: every option honoured, no CORS, no header rules.",
        extends: nil, runtime: .native, context: .process, jspi: false, syncAPI: .httpx, asyncAPI: .httpx,
        proxy: .honoured, tls: .honoured, connectionPool: .honoured, httpVersion: .honoured,
        cors: false, forbiddenHeaders: .none, forbiddenHeadersFail: false, userAgent: .sent,
        forbiddenMethods: [], normalizesMethods: false, bufferRequestBody: false,
        getHeadBodyFetch: .sent, getHeadBodySyncXHR: .sent, blocksMixedContent: false, mixedContentExemptsLoopback: true,
        httpxDefaultHeaders: true, httpxUserAgent: "python-httpx/0.28.1", runtimeUserAgent: nil, runtimeAccept: nil,
        runtimeAcceptLanguage: nil, runtimeConnection: nil, origin: .never, sendsReferer: false, refererPath: "/",
        secFetch: .none, clientHints: false, clientHintsBrands: "", clientHintsPlatform: "", lowercasesHeaderNames: false,
        visibleHeaders: .all, hidesSetCookie: false, joinsRepeatedHeaders: false, keepsSetCookieSeparate: true,
        cookies: .clientJar, redirects: .asOptions, runtimeMaxRedirects: 20, redirectRewrite: .httpx,
        syncResponseStreaming: true, asyncResponseStreaming: true, compression: .asRequested,
        runtimeAcceptEncoding: nil, identityEncodingWithRange: false, doubleDecoding: false,
        rewritesContentEncodingOnRunSync: false, syncTimeouts: .perPhase, asyncTimeouts: .perPhase,
        timeoutCovers: .eachPhase, wildcardCoversAuthorization: false, preflightCacheDefault: 5, preflightCacheMax: 7200,
        errors: .httpx
    )

    /// Chromium's user agent as the browser profiles send it.
    static let chromiumUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"

    /// `browser-main`: the page's main thread without JSPI (sync XHR, no timeouts; async fetch).
    public static let browserMain: Profile = {
        var p = native
        p.name = "browser-main"
        p.description = "Pyodide on a browser page's main thread without JSPI (Chromium's rules): httpx.Client uses a synchronous XMLHttpRequest (no timeout possible, the page blocks), httpx.AsyncClient uses fetch; CORS enforced. Stands for browsers without JSPI and for Python entered synchronously."
        p.extends = "native"
        p.runtime = .browser
        p.context = .mainThread
        p.syncAPI = .syncXHR
        p.asyncAPI = .fetch
        p.proxy = .ignored
        p.tls = .ignored
        p.connectionPool = .ignored
        p.httpVersion = .runtimeNegotiates
        p.cors = true
        p.forbiddenHeaders = .browser
        p.userAgent = .droppedByTransport
        p.forbiddenMethods = ["CONNECT", "TRACE", "TRACK"]
        p.normalizesMethods = true
        p.bufferRequestBody = true
        p.getHeadBodyFetch = .fails
        p.getHeadBodySyncXHR = .dropped
        p.blocksMixedContent = true
        p.runtimeUserAgent = chromiumUserAgent
        p.runtimeAccept = "*/*"
        p.runtimeAcceptLanguage = "en-US,en;q=0.9"
        p.runtimeConnection = "keep-alive"
        p.origin = .fetch
        p.sendsReferer = true
        p.refererPath = "/"
        p.secFetch = .full
        p.clientHints = true
        // As Chromium 156 sends it (GREASE brand first; observed by scripts/conformance).
        p.clientHintsBrands = "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\""
        p.clientHintsPlatform = "\"Linux\""
        p.visibleHeaders = .cors
        p.hidesSetCookie = true
        p.joinsRepeatedHeaders = true
        p.keepsSetCookieSeparate = false
        p.cookies = .browserJar
        p.redirects = .alwaysFollow
        p.redirectRewrite = .fetch
        p.syncResponseStreaming = false
        p.compression = .runtimeReplaces
        p.runtimeAcceptEncoding = "gzip, deflate, br, zstd"
        p.identityEncodingWithRange = true
        p.doubleDecoding = true
        p.rewritesContentEncodingOnRunSync = true
        p.syncTimeouts = .notEnforced
        p.asyncTimeouts = .oneClock
        p.timeoutCovers = .wholeRequest
        p.wildcardCoversAuthorization = true
        p.errors = .javascript
        return p
    }()

    /// `browser-worker`: a dedicated worker without JSPI (sync XHR with `xhr.timeout`; async fetch).
    public static let browserWorker: Profile = {
        var p = browserMain
        p.name = "browser-worker"
        p.description = "Pyodide in a dedicated web worker without JSPI (Chromium's rules): httpx.Client uses a synchronous XMLHttpRequest with the connect timeout as xhr.timeout, httpx.AsyncClient uses fetch; CORS enforced; no client hints."
        p.extends = "browser-main"
        p.context = .worker
        p.refererPath = "/worker.js"
        p.clientHints = false
        p.syncTimeouts = .oneClock
        return p
    }()

    /// `browser-main-jspi`: current Chromium's main thread with JSPI (sync uses fetch + `run_sync`).
    public static let browserMainJSPI: Profile = {
        var p = browserMain
        p.name = "browser-main-jspi"
        p.description = "Pyodide on the page's main thread of a browser with JSPI (current Chromium, Python entered through an async entry point): httpx.Client uses fetch awaited with run_sync, so timeouts work; httpx.AsyncClient uses fetch; CORS enforced."
        p.extends = "browser-main"
        p.jspi = true
        p.syncAPI = .fetchRunSync
        p.syncTimeouts = .oneClock
        return p
    }()

    /// `browser-worker-jspi`: a dedicated worker with JSPI.
    public static let browserWorkerJSPI: Profile = {
        var p = browserWorker
        p.name = "browser-worker-jspi"
        p.description = "Pyodide in a dedicated web worker of a browser with JSPI (current Chromium): httpx.Client uses fetch awaited with run_sync, httpx.AsyncClient uses fetch; CORS enforced; no client hints."
        p.extends = "browser-worker"
        p.jspi = true
        p.syncAPI = .fetchRunSync
        return p
    }()

    /// `node-jspi`: node whose V8 has the current JSPI API.
    public static let nodeJSPI: Profile = {
        var p = native
        p.name = "node-jspi"
        p.description = "Pyodide in node whose V8 has the current JSPI API (WebAssembly.Suspending; behind --experimental-wasm-jspi in node 20–24, on by default from node 25): both clients use node's fetch (undici), the sync one through run_sync. No CORS, no cookie jar; fetch behaviour as observed on node 20."
        p.extends = "native"
        p.runtime = .node
        p.context = .process
        p.jspi = true
        p.syncAPI = .fetchRunSync
        p.asyncAPI = .fetch
        p.proxy = .ignored
        p.tls = .ignored
        p.connectionPool = .ignored
        p.httpVersion = .http11
        p.cors = false
        p.forbiddenHeaders = .node
        p.forbiddenHeadersFail = true
        p.userAgent = .droppedByTransport
        p.forbiddenMethods = ["CONNECT", "TRACE", "TRACK"]
        p.normalizesMethods = true
        p.bufferRequestBody = true
        p.getHeadBodyFetch = .fails
        p.getHeadBodySyncXHR = .fails
        p.runtimeUserAgent = "node"
        p.runtimeAccept = "*/*"
        p.runtimeAcceptLanguage = "*"
        p.secFetch = .modeOnly
        p.lowercasesHeaderNames = true
        p.joinsRepeatedHeaders = true
        p.keepsSetCookieSeparate = true
        p.cookies = .none
        p.redirects = .alwaysFollow
        p.redirectRewrite = .fetch
        p.compression = .runtimeDefault
        p.runtimeAcceptEncoding = "gzip, deflate"
        p.identityEncodingWithRange = true
        p.doubleDecoding = true
        p.rewritesContentEncodingOnRunSync = true
        p.syncTimeouts = .oneClock
        p.asyncTimeouts = .oneClock
        p.timeoutCovers = .wholeRequest
        p.errors = .javascript
        return p
    }()

    /// `node`: node without JSPI (node 20 with today's Pyodide): the sync client fails on every request.
    public static let nodeNoJSPI: Profile = {
        var p = nodeJSPI
        p.name = "node"
        p.description = "Pyodide in node without JSPI (node 20 with today's Pyodide): httpx.AsyncClient uses node's fetch; httpx.Client fails on every request before sending, because node has no XMLHttpRequest to fall back on."
        p.extends = "node-jspi"
        p.jspi = false
        p.syncAPI = .unavailable
        return p
    }()
}
