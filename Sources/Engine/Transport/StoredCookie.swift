/// One cookie in a `CookieJar`, as RFC 6265's storage model keeps it.
public struct StoredCookie: Sendable, Hashable {
    public var name: String
    public var value: String
    /// The host (host-only cookie) or the domain (domain cookie), lowercase, without a leading dot.
    public var domain: String
    public var path: String
    /// True when the cookie had no valid `Domain` attribute: it goes back to exactly this host.
    public var hostOnly: Bool
    public var secure: Bool
    public var httpOnly: Bool
    public var sameSite: CookieSameSite?
    /// When it expires, seconds since 1970; `nil` for a session cookie.
    public var expires: Double?
    /// When it was first stored, seconds since 1970 (kept when a later `Set-Cookie` replaces it).
    public var created: Double

    public init(name: String, value: String, domain: String, path: String, hostOnly: Bool, secure: Bool = false,
                httpOnly: Bool = false, sameSite: CookieSameSite? = nil, expires: Double? = nil, created: Double) {
        self.name = name
        self.value = value
        self.domain = domain
        self.path = path
        self.hostOnly = hostOnly
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.expires = expires
        self.created = created
    }

    /// True when the cookie has expired at `now`.
    public func isExpired(at now: Double) -> Bool {
        guard let expires else { return false }
        return expires <= now
    }
}

/// The `SameSite` attribute's value.
public enum CookieSameSite: String, Sendable, Hashable, CaseIterable {
    case strict = "Strict"
    case lax = "Lax"
    case none = "None"
}
