/// A cookie jar in pure Swift: the subset of RFC 6265 that browser and httpx profiles need, with
/// rules libcurl's cookie engine cannot express (the jar belongs to a profile, not to a handle).
///
/// Host-only and domain cookies, default paths, `Domain` values that must domain-match the
/// request host, deletion by a past `Expires` or `Max-Age=0`, `Secure` cookies only over https.
/// Not modelled: the public suffix list (a `Domain` without a dot is refused unless it is the host
/// itself), IDNA host names, `__Secure-`/`__Host-` prefixes, size and count limits.
public struct CookieJar: Sendable {
    /// Every cookie stored, in creation order (expired ones until the next `store` or `removeExpired`).
    public private(set) var cookies: [StoredCookie] = []

    public init() {}

    /// Stores the cookies of a response's `Set-Cookie` headers for the request that received them.
    /// Invalid cookies are ignored, as a browser ignores them.
    public mutating func store(setCookieHeaders: [String], requestURL: String, now: Double) {
        guard let url = CookieURL(requestURL) else { return }
        for header in setCookieHeaders {
            guard let parsed = SetCookie(header), let cookie = Self.cookie(from: parsed, url: url, now: now) else { continue }
            insert(cookie, now: now)
        }
        removeExpired(now: now)
    }

    /// The `Cookie` header value for a request to `url`, or `nil` when no cookie applies:
    /// domain, path and `Secure` matching, expired cookies left out, longer paths first, then older first.
    public func cookieHeader(for url: String, now: Double) -> String? {
        // An empty jar answers without parsing the URL (the common case: most runs set no cookie).
        guard !cookies.isEmpty, let target = CookieURL(url) else { return nil }
        let path = target.path.isEmpty ? "/" : target.path
        let matching = cookies.enumerated().filter { _, cookie in
            !cookie.isExpired(at: now)
                && (cookie.hostOnly ? target.host == cookie.domain : Self.domainMatches(target, cookie.domain))
                && Self.pathMatches(path, cookie.path)
                && (!cookie.secure || target.isSecure)
        }
        guard !matching.isEmpty else { return nil }
        let ordered = matching.sorted { left, right in
            if left.element.path.count != right.element.path.count { return left.element.path.count > right.element.path.count }
            if left.element.created != right.element.created { return left.element.created < right.element.created }
            return left.offset < right.offset
        }
        return ordered.map { $0.element.name + "=" + $0.element.value }.joined(separator: "; ")
    }

    /// Drops every cookie that has expired at `now`.
    public mutating func removeExpired(now: Double) {
        cookies.removeAll { $0.isExpired(at: now) }
    }

    /// Drops every cookie.
    public mutating func removeAll() {
        cookies.removeAll()
    }

    /// RFC 6265 §5.3 steps 2–10: the cookie to store, or `nil` when it must be ignored.
    private static func cookie(from parsed: SetCookie, url: CookieURL, now: Double) -> StoredCookie? {
        var expires: Double?
        if let maxAge = parsed.maxAge {
            expires = maxAge <= 0 ? -Double.greatestFiniteMagnitude : now + Double(maxAge)
        } else if let date = parsed.expires {
            expires = date
        }
        var domain = url.host
        var hostOnly = true
        if let attribute = parsed.domain, attribute != url.host {
            // No public suffix list: a dotless Domain (a TLD, "localhost") only ever means the host itself.
            guard attribute.contains("."), domainMatches(url, attribute) else { return nil }
            domain = attribute
            hostOnly = false
        } else if parsed.domain != nil {
            hostOnly = !url.host.contains(".") || url.hostIsIPAddress
        }
        return StoredCookie(
            name: parsed.name, value: parsed.value, domain: domain, path: parsed.path ?? url.defaultCookiePath,
            hostOnly: hostOnly, secure: parsed.secure, httpOnly: parsed.httpOnly, sameSite: parsed.sameSite,
            expires: expires, created: now)
    }

    /// Replaces a cookie with the same name, domain and path (keeping its creation time), or appends.
    private mutating func insert(_ cookie: StoredCookie, now: Double) {
        if let index = cookies.firstIndex(where: {
            $0.name == cookie.name && $0.domain == cookie.domain && $0.path == cookie.path
        }) {
            if cookie.isExpired(at: now) {
                cookies.remove(at: index)
            } else {
                var replacement = cookie
                replacement.created = cookies[index].created
                cookies[index] = replacement
            }
        } else if !cookie.isExpired(at: now) {
            cookies.append(cookie)
        }
    }

    /// RFC 6265 §5.1.3: the host equals the domain, or ends with "." + domain and is not an IP address.
    static func domainMatches(_ url: CookieURL, _ domain: String) -> Bool {
        if url.host == domain { return true }
        guard !url.hostIsIPAddress, url.host.hasSuffix(domain) else { return false }
        let boundary = url.host.utf8.dropLast(domain.utf8.count).last
        return boundary == UInt8(ascii: ".")
    }

    /// RFC 6265 §5.1.4 path-match.
    static func pathMatches(_ requestPath: String, _ cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        if cookiePath.hasSuffix("/") { return true }
        return requestPath.utf8.dropFirst(cookiePath.utf8.count).first == UInt8(ascii: "/")
    }
}
