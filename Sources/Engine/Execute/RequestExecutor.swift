/// Runs one request under one profile, hop by hop, through a sender:
/// gate → [preflight] → send → actual-response CORS check → redirects → response filter → error mapping.
/// Every difference from native httpx is recorded as an `Effect` (codes listed in `docs/profiles.md`).
public enum RequestExecutor {
    public static func execute(_ spec: RequestSpec, settings: ExecutionSettings, state: ProfileRunState,
                               sender: HopSender) -> RequestExecution {
        var run = ExecutionRun(spec: spec, settings: settings, state: state, sender: sender)
        return run.execute()
    }
}

/// The mutable state of one execution.
struct ExecutionRun {
    let spec: RequestSpec
    let settings: ExecutionSettings
    let state: ProfileRunState
    let sender: HopSender
    let profile: Profile
    let api: Profile.ClientAPI
    let start: Double
    let startedAt: Double
    var exchanges: [Exchange] = []
    var effects: [Effect] = []

    init(spec: RequestSpec, settings: ExecutionSettings, state: ProfileRunState, sender: HopSender) {
        self.spec = spec
        self.settings = settings
        self.state = state
        self.sender = sender
        self.profile = settings.profile
        self.api = settings.profile.api(for: settings.settings.mode)
        self.start = state.monotonic()
        self.startedAt = state.wall()
    }

    // MARK: The pipeline

    mutating func execute() -> RequestExecution {
        let gate = ProfileGate.apply(spec, settings: settings)
        effects += gate.effects
        if let refusal = gate.refusal {
            effects.append(refusal.effect)
            return finish(python: refusal.python, error: refusal.error)
        }
        var page: WebURL?
        if profile.runtime == .browser {
            guard let parsed = state.webURL(settings.pageOrigin), parsed.isHTTP else {
                let error = TransportError(kind: .invalidRequest, message: "the page origin '\(settings.pageOrigin)' is not an http(s) origin")
                return finish(python: nil, error: error)
            }
            page = parsed
        }
        let policy = profile.timeoutPolicy(for: settings.settings.mode)
        let budget = TimeoutBudget(policy: policy, timeouts: spec.options.timeout, start: start, safetyLimit: settings.mainThreadSafetyLimit)
        noteTimeoutModel(policy: policy)

        let credentials = settings.settings.credentials
        let credentialed = credentials == .include
        var method = gate.method
        var urlText = gate.url
        var author = gate.authorHeaders
        var body = gate.body
        var tainted = false
        var corsTainting = false
        var site = HopHeaders.SiteRelation.sameOrigin
        var redirects = 0
        var hopIndex = 0

        while true {
            guard let url = state.webURL(urlText), url.isHTTP else {
                let error = TransportError(kind: .unsupportedProtocol, message: "Request URL has an unsupported protocol '\(urlText.split(separator: ":").first.map(String.init) ?? urlText)://'.")
                return failure(error, responseStarted: false, url: urlText)
            }
            if let page, profile.blocksMixedContent, page.scheme == "https", url.scheme == "http",
               !(profile.mixedContentExemptsLoopback && url.isLoopback) {
                effects.append(Effect("mixed-content-blocked", "the https page \(page.origin) cannot reach \(url.origin) over http"))
                return networkFailure(url: urlText, cause: "mixed content: \(urlText) blocked on an https page")
            }
            let crossOrigin = page.map { !$0.isSameOrigin(url) } ?? false
            if profile.cors && crossOrigin { corsTainting = true }
            if let page { site = max(site, HopHeaders.SiteRelation.between(page, url)) }
            let corsMode = profile.cors && corsTainting
            let originValue = tainted ? "null" : (page?.origin ?? settings.pageOrigin)

            // Cookies: the jar's header for this hop, under the profile's rules.
            var hopAuthor = author
            var jarCookie: String?
            switch profile.cookies {
            case .clientJar:
                if hopIndex > 0 { hopAuthor.removeAll { $0.name.lowercased() == "cookie" } }
                if !hopAuthor.contains(name: "Cookie") { jarCookie = state.cookieHeader(for: urlText) }
            case .browserJar:
                if browserSendsCookies(credentials: credentials, corsTainting: corsTainting) { jarCookie = state.cookieHeader(for: urlText) }
            case .none:
                break
            }

            var sendOrigin: String?
            if profile.origin == .fetch && (corsTainting || tainted || (method != "GET" && method != "HEAD")) {
                sendOrigin = originValue
            }
            var hasBody = true
            if case .none = body { hasBody = false }
            let context = HopHeaders.Context(profile: profile, method: method, url: url, page: page, origin: sendOrigin,
                                             site: site, credentials: credentials, cookie: jarCookie, hasBody: hasBody)
            let wireHeaders = HopHeaders.build(author: hopAuthor, context)
            if hopIndex == 0 {
                effects += state.headerEffects(native: gate.nativeHeaders, displaced: gate.displaced, wire: wireHeaders, profile: profile)
            }

            // Preflight.
            if corsMode {
                let unsafe = CORSSafelist.unsafeNames(hopAuthor)
                if CORSCheck.needsPreflight(method: method, unsafeHeaderNames: unsafe) {
                    if let failed = preflight(method: method, unsafe: unsafe, url: urlText, originValue: originValue,
                                              credentialed: credentialed, context: context, budget: budget) {
                        return failed
                    }
                }
            }

            // The hop itself.
            guard let timeouts = budget.wireTimeouts(at: state.monotonic()) else {
                return budgetSpent(budget: budget, before: "sending \(hopIndex == 0 ? "the request" : "redirect hop \(hopIndex)")", url: urlText)
            }
            let wire = wireRequest(method: method, url: urlText, headers: wireHeaders, body: body, timeouts: timeouts)
            let exchange = sender.send(wire, kind: hopIndex == 0 ? .request : .redirect)
            exchanges.append(exchange)
            if let error = exchange.error {
                return transportFailure(error, exchange: exchange, budget: budget, url: urlText)
            }
            guard let response = exchange.response else {
                return failure(TransportError(kind: .other, message: "no response and no error from the transport"), responseStarted: false, url: urlText)
            }
            if corsMode, let reason = CORSCheck.originCheckFailure(headers: response.headers, origin: originValue, credentialed: credentialed) {
                effects.append(Effect("cors-blocked", "\(reason); the server received and answered the \(method) (status \(response.status)), but Python gets a network error"))
                return networkFailure(url: urlText, cause: "CORS: \(reason)")
            }
            storeCookies(response, url: urlText, crossOrigin: corsTainting, credentials: credentials)

            // Redirects.
            if let next = redirectTarget(response) {
                let follow = profile.redirects == .alwaysFollow || spec.options.followRedirects
                if follow {
                    redirects += 1
                    let limit = profile.redirects == .alwaysFollow ? profile.runtimeMaxRedirects : spec.options.maxRedirects
                    if redirects > limit {
                        return tooManyRedirects(limit: limit, url: urlText)
                    }
                    guard let nextURL = WebURL(next), nextURL.isHTTP else {
                        if profile.isJavaScript {
                            effects.append(Effect("redirect-blocked", "\(response.status) to \(next): fetch follows only http(s) redirects"))
                            return networkFailure(url: urlText, cause: "redirect to a non-http(s) URL")
                        }
                        let scheme = next.split(separator: ":").first.map(String.init) ?? next
                        return failure(TransportError(kind: .unsupportedProtocol, message: "Request URL has an unsupported protocol '\(scheme)://'."),
                                       responseStarted: false, url: next)
                    }
                    if profile.isJavaScript && nextURL.hasCredentials && !(page.map { $0.isSameOrigin(nextURL) } ?? false) {
                        effects.append(Effect("redirect-blocked", "\(response.status) to a URL with credentials (user:pass@): fetch refuses it (cross origin not allowed for request mode cors)"))
                        return networkFailure(url: urlText, cause: "redirect to a URL with credentials")
                    }
                    // Method and body.
                    let newMethod = rewrittenMethod(status: response.status, method: method)
                    if newMethod != method {
                        body = .none
                        let bodyHeaders: Set<String> = profile.redirectRewrite == .fetch
                            ? ["content-encoding", "content-language", "content-location", "content-type", "content-length", "transfer-encoding"]
                            : ["content-length", "transfer-encoding"]
                        author.removeAll { bodyHeaders.contains($0.name.lowercased()) }
                    }
                    // Headers a cross-origin redirect strips.
                    if !url.isSameOrigin(nextURL) {
                        var stripped: Set<String> = ["authorization"]
                        if profile.runtime == .node { stripped.formUnion(["cookie", "proxy-authorization"]) }
                        if profile.runtime == .native && url.scheme == "http" && nextURL.scheme == "https" && url.host == nextURL.host {
                            stripped = []
                        }
                        let removed = author.filter { stripped.contains($0.name.lowercased()) }.map(\.name)
                        author.removeAll { stripped.contains($0.name.lowercased()) }
                        if profile.isJavaScript && !removed.isEmpty {
                            effects.append(Effect("header-dropped", "\(removed.joined(separator: ", ")) (removed on the cross-origin redirect to \(nextURL.origin))"))
                        }
                    }
                    if profile.isJavaScript {
                        var sentence = "\(response.status) to \(next), followed by \(ProfileGate.runtimeName(profile))"
                        if newMethod != method { sentence += "; \(method) became \(newMethod) without a body" }
                        if !spec.options.followRedirects { sentence += " (native httpx with followRedirects off would return the \(response.status))" }
                        effects.append(Effect("redirect-followed", sentence))
                    }
                    // Origin becomes null after a redirect from a hop that was itself cross-origin to the page.
                    if profile.origin == .fetch, let page, !tainted, !url.isSameOrigin(nextURL), !url.isSameOrigin(page) {
                        tainted = true
                        effects.append(Effect("origin-null", "the redirect from cross-origin \(url.origin) to \(nextURL.origin) taints the request: later hops send Origin: null"))
                    }
                    method = newMethod
                    urlText = next
                    hopIndex += 1
                    continue
                }
            }

            // The final response as Python sees it.
            let outcome = ProfileResponseFilter.observe(response, url: urlText, corsTainted: corsTainting, credentialed: credentialed,
                                                        profile: profile, api: api)
            effects += outcome.effects
            noteUnenforcedTimeout(policy: policy, budget: budget)
            if let python = outcome.python {
                return finish(python: python, error: TransportError(kind: python.type.hasSuffix("DecodingError") ? .decoding : .other, message: python.message))
            }
            var result = finish(python: nil, error: nil)
            result.observed = outcome.observed
            return result
        }
    }

    // MARK: Steps

    /// Sends (or finds cached) the preflight; returns a finished execution when the request must stop.
    mutating func preflight(method: String, unsafe: [String], url: String, originValue: String, credentialed: Bool,
                            context: HopHeaders.Context, budget: TimeoutBudget) -> RequestExecution? {
        let key = PreflightCacheKey(origin: originValue, url: url, credentials: settings.settings.credentials)
        let what = method + (unsafe.isEmpty ? "" : " with " + unsafe.joined(separator: ", "))
        if state.cachedPreflight(key, method: method, unsafeHeaderNames: unsafe, profile: profile) != nil {
            effects.append(Effect("cors-preflight-cached", "the preflight for \(what) was answered from the preflight cache"))
            return nil
        }
        guard let timeouts = budget.wireTimeouts(at: state.monotonic()) else {
            return budgetSpent(budget: budget, before: "sending the preflight", url: url)
        }
        let headers = HopHeaders.preflight(method: method, unsafeHeaderNames: unsafe, context)
        var wire = wireRequest(method: "OPTIONS", url: url, headers: headers, body: .none, timeouts: timeouts)
        wire.decodeContent = true
        let exchange = sender.send(wire, kind: .preflight)
        exchanges.append(exchange)
        if let error = exchange.error {
            if PythonErrorMapper.isTimeout(error.kind) {
                effects.append(Effect("timeout-one-clock", "the preflight was still pending when the \(seconds(budget.limit)) limit ran out; the \(method) was never sent"))
                return finish(python: PythonError(type: "httpx.ConnectTimeout", message: "Request timed out"), error: error)
            }
            effects.append(Effect("cors-blocked", "the preflight failed (\(error.kind.rawValue): \(error.message)); the \(method) was never sent"))
            return networkFailure(url: url, cause: "preflight failed: \(error.message)")
        }
        guard let response = exchange.response else {
            return networkFailure(url: url, cause: "the preflight got no response")
        }
        let verdict = CORSCheck.evaluatePreflight(status: response.status, headers: response.headers, method: method,
                                                  unsafeHeaderNames: unsafe, origin: originValue, credentialed: credentialed,
                                                  profile: profile)
        if let failure = verdict.failure {
            effects.append(Effect("cors-blocked", "\(failure); the \(method) was never sent"))
            return networkFailure(url: url, cause: "CORS preflight: \(failure)")
        }
        effects.append(Effect("cors-preflight", "OPTIONS preflight for \(what) passed (status \(response.status))"))
        effects += verdict.notes
        state.storePreflight(key, methods: verdict.allowedMethods, headers: verdict.allowedHeaders, maxAge: verdict.maxAge)
        return nil
    }

    func wireRequest(method: String, url: String, headers: [HeaderField], body: RequestBody, timeouts: WireTimeouts) -> WireRequest {
        let options = spec.options
        var tls = TLSSettings()
        if profile.tls == .honoured {
            tls = TLSSettings(verify: !options.insecure, caFile: options.caFile, clientCert: options.clientCert, clientKey: options.clientKey)
        }
        var version: HTTPVersionOption?
        switch profile.httpVersion {
        case .honoured: version = options.httpVersion
        case .runtimeNegotiates: version = nil
        case .http11: version = .http1_1
        }
        return WireRequest(
            method: method, url: url, headers: headers, body: Self.wireBody(body), timeouts: timeouts,
            proxy: profile.proxy == .honoured ? options.proxy : nil, tls: tls, httpVersion: version,
            decodeContent: profile.compression == .asRequested ? options.compressed : true,
            bodyCaptureLimit: settings.bodyCaptureLimit, maxBodyBytes: settings.maxBodyBytes)
    }

    static func wireBody(_ body: RequestBody) -> WireBody {
        switch body {
        case .none: return .none
        case .bytes(let bytes): return .bytes(bytes)
        case .file(let path, _): return .file(path: path)
        case .multipart(let parts):
            return .multipart(parts.map { part in
                if let path = part.filePath {
                    return WirePart(name: part.name, content: .file(path: path), filename: part.filename, contentType: part.contentType)
                }
                return WirePart(name: part.name, content: .bytes(part.value ?? []), filename: part.filename, contentType: part.contentType)
            })
        }
    }

    /// The absolute target of a followable redirect, if the response is one.
    func redirectTarget(_ response: ReceivedResponse) -> String? {
        guard [301, 302, 303, 307, 308].contains(response.status), let target = response.redirectURL, !target.isEmpty else { return nil }
        return target
    }

    /// The next hop's method (httpx's or fetch's rules).
    func rewrittenMethod(status: Int, method: String) -> String {
        switch profile.redirectRewrite {
        case .fetch:
            if (status == 301 || status == 302) && method == "POST" { return "GET" }
            if status == 303 && method != "GET" && method != "HEAD" { return "GET" }
            return method
        case .httpx:
            if status == 303 && method != "HEAD" { return "GET" }
            if status == 302 && method != "HEAD" { return "GET" }
            if status == 301 && method == "POST" { return "GET" }
            return method
        }
    }

    func browserSendsCookies(credentials: CredentialsMode, corsTainting: Bool) -> Bool {
        switch credentials {
        case .omit: return false
        case .sameOrigin: return !corsTainting
        case .include: return true
        }
    }

    mutating func storeCookies(_ response: ReceivedResponse, url: String, crossOrigin: Bool, credentials: CredentialsMode) {
        let lines = response.headers.values(for: "Set-Cookie")
        guard !lines.isEmpty else { return }
        switch profile.cookies {
        case .clientJar:
            state.storeCookies(lines, from: url)
        case .none:
            effects.append(Effect("cookie-not-stored", "\(lines.count) Set-Cookie line(s) visible but not stored: \(ProfileGate.runtimeName(profile))'s fetch keeps no cookie jar"))
        case .browserJar:
            if credentials == .omit {
                effects.append(Effect("cookie-not-stored", "Set-Cookie ignored: credentials mode omit"))
            } else if !crossOrigin {
                state.storeCookies(lines, from: url)
            } else if credentials == .include {
                let isHTTPS = url.lowercased().hasPrefix("https:")
                let thirdPartyOK = lines.filter { line in
                    let lower = line.lowercased()
                    return isHTTPS && lower.contains("samesite=none") && lower.contains("secure")
                }
                if !thirdPartyOK.isEmpty { state.storeCookies(thirdPartyOK, from: url) }
                if thirdPartyOK.count < lines.count {
                    effects.append(Effect("cookie-not-stored", "\(lines.count - thirdPartyOK.count) Set-Cookie line(s) from a cross-site response not stored: a third-party cookie needs SameSite=None; Secure over https"))
                }
            } else {
                effects.append(Effect("cookie-not-stored", "Set-Cookie from a cross-origin response is not stored (credentials mode same-origin)"))
            }
        }
    }

    // MARK: Timeouts

    /// One effect saying how the request's timeout settings map onto a one-clock runtime, when the user set them.
    mutating func noteTimeoutModel(policy: Profile.TimeoutPolicy) {
        let t = spec.options.timeout
        guard policy == .oneClock, spec.options.explicitlySet.contains("timeout") else { return }
        var unused: [String] = []
        if let r = t.read, r != t.connect { unused.append("read=\(seconds(r))") }
        if let w = t.write, w != t.connect { unused.append("write=\(seconds(w))") }
        if let p = t.pool, p != t.connect { unused.append("pool=\(seconds(p))") }
        if let total = t.total { unused.append("total=\(seconds(total))") }
        let limit = (t.connect ?? 0) > 0 ? "one limit of \(seconds(t.connect)) (the connect value)" : "no limit (the connect value is not positive)"
        let tail = unused.isEmpty ? "" : "; \(unused.joined(separator: ", ")) not used"
        effects.append(Effect("timeout-one-clock", "\(limit) on one clock for the whole call, preflights and redirects included\(tail)"))
    }

    /// On the browser main thread, a sync request that outlived the timeout httpx was given.
    mutating func noteUnenforcedTimeout(policy: Profile.TimeoutPolicy, budget: TimeoutBudget) {
        guard policy == .notEnforced else { return }
        let elapsed = state.monotonic() - start
        let t = spec.options.timeout
        let shortest = [t.connect, t.read, t.write, t.total].compactMap { $0 }.filter { $0 > 0 }.min()
        if let shortest, elapsed > shortest {
            effects.append(Effect("timeout-not-enforced", "sync request on the browser main thread blocked \(seconds(elapsed)); the \(seconds(shortest)) timeout cannot apply to a synchronous XHR there"))
        }
    }

    mutating func budgetSpent(budget: TimeoutBudget, before stage: String, url: String) -> RequestExecution {
        let error = TransportError(kind: .totalTimeout, message: "the \(seconds(budget.limit)) limit ran out before \(stage)")
        if budget.policy == .notEnforced {
            effects.append(Effect("timeout-not-enforced", "sync request on the browser main thread blocked \(seconds(state.monotonic() - start)); Workbench stopped it at its safety limit (the page would still be frozen)"))
            return finish(python: nil, error: error)
        }
        if budget.policy == .oneClock {
            effects.append(Effect("timeout-one-clock", "the \(seconds(budget.limit)) limit (one clock from the call) ran out before \(stage)"))
        }
        return finish(python: PythonErrorMapper.map(error, responseStarted: false, url: url, profile: profile, api: api), error: error)
    }

    mutating func transportFailure(_ error: TransportError, exchange: Exchange, budget: TimeoutBudget, url: String) -> RequestExecution {
        let started = exchange.response != nil
        if PythonErrorMapper.isTimeout(error.kind) {
            switch budget.policy {
            case .notEnforced:
                if error.kind == .totalTimeout {
                    effects.append(Effect("timeout-not-enforced", "sync request on the browser main thread blocked \(seconds(state.monotonic() - start)); Workbench stopped it at its safety limit of \(seconds(budget.limit)) (the page would still be frozen)"))
                    return finish(python: nil, error: error)
                }
            case .oneClock:
                let elapsedBefore = exchanges.count > 1 ? " (earlier preflights and hops counted against it)" : ""
                effects.append(Effect("timeout-one-clock", "the \(seconds(budget.limit)) limit (the connect value, one clock from the call) ran out \(started ? "while reading the body" : "before the response headers")\(elapsedBefore)"))
            case .perPhase:
                break
            }
        } else if profile.errors == .javascript {
            effects.append(Effect("network-error", "\(error.kind.rawValue): \(error.message) (Python sees only a generic network failure)"))
        }
        return failure(error, responseStarted: started, url: url)
    }

    // MARK: Endings

    mutating func tooManyRedirects(limit: Int, url: String) -> RequestExecution {
        let error = TransportError(kind: .tooManyRedirects, message: "more than \(limit) redirects")
        if profile.isJavaScript {
            effects.append(Effect("too-many-redirects", "more than \(limit) redirects: fetch fails with a network error"))
            return finish(python: PythonError(type: "httpx.ConnectError", message: JSMessages.networkFailure(url: url, api: api, profile: profile)), error: error)
        }
        return finish(python: PythonErrorMapper.map(error, responseStarted: false, url: url, profile: profile, api: api), error: error)
    }

    mutating func networkFailure(url: String, cause: String) -> RequestExecution {
        let error = TransportError(kind: cause.hasPrefix("CORS") ? .cors : .other, message: cause)
        return finish(python: PythonError(type: "httpx.ConnectError", message: JSMessages.networkFailure(url: url, api: api, profile: profile)), error: error)
    }

    mutating func failure(_ error: TransportError, responseStarted: Bool, url: String) -> RequestExecution {
        finish(python: PythonErrorMapper.map(error, responseStarted: responseStarted, url: url, profile: profile, api: api), error: error)
    }

    func finish(python: PythonError?, error: TransportError?) -> RequestExecution {
        let duration = max(0, state.monotonic() - start)
        return RequestExecution(exchanges: exchanges, observed: nil, pythonError: python, error: error, effects: effects,
                                startedAt: startedAt, durationMicros: Int64(duration * 1_000_000), sentNothing: exchanges.isEmpty)
    }

    func seconds(_ value: Double?) -> String {
        guard let value else { return "no" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return "\(Int(rounded)) s" }
        return "\(rounded) s"
    }
}
