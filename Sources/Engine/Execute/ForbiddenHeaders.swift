/// The forbidden request-header rules of browsers (Fetch standard, as Chromium applies them) and of node's fetch.
enum ForbiddenHeaders {
    /// The Fetch standard's forbidden request-header names (lower-case), besides the `proxy-`/`sec-` prefixes.
    static let browserNames: Set<String> = [
        "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
        "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin",
        "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
    ]

    /// Headers whose value names the method to use; forbidden when it names a forbidden method.
    static let methodOverrideNames: Set<String> = ["x-http-method", "x-http-method-override", "x-method-override"]

    /// Methods the Fetch standard forbids.
    static let forbiddenMethods: Set<String> = ["CONNECT", "TRACE", "TRACK"]

    /// True when a browser refuses to let a script set this header.
    static func isForbiddenInBrowser(name: String, value: String) -> Bool {
        let lower = name.asciiLowercased()
        if browserNames.contains(lower) || lower.hasPrefix("proxy-") || lower.hasPrefix("sec-") { return true }
        if methodOverrideNames.contains(lower) {
            return value.split(separator: ",").contains { forbiddenMethods.contains($0.trimmingASCIIWhitespace().uppercased()) }
        }
        return false
    }

    /// What node's fetch (undici, node 20) does with a header a script sets.
    enum NodeAction: Equatable {
        case send
        /// node sends its own value instead (`Host`, `Sec-Fetch-Mode`, `Content-Length`).
        case replace
        /// fetch rejects before sending, with this cause.
        case fail(cause: String)
    }

    static func nodeAction(name: String, value: String) -> NodeAction {
        switch name.asciiLowercased() {
        case "host", "sec-fetch-mode", "content-length": return .replace
        case "keep-alive": return .fail(cause: "invalid keep-alive header")
        case "transfer-encoding": return .fail(cause: "invalid transfer-encoding header")
        case "upgrade": return .fail(cause: "invalid upgrade header")
        case "expect": return .fail(cause: "expect header not supported")
        case "connection":
            let tokens = value.split(separator: ",").map { $0.trimmingASCIIWhitespace().asciiLowercased() }
            return tokens.contains("upgrade") ? .fail(cause: "invalid connection header") : .send
        default: return .send
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP whitespace).
    /// Reads UTF-8 bytes: a space or a tab is one byte that never occurs inside another scalar's encoding, so the
    /// byte positions found are scalar boundaries.
    func trimmingASCIIWhitespace() -> String {
        let text = String(self)
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 0x20 || bytes[last] == 0x09 else { break }
            end = last
        }
        if start == bytes.startIndex && end == bytes.endIndex { return text }
        return String(Substring(text.unicodeScalars[start..<end]))
    }
}
