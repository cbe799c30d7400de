/// Every effect code a profile can record, with what it means (the list `docs/profiles.md` documents).
public enum EffectCatalog {
    /// Code → one-line meaning, in pipeline order.
    public static let entries: [(code: String, meaning: String)] = [
        ("sync-unsupported", "httpx.Client has no JavaScript API in this runtime (node without JSPI); the request fails before sending"),
        ("option-ignored", "an option the runtime owns (proxy, TLS, HTTP version, redirects, compression) was set and is ignored"),
        ("option-refused", "--strict turned an ignored option into a refusal before anything was sent"),
        ("tls-unverified", "native only: insecure: true turned TLS verification off (certificate chain and host name are not checked)"),
        ("method-normalized", "fetch upper-cased the method (DELETE, GET, HEAD, OPTIONS, POST, PUT only)"),
        ("method-refused", "CONNECT, TRACE or TRACK: the runtime fails before sending"),
        ("header-refused", "a header on node's fail list (Keep-Alive, Transfer-Encoding, Upgrade, Expect, Connection: upgrade) made fetch fail before sending"),
        ("header-dropped", "a header the script or httpx set was not sent (forbidden, dropped by the transport, stripped on a cross-origin redirect)"),
        ("header-replaced", "a header was sent with the runtime's value instead of the script's or httpx's"),
        ("header-added", "the runtime added a header native httpx does not send (Origin, Referer, Sec-Fetch-*, sec-ch-ua*, Accept-Language…)"),
        ("body-dropped", "GET/HEAD with a body through a sync XMLHttpRequest: the body is dropped silently"),
        ("body-refused", "GET/HEAD with a body through fetch: fails before sending"),
        ("body-buffered", "a file or multipart upload is read whole into memory before sending"),
        ("mixed-content-blocked", "an https page cannot reach an http URL"),
        ("cors-preflight", "an OPTIONS preflight was sent and passed"),
        ("cors-preflight-cached", "a fresh cached preflight result covered the request; no OPTIONS sent"),
        ("cors-authorization-wildcard", "Access-Control-Allow-Headers: * let Authorization through (Chromium); the standard and other browsers refuse"),
        ("cors-blocked", "CORS refused the preflight or the response; Python gets httpx.ConnectError"),
        ("redirect-followed", "the runtime followed a redirect native httpx would return (or rewrote its method)"),
        ("redirect-blocked", "a redirect fetch refuses (credentials in the URL, non-http scheme)"),
        ("origin-null", "a redirect from a cross-origin hop tainted the request: later hops send Origin: null"),
        ("too-many-redirects", "more than 20 redirects: fetch fails with a network error"),
        ("timeout-one-clock", "the connect value is one limit on one clock for the whole call (preflights and redirects included)"),
        ("timeout-not-enforced", "a sync request on the browser main thread ran past its timeout (or hit Workbench's safety limit)"),
        ("network-error", "the real cause of a failure Python sees only as a generic network error"),
        ("cookie-not-stored", "Set-Cookie was not stored (no jar in node; cross-origin or credentials rules in browsers)"),
        ("cors-header-hidden", "a cross-origin response header not exposed by Access-Control-Expose-Headers"),
        ("header-hidden", "Set-Cookie is never visible to scripts in a browser"),
        ("response-body-dropped", "a null-body status (101, 103, 204, 205, 304): scripts get no body even when the server sent one"),
        ("headers-joined", "repeated response header lines were joined into one value"),
        ("content-decoded", "the runtime chose Accept-Encoding and decoded the body"),
        ("content-length-mismatch", "Content-Length is the encoded size while Python gets the decoded body"),
        ("content-encoding-rewritten", "the fetch+run_sync path shows content-encoding: identity"),
        ("double-decoding", "Content-Encoding stays visible beside an already decoded body: httpx.DecodingError"),
    ]

    /// The codes alone.
    public static var codes: Set<String> { Set(entries.map(\.code)) }
}
