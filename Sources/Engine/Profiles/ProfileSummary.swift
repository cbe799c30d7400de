/// One line of `workbench profiles show NAME`: a behaviour, what the profile does to it, and how.
public struct ProfileSummaryRow: Sendable, Hashable {
    /// What the profile does compared with native httpx.
    public enum Verdict: String, Sendable, Hashable {
        /// As native httpx does it.
        case allowed
        /// Fails or is blocked.
        case refused
        /// Happens, differently.
        case changed
    }

    public var behaviour: String
    public var verdict: Verdict
    public var detail: String

    public init(behaviour: String, verdict: Verdict, detail: String) {
        self.behaviour = behaviour
        self.verdict = verdict
        self.detail = detail
    }
}

extension Profile {
    /// The profile's rules, one row per behaviour of profiles.md §2, for `workbench profiles show NAME`.
    public var summaryRows: [ProfileSummaryRow] {
        var rows: [ProfileSummaryRow] = []
        func row(_ behaviour: String, _ verdict: ProfileSummaryRow.Verdict, _ detail: String) {
            rows.append(ProfileSummaryRow(behaviour: behaviour, verdict: verdict, detail: detail))
        }
        func apiText(_ api: ClientAPI) -> String {
            switch api {
            case .httpx: return "httpx's own connection pool"
            case .syncXHR: return "synchronous XMLHttpRequest"
            case .fetchRunSync: return "fetch, awaited with run_sync (JSPI)"
            case .fetch: return "fetch"
            case .unavailable: return "none: every request fails before sending"
            }
        }
        row("sync client (httpx.Client)", syncAPI == .unavailable ? .refused : (syncAPI == .httpx ? .allowed : .changed), apiText(syncAPI))
        row("async client (httpx.AsyncClient)", asyncAPI == .httpx ? .allowed : .changed, apiText(asyncAPI))
        func option(_ name: String, _ policy: OptionPolicy, _ why: String) {
            row(name, policy == .honoured ? .allowed : .changed, policy == .honoured ? "honoured" : "ignored: \(why)")
        }
        option("proxy settings", proxy, runtime == .node ? "node's fetch uses no proxy" : "the runtime chooses proxies")
        option("TLS verify off, CA file, client certificate", tls,
               runtime == .node ? "node's CA store decides" : "the browser's trust store decides; an untrusted certificate is a network error")
        option("connection pool limits, keep-alive", connectionPool, "the runtime pools connections")
        switch httpVersion {
        case .honoured: row("HTTP version option", .allowed, "honoured")
        case .runtimeNegotiates: row("HTTP version option", .changed, "ignored: HTTP/2 only when negotiated over TLS, never h2c")
        case .http11: row("HTTP version option", .changed, "ignored: always HTTP/1.1")
        }
        row("CORS", cors ? .changed : .allowed, cors ? "enforced: preflights, Access-Control-Allow-* checks, network error when refused" : "not enforced")
        switch forbiddenHeaders {
        case .none: row("forbidden request headers", .allowed, "every header sent as given")
        case .browser: row("forbidden request headers", .changed, "Cookie, Host, Connection, Content-Length, Proxy-*, Sec-*, … dropped or replaced by the browser's value, silently")
        case .node: row("forbidden request headers", forbiddenHeadersFail ? .refused : .changed,
                        "Host replaced, Sec-Fetch-Mode forced to cors, Content-Length computed; Keep-Alive, Transfer-Encoding, Upgrade, Expect, Connection: upgrade " + (forbiddenHeadersFail ? "fail before sending" : "dropped"))
        }
        row("User-Agent", userAgent == .sent ? .allowed : .changed,
            userAgent == .sent ? "\(httpxUserAgent) unless the request sets one" : "dropped by the httpx transport; the runtime sends \(runtimeUserAgent ?? "none")")
        row("forbidden methods", forbiddenMethods.isEmpty ? .allowed : .refused,
            forbiddenMethods.isEmpty ? "every method sent" : "\(forbiddenMethods.joined(separator: ", ")) fail before sending")
        row("response headers visible to Python", visibleHeaders == .all && !hidesSetCookie ? .allowed : .changed,
            visibleHeaders == .all ? (hidesSetCookie ? "all but Set-Cookie" : "all") : "same-origin: all but Set-Cookie; cross-origin: CORS-safelisted plus Access-Control-Expose-Headers")
        switch cookies {
        case .clientJar: row("cookies", .allowed, "the client's cookie jar")
        case .browserJar: row("cookies", .changed, "the browser's jar: Cookie from Python is dropped; cross-origin requests carry no cookies and their Set-Cookie is not stored")
        case .none: row("cookies", .changed, "no jar: Set-Cookie visible, nothing stored or sent")
        }
        row("redirects", redirects == .asOptions ? .allowed : .changed,
            redirects == .asOptions ? "as the request's options say" : "always followed by the runtime (max \(runtimeMaxRedirects)); followRedirects=false cannot be honoured")
        func timeoutText(_ policy: TimeoutPolicy) -> (ProfileSummaryRow.Verdict, String) {
            switch policy {
            case .perPhase: return (.allowed, "connect/read/write honoured per phase")
            case .oneClock: return (.changed, "the connect value as one limit on one clock (preflights and redirects included)")
            case .notEnforced: return (.refused, "not enforced: the call blocks until the server answers (Workbench stops it after its safety limit, \(Int(Profile.defaultMainThreadSafetyLimit)) s by default)")
            }
        }
        let syncT = timeoutText(syncTimeouts), asyncT = timeoutText(asyncTimeouts)
        row("timeouts, sync client", syncT.0, syncT.1)
        row("timeouts, async client", asyncT.0, asyncT.1)
        row("what a timeout covers", timeoutCovers == .eachPhase ? .allowed : .changed,
            timeoutCovers == .eachPhase ? "each phase separately" : "one clock from the call, preflight included")
        row("response body streaming", syncResponseStreaming && asyncResponseStreaming ? .allowed : .changed,
            "sync: \(syncResponseStreaming ? "streamed" : "buffered whole"); async: \(asyncResponseStreaming ? "streamed" : "buffered whole")")
        row("request body", bufferRequestBody ? .changed : .allowed, bufferRequestBody ? "buffered whole before sending" : "streamed")
        switch compression {
        case .asRequested: row("compression", .allowed, "as requested")
        case .runtimeReplaces, .runtimeDefault:
            row("compression", .changed, "Accept-Encoding set by the runtime (\(runtimeAcceptEncoding ?? "none")\(identityEncodingWithRange ? "; identity with Range" : "")); bodies arrive decoded" + (doubleDecoding ? "; a visible Content-Encoding beside the decoded body makes httpx fail with DecodingError" : ""))
        }
        row("redirect method rewrite", redirectRewrite == .httpx ? .allowed : .changed,
            redirectRewrite == .httpx ? "as httpx does" : "301/302/303 turn POST into GET without a body; 307/308 keep method and body")
        row("repeated response headers", joinsRepeatedHeaders ? .changed : .allowed,
            joinsRepeatedHeaders ? "joined into one value, 'a, b'" + (keepsSetCookieSeparate ? "; Set-Cookie stays separate" : "") : "each kept")
        row("mixed content", blocksMixedContent ? .refused : .allowed, blocksMixedContent ? "an https: page cannot reach http: URLs" + (mixedContentExemptsLoopback ? " (loopback exempt)" : "") : "n/a")
        func bodyText(_ b: BodyOnGetHead) -> String { b == .sent ? "sent" : (b == .fails ? "fails before sending" : "body dropped") }
        row("GET/HEAD with a body", getHeadBodyFetch == .sent && getHeadBodySyncXHR == .sent ? .allowed : .refused,
            runtime == .native ? "sent" : "fetch: \(bodyText(getHeadBodyFetch)); sync XHR: \(bodyText(getHeadBodySyncXHR))")
        row("forbidden headers: error or silence", forbiddenHeaders == .none ? .allowed : (forbiddenHeadersFail ? .refused : .changed),
            forbiddenHeaders == .none ? "n/a" : (forbiddenHeadersFail ? "the fail list makes fetch throw before sending" : "silence: never an error"))
        row("error Python sees", errors == .httpx ? .allowed : .changed,
            errors == .httpx ? "httpx's usual exceptions" : "ConnectError for every network failure (CORS included); ConnectTimeout before headers; ReadTimeout/ReadError while reading the body")
        var added: [String] = []
        if origin == .fetch { added.append("Origin") }
        if sendsReferer { added.append("Referer") }
        if secFetch == .full { added.append("Sec-Fetch-Site/Mode/Dest") } else if secFetch == .modeOnly { added.append("Sec-Fetch-Mode") }
        if clientHints { added.append("sec-ch-ua*") }
        if let v = runtimeAcceptLanguage { added.append("Accept-Language: \(v)") }
        row("headers the runtime adds", added.isEmpty ? .allowed : .changed, added.isEmpty ? "none" : added.joined(separator: ", "))
        row("httpx default headers", .allowed, httpxDefaultHeaders ? "Accept, Accept-Encoding, Connection, User-Agent unless set" : "off")
        return rows
    }
}
