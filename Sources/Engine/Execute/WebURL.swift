/// The parts of an absolute `http`/`https` URL the profile rules need: origin, credentials, site.
/// Deliberately small: the transport (libcurl) resolves and sends URLs; this only compares them.
struct WebURL: Hashable {
    /// Lower-cased scheme.
    let scheme: String
    /// `user[:password]`, when the URL carries credentials.
    let userinfo: String?
    /// Lower-cased host; IPv6 literals keep their brackets.
    let host: String
    /// The port given in the URL, if any.
    let explicitPort: Int?
    /// Everything from the first `/`, `?` or `#` after the authority (`/` when empty).
    let pathAndQuery: String
    /// The serialised origin, `scheme://host[:port]` (default ports omitted), as `Origin` carries it.
    /// Computed once: browser profiles compare origins and sites several times per request.
    let origin: String
    /// The site for `Sec-Fetch-Site` and cookies: the scheme plus the registrable domain, approximated by the last
    /// two labels (no public-suffix list); an IP address or a single-label host is its own site.
    let site: String

    init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterSlashes.endIndex
        var authority = Substring(afterSlashes[..<authorityEnd])
        var userinfo: String?
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let tail = authority[authority.index(after: close)...]
            if tail.hasPrefix(":") {
                let digits = tail.dropFirst()
                if !digits.isEmpty {
                    guard let p = Int(digits), (0...65535).contains(p) else { return nil }
                    port = p
                }
            } else if !tail.isEmpty {
                return nil
            }
        } else if let portColon = authority.lastIndex(of: ":") {
            host = authority[..<portColon]
            let digits = authority[authority.index(after: portColon)...]
            if !digits.isEmpty {
                guard digits.allSatisfy(\.isASCII), let p = Int(digits), (0...65535).contains(p) else { return nil }
                port = p
            }
        }
        guard !host.isEmpty || scheme == "file" else { return nil }
        self.scheme = scheme
        self.userinfo = userinfo
        let lowerHost = host.lowercased()
        self.host = lowerHost
        self.explicitPort = port
        let path = String(afterSlashes[authorityEnd...])
        self.pathAndQuery = path.isEmpty ? "/" : path
        if let port, port != Self.defaultPort(scheme) {
            origin = "\(scheme)://\(lowerHost):\(port)"
        } else {
            origin = "\(scheme)://\(lowerHost)"
        }
        site = Self.site(scheme: scheme, host: lowerHost)
    }

    private static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http", "ws": return 80
        case "https", "wss": return 443
        default: return nil
        }
    }

    private static func site(scheme: String, host: String) -> String {
        let isIPAddress = host.hasPrefix("[") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        if isIPAddress { return "\(scheme)://\(host)" }
        let labels = host.split(separator: ".")
        if labels.count <= 2 { return "\(scheme)://\(host)" }
        return "\(scheme)://" + labels.suffix(2).joined(separator: ".")
    }

    /// The scheme's default port (80, 443), `nil` for other schemes.
    var defaultPort: Int? { Self.defaultPort(scheme) }

    /// The effective port.
    var port: Int? { explicitPort ?? defaultPort }

    var isHTTP: Bool { scheme == "http" || scheme == "https" }

    /// Same scheme, host and port.
    func isSameOrigin(_ other: WebURL) -> Bool {
        scheme == other.scheme && host == other.host && port == other.port
    }

    var hasCredentials: Bool { userinfo != nil }

    /// Loopback hosts: `localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`.
    var isLoopback: Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host == "[::1]" || host.hasPrefix("127.")
    }

    /// A potentially trustworthy URL in the Secure Contexts sense: `https`, or a loopback host.
    var isPotentiallyTrustworthy: Bool { scheme == "https" || scheme == "wss" || isLoopback }
}
