/// The first, pure step of the pipeline: what the client layer and the runtime make of a request before
/// anything is sent (profiles.md §2, §4): refusals, dropped/replaced headers, ignored options, the method as sent.
enum ProfileGate {
    /// A request refused before anything is sent.
    struct Refusal: Equatable {
        var effect: Effect
        var error: TransportError
        /// What Python gets; `nil` when Workbench itself refused (`--strict`).
        var python: PythonError?
    }

    /// A header the script (or httpx's defaults) set that the client layer or the runtime took away.
    struct Displaced: Equatable {
        var name: String
        var value: String
        /// Why, for the effect sentence (`forbidden in browsers`, …).
        var reason: String
    }

    /// The request as it leaves the gate.
    struct Result: Equatable {
        var method: String
        var url: String
        /// Headers set by the script or httpx that the runtime sends (CORS looks at these); runtime-added ones come per hop.
        var authorHeaders: [HeaderField]
        /// What native httpx would have sent (for effects that compare against native).
        var nativeHeaders: [HeaderField]
        var displaced: [Displaced] = []
        var body: RequestBody
        var effects: [Effect] = []
        var refusal: Refusal?
    }

    static let httpxDefaultNames = ["Accept", "Accept-Encoding", "Connection", "User-Agent"]

    /// httpx's default headers first (unless the request sets them), then the request's own.
    static func withHttpxDefaults(_ headers: [HeaderField], profile: Profile) -> [HeaderField] {
        guard profile.httpxDefaultHeaders else { return headers }
        let defaults = [
            HeaderField("Accept", "*/*"), HeaderField("Accept-Encoding", "gzip, deflate"),
            HeaderField("Connection", "keep-alive"), HeaderField("User-Agent", profile.httpxUserAgent),
        ]
        return defaults.filter { !headers.contains(name: $0.name) } + headers
    }

    /// The value without leading and trailing HTTP whitespace (space, tab, CR, LF), as the Fetch standard normalizes it.
    /// An ASCII value is trimmed byte by byte (in ASCII only CR LF forms a multi-byte Character, and both bytes are
    /// whitespace); other values go through Characters, where a space can carry a combining mark.
    static func trimmingHTTPWhitespace(_ value: String) -> String {
        let ascii = value.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var start = 0, end = bytes.count
            while start < end, isWhitespace(bytes[start]) { start += 1 }
            while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
            if start == 0 && end == bytes.count { return value }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if case .some(.some(let trimmed)) = ascii { return trimmed }
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = value.firstIndex(where: { !isWhitespace($0) }), let last = value.lastIndex(where: { !isWhitespace($0) }) else {
            return ""
        }
        return String(value[first...last])
    }

    static func apply(_ spec: RequestSpec, settings: ExecutionSettings) -> Result {
        let profile = settings.profile
        let api = profile.api(for: settings.settings.mode)
        let nativeHeaders = withHttpxDefaults(spec.headers, profile: profile)
        // fetch and setRequestHeader normalize a value: leading and trailing HTTP whitespace is stripped
        // (observed in Chromium 156 and node 20, conformance case h02).
        let headers = profile.runtime == .native
            ? nativeHeaders : nativeHeaders.map { HeaderField($0.name, trimmingHTTPWhitespace($0.value)) }
        var result = Result(method: spec.method, url: spec.url, authorHeaders: headers, nativeHeaders: nativeHeaders, body: spec.body)

        if api == .unavailable {
            result.refusal = Refusal(
                effect: Effect("sync-unsupported", "httpx.Client cannot send in \(profile.name): no JSPI for run_sync and no XMLHttpRequest to fall back on; use httpx.AsyncClient"),
                error: TransportError(kind: .refusedByRuntime, message: "the sync client has no JavaScript API in \(profile.name)"),
                python: PythonError(type: "AttributeError", message: "XMLHttpRequest"))
            return result
        }

        // Runtime-owned options.
        for (option, why) in ignoredOptions(spec.options, profile: profile) {
            if settings.settings.strict {
                result.refusal = Refusal(
                    effect: Effect("option-refused", "\(option) would be ignored by \(profile.name) (\(why)); --strict refuses the request"),
                    error: TransportError(kind: .refusedByRuntime, message: "--strict: \(option) is ignored by \(profile.name)"),
                    python: nil)
                return result
            }
            result.effects.append(Effect("option-ignored", "\(option) (\(why))"))
        }

        // TLS verification off is never silent: recorded (and so printed and stored) on every request it applies to.
        if profile.tls == .honoured, spec.options.insecure {
            result.effects.append(Effect("tls-unverified", "insecure: true: TLS verification is off for this request and its redirects; the server's certificate and host name are not checked"))
        }

        // The method as the runtime sends it.
        if profile.normalizesMethods {
            let normalized = CORSCheck.normalize(method: spec.method)
            if normalized != spec.method {
                result.effects.append(Effect("method-normalized", "\(spec.method) sent as \(normalized) (fetch upper-cases DELETE, GET, HEAD, OPTIONS, POST, PUT)"))
            }
            result.method = normalized
        }
        if profile.forbiddenMethods.contains(where: { $0.uppercased() == result.method.uppercased() }) {
            result.refusal = Refusal(
                effect: Effect("method-refused", "\(result.method) is a forbidden method in \(runtimeName(profile)); the request fails before sending"),
                error: TransportError(kind: .refusedByRuntime, message: "\(result.method) is forbidden by the runtime"),
                python: PythonError(type: "httpx.ConnectError", message: JSMessages.methodUnsupported(result.method, api: api, profile: profile)))
            return result
        }

        // Headers.
        var kept: [HeaderField] = []
        for header in headers {
            let lower = header.name.asciiLowercased()
            let isDefault = !spec.headers.contains(name: header.name)
            let origin = isDefault ? " (httpx default)" : ""
            if lower == "user-agent" && profile.userAgent == .droppedByTransport {
                result.displaced.append(Displaced(name: header.name, value: header.value, reason: "dropped by the httpx transport\(origin)"))
                continue
            }
            switch profile.forbiddenHeaders {
            case .none:
                kept.append(header)
            case .browser:
                if ForbiddenHeaders.isForbiddenInBrowser(name: header.name, value: header.value) {
                    result.displaced.append(Displaced(name: header.name, value: header.value, reason: "forbidden in browsers\(origin)"))
                } else {
                    kept.append(header)
                }
            case .node:
                switch ForbiddenHeaders.nodeAction(name: header.name, value: header.value) {
                case .send:
                    kept.append(header)
                case .replace:
                    result.displaced.append(Displaced(name: header.name, value: header.value, reason: "node sets its own\(origin)"))
                case .fail(let cause):
                    if profile.forbiddenHeadersFail {
                        result.refusal = Refusal(
                            effect: Effect("header-refused", "\(header.name): \(header.value) makes node's fetch fail before sending (\(cause))"),
                            error: TransportError(kind: .refusedByRuntime, message: "fetch failed: \(cause)"),
                            python: PythonError(type: "httpx.ConnectError", message: "fetch failed"))
                        return result
                    }
                    result.displaced.append(Displaced(name: header.name, value: header.value, reason: "not allowed by node's fetch\(origin)"))
                }
            }
        }
        result.authorHeaders = kept

        // GET/HEAD with a body.
        let hasBody: Bool
        switch spec.body {
        case .none: hasBody = false
        case .bytes(let b): hasBody = !b.isEmpty
        case .file(_, let size): hasBody = size > 0
        case .multipart(let parts): hasBody = !parts.isEmpty
        }
        if hasBody && (result.method == "GET" || result.method == "HEAD") {
            let rule: Profile.BodyOnGetHead
            switch api {
            case .syncXHR: rule = profile.getHeadBodySyncXHR
            case .fetch, .fetchRunSync: rule = profile.getHeadBodyFetch
            case .httpx, .unavailable: rule = .sent
            }
            switch rule {
            case .sent:
                break
            case .dropped:
                result.body = .none
                result.effects.append(Effect("body-dropped", "\(result.method) with a body: XMLHttpRequest.send() drops the body silently"))
            case .fails:
                result.refusal = Refusal(
                    effect: Effect("body-refused", "\(result.method) with a body: fetch fails before sending (TypeError)"),
                    error: TransportError(kind: .refusedByRuntime, message: "Request with GET/HEAD method cannot have body."),
                    python: PythonError(type: "httpx.ConnectError", message: JSMessages.getWithBody(api: api, profile: profile)))
                return result
            }
        }
        if profile.bufferRequestBody {
            switch result.body {
            case .file(let path, let size):
                result.effects.append(Effect("body-buffered", "the file body (\(path), \(size) bytes) is read whole into memory before sending; uploads do not stream"))
            case .multipart(let parts) where parts.contains(where: { $0.filePath != nil }):
                result.effects.append(Effect("body-buffered", "the multipart body is joined into one buffer before sending; file parts do not stream"))
            default:
                break
            }
        }
        return result
    }

    /// Options the collection set that the profile's runtime owns, with why they are ignored.
    static func ignoredOptions(_ options: ResolvedOptions, profile: Profile) -> [(String, String)] {
        var out: [(String, String)] = []
        let set = options.explicitlySet
        let runtime = runtimeName(profile)
        if profile.proxy == .ignored, set.contains("proxy"), let proxy = options.proxy {
            out.append(("proxy \(proxy)", profile.runtime == .node ? "node's fetch uses no proxy" : "the runtime chooses proxies"))
        }
        if profile.tls == .ignored {
            let trust = profile.runtime == .node ? "node's own CA store decides" : "the browser's trust store decides"
            if set.contains("insecure"), options.insecure { out.append(("insecure (TLS verification off)", trust)) }
            if set.contains("caFile"), let ca = options.caFile { out.append(("caFile \(ca)", trust)) }
            if set.contains("clientCert"), options.clientCert != nil { out.append(("clientCert", "\(runtime) chooses client certificates")) }
            if set.contains("clientKey"), options.clientKey != nil { out.append(("clientKey", "\(runtime) chooses client certificates")) }
        }
        if profile.httpVersion != .honoured, set.contains("httpVersion"), let version = options.httpVersion {
            let why = profile.httpVersion == .http11 ? "node's fetch speaks HTTP/1.1" : "HTTP/2 only when the browser negotiates it over TLS, never h2c"
            out.append(("httpVersion \(version.rawValue)", why))
        }
        if profile.redirects == .alwaysFollow {
            if set.contains("followRedirects"), !options.followRedirects {
                out.append(("followRedirects=false", "\(runtime) always follows redirects; Python sees only the final response"))
            }
            if set.contains("maxRedirects"), options.maxRedirects != profile.runtimeMaxRedirects {
                out.append(("maxRedirects=\(options.maxRedirects)", "\(runtime) follows up to \(profile.runtimeMaxRedirects)"))
            }
        }
        if profile.compression != .asRequested, set.contains("compressed"), !options.compressed {
            out.append(("compressed=false", "\(runtime) always decodes response bodies"))
        }
        return out
    }

    /// `the browser`, `node`, `httpx`: who enforces a rule, for effect sentences.
    static func runtimeName(_ profile: Profile) -> String {
        switch profile.runtime {
        case .browser: return "the browser"
        case .node: return "node"
        case .native: return "httpx"
        }
    }
}

/// The messages JavaScript errors carry, which the httpx transport passes on as the Python exception's message.
enum JSMessages {
    static func scope(_ profile: Profile) -> String { profile.context == .worker ? "WorkerGlobalScope" : "Window" }

    static func methodUnsupported(_ method: String, api: Profile.ClientAPI, profile: Profile) -> String {
        if profile.runtime == .node { return "'\(method)' HTTP method is unsupported." }
        if api == .syncXHR { return "Failed to execute 'open' on 'XMLHttpRequest': '\(method)' HTTP method is unsupported." }
        return "Failed to execute 'fetch' on '\(scope(profile))': '\(method)' HTTP method is unsupported."
    }

    static func getWithBody(api: Profile.ClientAPI, profile: Profile) -> String {
        if profile.runtime == .node { return "Request with GET/HEAD method cannot have body." }
        return "Failed to execute 'fetch' on '\(scope(profile))': Request with GET/HEAD method cannot have body."
    }

    /// The message of a network failure (CORS refusals included: the browser hides why).
    static func networkFailure(url: String, api: Profile.ClientAPI, profile: Profile) -> String {
        if profile.runtime == .node { return "fetch failed" }
        if api == .syncXHR { return "Failed to execute 'send' on 'XMLHttpRequest': Failed to load '\(url)'." }
        return "Failed to fetch"
    }
}
