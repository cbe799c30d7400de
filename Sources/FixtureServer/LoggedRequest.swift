/// One header line of a logged request, as received (name spelling kept).
public struct LoggedHeader: Sendable, Hashable {
    /// The header name as the client spelled it.
    public var name: String
    /// The header value.
    public var value: String

    /// Creates a header line.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request that reached the fixture server, recorded before it was answered.
public struct LoggedRequest: Sendable, Hashable {
    /// The local port the request arrived on (the page port or the base port).
    public var port: Int
    /// The request method as sent (`GET`, `OPTIONS`, `patch`, …).
    public var method: String
    /// The request path without the query, as sent (still percent-encoded).
    public var path: String
    /// The raw query string without the leading `?` (empty when there is none).
    public var query: String
    /// The header lines in the order received.
    public var headers: [LoggedHeader]
    /// The number of body bytes received.
    public var bodySize: Int

    /// Creates a log entry.
    public init(port: Int, method: String, path: String, query: String, headers: [LoggedHeader], bodySize: Int) {
        self.port = port
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.bodySize = bodySize
    }

    /// The value of the first header named `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
