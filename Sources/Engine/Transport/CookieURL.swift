/// The parts of a URL a cookie jar needs: scheme, host, port and path. A small parser, not a
/// general URL type: userinfo is skipped, the host is lowercased (no IDNA), IPv6 keeps no brackets.
struct CookieURL: Equatable {
    var scheme: String
    var host: String
    var port: Int?
    /// The path without query or fragment; empty when the URL has none.
    var path: String

    /// `nil` when the text is not `scheme://host…`.
    init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (0...65535).contains(value) else { return nil }
            port = value
        }
        let pathAndMore = rest[authorityEnd...]
        let pathEnd = pathAndMore.firstIndex { $0 == "?" || $0 == "#" } ?? pathAndMore.endIndex
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.path = String(pathAndMore[..<pathEnd])
    }

    /// True for `https` (and `wss`): where `Secure` cookies go.
    var isSecure: Bool { scheme == "https" || scheme == "wss" }

    /// True when the host is an IPv4 or IPv6 address literal (no domain matching for those).
    var hostIsIPAddress: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
        }
    }

    /// RFC 6265 §5.1.4 default-path: the directory of the request path.
    var defaultCookiePath: String {
        guard path.hasPrefix("/"), let lastSlash = path.lastIndex(of: "/"), lastSlash != path.startIndex else {
            return "/"
        }
        return String(path[..<lastSlash])
    }
}
