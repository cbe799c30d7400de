import NIOCore
import NIOHTTP1

/// A complete request as the routes see it: head, parsed target and buffered body.
struct FixtureRequest {
    let head: HTTPRequestHead
    /// The local port the request arrived on.
    let port: Int
    /// The path as sent, without the query (still percent-encoded).
    let path: String
    /// The raw query without `?`.
    let rawQuery: String
    let query: QueryString
    let body: ByteBuffer?

    init(head: HTTPRequestHead, port: Int, body: ByteBuffer?) {
        self.head = head
        self.port = port
        self.body = body
        var target = Substring(head.uri)
        // Absolute form (`GET http://host/path`): keep only the origin-form part.
        let scheme = target.hasPrefix("http://") ? 7 : target.hasPrefix("https://") ? 8 : 0
        if scheme > 0 {
            let afterScheme = target.dropFirst(scheme)
            target = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? "/"
        }
        if let fragment = target.firstIndex(of: "#") { target = target[..<fragment] }
        if let question = target.firstIndex(of: "?") {
            path = question == target.startIndex ? "/" : String(target[..<question])
            let raw = target[target.index(after: question)...]
            rawQuery = String(raw)
            query = QueryString(raw)
        } else {
            path = target.isEmpty ? "/" : String(target)
            rawQuery = ""
            query = QueryString("")
        }
    }

    var method: String { head.method.rawValue }
    var isHEAD: Bool { head.method == .HEAD }
    var bodySize: Int { body?.readableBytes ?? 0 }

    var bodyBytes: [UInt8] {
        guard let body else { return [] }
        return Array(body.readableBytesView)
    }

    /// The header lines in the order received.
    var headerPairs: [(name: String, value: String)] {
        head.headers.map { ($0.name, $0.value) }
    }

    /// The full URL the client asked for, rebuilt from `Host`.
    var url: String {
        let host = head.headers.first(name: "host") ?? "127.0.0.1:\(port)"
        return rawQuery.isEmpty ? "http://\(host)\(path)" : "http://\(host)\(path)?\(rawQuery)"
    }

    /// Whether this is a CORS preflight: `OPTIONS` carrying `Access-Control-Request-Method`.
    var isPreflight: Bool {
        head.method == .OPTIONS && head.headers.contains(name: "access-control-request-method")
    }

    /// Cookies from every `Cookie` header, in order.
    var cookies: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in head.headers[canonicalForm: "cookie"] {
            for piece in line.split(separator: ";") {
                let trimmed = piece.drop { $0 == " " }
                guard !trimmed.isEmpty else { continue }
                if let equals = trimmed.firstIndex(of: "=") {
                    result.append((String(trimmed[..<equals]), String(trimmed[trimmed.index(after: equals)...])))
                } else {
                    result.append((String(trimmed), ""))
                }
            }
        }
        return result
    }
}
