import Engine

/// The request and response objects of a HAR entry, with their cookies, query strings and content.
enum HARParts {
    static func request(_ exchange: Exchange) -> JSONValue {
        let sent = exchange.request
        var r = JSONObject()
        r["method"] = .string(sent.method)
        r["url"] = .string(sent.url)
        r["httpVersion"] = .string(httpVersion(exchange.response?.httpVersion))
        r["cookies"] = .array(requestCookies(sent.headers).map(nameValue))
        r["headers"] = headers(sent.headers)
        r["queryString"] = .array(queryString(sent.url).map(nameValue))
        if sent.bodySize > 0 {
            // Only the size of a sent body is stored: `text` stays empty, `_bodySize` says how much was sent.
            var post = JSONObject()
            post["mimeType"] = .string(sent.headers.joinedValue(for: "Content-Type") ?? "")
            post["text"] = .string("")
            post["_bodySize"] = .number(Double(sent.bodySize))
            post["comment"] = .string("Workbench stores the size of request bodies, not their bytes")
            r["postData"] = .object(post)
        }
        r["headersSize"] = .number(-1)
        r["bodySize"] = .number(Double(sent.bodySize))
        return .object(r)
    }

    static func response(_ received: ReceivedResponse) -> JSONValue {
        var r = JSONObject()
        r["status"] = .number(Double(received.status))
        r["statusText"] = .string(received.reason)
        r["httpVersion"] = .string(httpVersion(received.httpVersion))
        r["cookies"] = .array(received.headers.values(for: "Set-Cookie").compactMap(setCookie))
        r["headers"] = headers(received.headers)
        r["content"] = content(received)
        r["redirectURL"] = .string(received.redirectURL ?? "")
        r["headersSize"] = .number(-1)
        // The size on the wire is unknown when the body came compressed: libcurl reports the decoded size.
        let encoding = received.headers.joinedValue(for: "Content-Encoding")?.lowercased()
        let compressed = encoding.map { !$0.isEmpty && $0 != "identity" } ?? false
        r["bodySize"] = .number(compressed ? -1 : Double(received.bodySize))
        return .object(r)
    }

    /// The response of an exchange that got none (a transport error): status 0, the entry's `_error` says why.
    static let missingResponse: JSONValue = .object(JSONObject([
        ("status", .number(0)), ("statusText", .string("")), ("httpVersion", .string("")),
        ("cookies", .array([])), ("headers", .array([])),
        ("content", .object(JSONObject([("size", .number(0)), ("mimeType", .string("x-unknown"))]))),
        ("redirectURL", .string("")), ("headersSize", .number(-1)), ("bodySize", .number(-1)),
    ]))

    private static func content(_ received: ReceivedResponse) -> JSONValue {
        var c = JSONObject()
        c["size"] = .number(Double(received.bodySize))
        c["mimeType"] = .string(received.headers.joinedValue(for: "Content-Type") ?? "x-unknown")
        if !received.body.isEmpty || received.bodySize == 0 {
            if let text = String(validating: received.body, as: UTF8.self) {
                c["text"] = .string(text)
            } else {
                c["text"] = .string(Base64.encode(received.body))
                c["encoding"] = .string("base64")
            }
        }
        if received.bodyTruncated || Int64(received.body.count) < received.bodySize {
            c["_truncated"] = .bool(true)
            c["comment"] = .string("the store kept \(received.body.count) of \(received.bodySize) bytes (--body-limit)")
        }
        return .object(c)
    }

    /// `HTTP/1.1`, `HTTP/2`; `HTTP/1.1` when no response told (HAR requires the field).
    static func httpVersion(_ version: String?) -> String {
        guard let version, !version.isEmpty else { return "HTTP/1.1" }
        return version.hasPrefix("HTTP/") ? version : "HTTP/" + version
    }

    private static func headers(_ fields: [HeaderField]) -> JSONValue {
        .array(fields.map { nameValue(($0.name, $0.value)) })
    }

    private static func nameValue(_ pair: (String, String)) -> JSONValue {
        .object(JSONObject([("name", .string(pair.0)), ("value", .string(pair.1))]))
    }

    /// Pairs of the `Cookie` header(s): `a=1; b=2`. Parts without `=` (e.g. `<redacted>`) are left out.
    static func requestCookies(_ fields: [HeaderField]) -> [(String, String)] {
        fields.values(for: "Cookie").flatMap { line in
            line.split(separator: ";").compactMap { part -> (String, String)? in
                let item = trim(part)
                guard let eq = item.firstIndex(of: "=") else { return nil }
                return (trim(item[..<eq]), trim(item[item.index(after: eq)...]))
            }
        }
    }

    /// One `Set-Cookie` line as a HAR cookie (name, value, path, domain, httpOnly, secure); `nil` without `=`
    /// (RFC 6265 §5.2 ignores such lines). `Expires` is left out: HAR wants ISO 8601, servers send RFC 1123.
    static func setCookie(_ line: String) -> JSONValue? {
        let parts = line.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first, let eq = first.firstIndex(of: "=") else { return nil }
        var c = JSONObject()
        c["name"] = .string(trim(first[..<eq]))
        c["value"] = .string(trim(first[first.index(after: eq)...]))
        for attribute in parts.dropFirst() {
            let item = trim(attribute)
            let key: String
            let value: String
            if let eq = item.firstIndex(of: "=") {
                key = trim(item[..<eq]).lowercased()
                value = trim(item[item.index(after: eq)...])
            } else {
                key = item.lowercased()
                value = ""
            }
            switch key {
            case "path": c["path"] = .string(value)
            case "domain": c["domain"] = .string(value)
            case "httponly": c["httpOnly"] = .bool(true)
            case "secure": c["secure"] = .bool(true)
            default: continue
            }
        }
        return .object(c)
    }

    /// The URL's query as name/value pairs, percent-decoded (`+` kept: it means a space only in forms).
    static func queryString(_ url: String) -> [(String, String)] {
        guard let question = url.firstIndex(of: "?") else { return [] }
        var query = url[url.index(after: question)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        return query.split(separator: "&").map { item in
            if let eq = item.firstIndex(of: "=") {
                return (percentDecoded(item[..<eq]), percentDecoded(item[item.index(after: eq)...]))
            }
            return (percentDecoded(item), "")
        }
    }

    /// `%XX` escapes decoded; the text as it was when the result is not UTF-8 or an escape is malformed.
    static func percentDecoded(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    return String(text)
                }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self) ?? String(text)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - 55
        default: return nil
        }
    }

    private static func trim<S: StringProtocol>(_ text: S) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[first...last])
    }
}
