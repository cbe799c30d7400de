/// The header lines of one hop as the runtime puts them on the wire: the author's headers plus what the
/// runtime adds (profiles.md §4). `Host` and `Content-Length` are left to libcurl.
enum HopHeaders {
    /// How the hop's URL relates to the page, worst over the redirect chain (`Sec-Fetch-Site`).
    enum SiteRelation: Int, Comparable {
        case sameOrigin = 0, sameSite, crossSite
        static func < (a: SiteRelation, b: SiteRelation) -> Bool { a.rawValue < b.rawValue }
        var headerValue: String {
            switch self {
            case .sameOrigin: return "same-origin"
            case .sameSite: return "same-site"
            case .crossSite: return "cross-site"
            }
        }
        static func between(_ page: WebURL, _ url: WebURL) -> SiteRelation {
            if page.isSameOrigin(url) { return .sameOrigin }
            return page.site == url.site ? .sameSite : .crossSite
        }
    }

    /// What a hop needs to know to build its headers.
    struct Context {
        var profile: Profile
        var method: String
        var url: WebURL
        /// The page (browser profiles).
        var page: WebURL?
        /// The `Origin` value to send, or `nil` for none.
        var origin: String?
        var site: SiteRelation
        var credentials: CredentialsMode
        /// The `Cookie` header the runtime's jar adds, if any.
        var cookie: String?
        /// Whether the hop carries a body (a bodiless POST or PUT still gets `Content-Length: 0` from the runtime).
        var hasBody = true
    }

    /// Methods whose bodiless request the runtime still sends with `Content-Length: 0`: the Fetch standard's
    /// POST and PUT in browsers, undici's list in node (observed: Chromium 156, node 20, conformance m16, m17, m06).
    static func zeroLengthMethods(_ profile: Profile) -> Set<String> {
        switch profile.runtime {
        case .native: return []
        case .browser: return ["POST", "PUT"]
        case .node: return ["PUT", "POST", "PATCH", "PROPFIND", "PROPPATCH", "QUERY"]
        }
    }

    /// The runtime's `Accept-Encoding` for a request with these author headers, when the runtime sets one.
    static func runtimeAcceptEncoding(_ author: [HeaderField], profile: Profile) -> String? {
        guard let value = profile.runtimeAcceptEncoding else { return nil }
        if profile.identityEncodingWithRange && author.contains(name: "Range") { return "identity" }
        return value
    }

    /// The full header list of an actual request hop.
    static func build(author: [HeaderField], _ c: Context) -> [HeaderField] {
        let p = c.profile
        var out: [HeaderField] = []
        switch p.runtime {
        case .native:
            out = author
            if let cookie = c.cookie { out.append(HeaderField("Cookie", cookie)) }
            return out
        case .node:
            out = author
            func addIfAbsent(_ name: String, _ value: String?) {
                if let value, !out.contains(name: name) { out.append(HeaderField(name, value)) }
            }
            addIfAbsent("accept", p.runtimeAccept)
            addIfAbsent("accept-language", p.runtimeAcceptLanguage)
            if p.secFetch != .none { out.append(HeaderField("sec-fetch-mode", "cors")) }
            addIfAbsent("user-agent", p.runtimeUserAgent)
            if p.compression != .asRequested {
                if p.identityEncodingWithRange && author.contains(name: "Range"),
                   let index = out.firstIndex(where: { $0.name.asciiLowercased() == "accept-encoding" }) {
                    // fetch appends `identity` to the list when a Range header is present (node 20, case c18).
                    out[index] = HeaderField(out[index].name, out[index].value + ", identity")
                } else {
                    addIfAbsent("accept-encoding", runtimeAcceptEncoding(author, profile: p))
                }
            }
            if c.method.uppercased() == "HEAD" {
                // undici closes the connection after a HEAD and says so, whatever Connection was given (node 20, m01).
                out.removeAll { $0.name.asciiLowercased() == "connection" }
                out.append(HeaderField("connection", "close"))
            }
            if let cookie = c.cookie { out.append(HeaderField("cookie", cookie)) }
        case .browser:
            if let connection = p.runtimeConnection { out.append(HeaderField("Connection", connection)) }
            let hints = clientHints(c)
            if let platform = hints.first(where: { $0.name == "sec-ch-ua-platform" }) { out.append(platform) }
            if let ua = p.runtimeUserAgent { out.append(HeaderField("User-Agent", ua)) }
            out.append(contentsOf: hints.filter { $0.name != "sec-ch-ua-platform" })
            out.append(contentsOf: author)
            if let accept = p.runtimeAccept, !author.contains(name: "Accept") { out.append(HeaderField("Accept", accept)) }
            if let origin = c.origin { out.append(HeaderField("Origin", origin)) }
            if p.secFetch == .full {
                out.append(HeaderField("Sec-Fetch-Site", c.site.headerValue))
                out.append(HeaderField("Sec-Fetch-Mode", "cors"))
                out.append(HeaderField("Sec-Fetch-Dest", "empty"))
                if c.credentials == .include && c.site == .crossSite { out.append(HeaderField("Sec-Fetch-Storage-Access", "none")) }
            } else if p.secFetch == .modeOnly {
                out.append(HeaderField("Sec-Fetch-Mode", "cors"))
            }
            if let referer = referer(c) { out.append(HeaderField("Referer", referer)) }
            if p.compression != .asRequested, let ae = runtimeAcceptEncoding(author, profile: p) {
                out.append(HeaderField("Accept-Encoding", ae))
            }
            if let lang = p.runtimeAcceptLanguage, !author.contains(name: "Accept-Language") {
                out.append(HeaderField("Accept-Language", lang))
            }
            if let cookie = c.cookie { out.append(HeaderField("Cookie", cookie)) }
        }
        if !c.hasBody && zeroLengthMethods(p).contains(c.method) && !out.contains(name: "Content-Length") {
            out.append(HeaderField("Content-Length", "0"))
        }
        if p.lowercasesHeaderNames { out = out.map { HeaderField($0.name.asciiLowercased(), $0.value) } }
        return out
    }

    /// The `OPTIONS` preflight's headers (no author headers, no cookies).
    static func preflight(method: String, unsafeHeaderNames: [String], _ c: Context) -> [HeaderField] {
        let p = c.profile
        var out: [HeaderField] = []
        if let connection = p.runtimeConnection { out.append(HeaderField("Connection", connection)) }
        out.append(HeaderField("Accept", "*/*"))
        out.append(HeaderField("Access-Control-Request-Method", method))
        if let names = CORSCheck.requestHeadersValue(unsafeHeaderNames) {
            out.append(HeaderField("Access-Control-Request-Headers", names))
        }
        if let origin = c.origin { out.append(HeaderField("Origin", origin)) }
        if let ua = p.runtimeUserAgent { out.append(HeaderField("User-Agent", ua)) }
        if p.secFetch == .full {
            out.append(HeaderField("Sec-Fetch-Mode", "cors"))
            out.append(HeaderField("Sec-Fetch-Site", c.site.headerValue))
            out.append(HeaderField("Sec-Fetch-Dest", "empty"))
        }
        if let referer = referer(c) { out.append(HeaderField("Referer", referer)) }
        if let ae = p.runtimeAcceptEncoding { out.append(HeaderField("Accept-Encoding", ae)) }
        if let lang = p.runtimeAcceptLanguage { out.append(HeaderField("Accept-Language", lang)) }
        return out
    }

    /// `strict-origin-when-cross-origin`: same-origin the document's URL, cross-origin its origin plus `/`,
    /// nothing from `https` to `http`. Once a hop of the chain was cross-origin the request's referrer has been
    /// stripped to the origin, so a later same-origin hop sends the origin too (observed in a Chromium worker,
    /// conformance cases p33, r07).
    static func referer(_ c: Context) -> String? {
        guard c.profile.sendsReferer, let page = c.page else { return nil }
        if page.scheme == "https" && c.url.scheme == "http" { return nil }
        if page.isSameOrigin(c.url) && c.site == .sameOrigin {
            let path = c.profile.refererPath.hasPrefix("/") ? c.profile.refererPath : "/" + c.profile.refererPath
            return page.origin + path
        }
        return page.origin + "/"
    }

    /// `sec-ch-ua*`, on the main thread only, to potentially trustworthy URLs from a trustworthy page.
    static func clientHints(_ c: Context) -> [HeaderField] {
        guard c.profile.clientHints, c.profile.context == .mainThread, c.url.isPotentiallyTrustworthy,
              c.page?.isPotentiallyTrustworthy ?? false else { return [] }
        return [
            HeaderField("sec-ch-ua-platform", c.profile.clientHintsPlatform),
            HeaderField("sec-ch-ua", c.profile.clientHintsBrands),
            HeaderField("sec-ch-ua-mobile", "?0"),
        ]
    }

    /// Effects comparing the first hop's wire headers with what native httpx would send.
    static func effects(native: [HeaderField], displaced: [ProfileGate.Displaced], wire: [HeaderField], profile: Profile) -> [Effect] {
        guard profile.runtime != .native else { return [] }
        var effects: [Effect] = []
        let who = ProfileGate.runtimeName(profile)
        var displacedNames: Set<String> = []
        for d in displaced {
            let lower = d.name.asciiLowercased()
            displacedNames.insert(lower)
            if lower == "host" {
                effects.append(Effect("header-replaced", "Host: \(d.value) → the URL's host (\(d.reason))"))
            } else if lower == "content-length" {
                effects.append(Effect("header-replaced", "Content-Length: \(d.value) → the body's real length (\(d.reason))"))
            } else if let now = wire.joinedValue(for: d.name) {
                if now != d.value { effects.append(Effect("header-replaced", "\(d.name): \(d.value) → \(now) (\(d.reason); \(who) sends its own)")) }
            } else {
                effects.append(Effect("header-dropped", "\(d.name) (\(d.reason))"))
            }
        }
        var seen: Set<String> = []
        for header in wire {
            let lower = header.name.asciiLowercased()
            guard !seen.contains(lower), !displacedNames.contains(lower) else { continue }
            seen.insert(lower)
            if let before = native.joinedValue(for: header.name) {
                let now = wire.joinedValue(for: header.name) ?? header.value
                if before != now { effects.append(Effect("header-replaced", "\(header.name): \(before) → \(now) (set by \(who))")) }
            } else if lower != "cookie" {
                effects.append(Effect("header-added", "\(header.name): \(wire.joinedValue(for: header.name) ?? header.value) (added by \(who))"))
            }
        }
        return effects
    }
}
