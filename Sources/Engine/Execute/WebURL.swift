/// The parts of an absolute `http`/`https` URL the profile rules need: origin, credentials, site.
/// Deliberately small: the transport (libcurl) resolves and sends URLs; this only compares them.
struct WebURL: Hashable {
    /// Lower-cased scheme.
    var scheme: String
    /// `user[:password]`, when the URL carries credentials.
    var userinfo: String?
    /// Lower-cased host; IPv6 literals keep their brackets.
    var host: String
    /// The port given in the URL, if any.
    var explicitPort: Int?
    /// Everything from the first `/`, `?` or `#` after the authority (`/` when empty).
    var pathAndQuery: String

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
        self.host = host.lowercased()
        self.explicitPort = port
        let path = String(afterSlashes[authorityEnd...])
        self.pathAndQuery = path.isEmpty ? "/" : path
    }

    /// The scheme's default port (80, 443), `nil` for other schemes.
    var defaultPort: Int? {
        switch scheme {
        case "http", "ws": return 80
        case "https", "wss": return 443
        default: return nil
        }
    }

    /// The effective port.
    var port: Int? { explicitPort ?? defaultPort }

    var isHTTP: Bool { scheme == "http" || scheme == "https" }

    /// The serialised origin, `scheme://host[:port]` (default ports omitted), as `Origin` carries it.
    var origin: String {
        if let explicitPort, explicitPort != defaultPort { return "\(scheme)://\(host):\(explicitPort)" }
        return "\(scheme)://\(host)"
    }

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

    private var isIPAddress: Bool {
        host.hasPrefix("[") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// The site for `Sec-Fetch-Site` and cookies: the scheme plus the registrable domain, approximated by the last two
    /// labels (no public-suffix list); an IP address or a single-label host is its own site.
    var site: String {
        if isIPAddress { return "\(scheme)://\(host)" }
        let labels = host.split(separator: ".")
        if labels.count <= 2 { return "\(scheme)://\(host)" }
        return "\(scheme)://" + labels.suffix(2).joined(separator: ".")
    }
}
