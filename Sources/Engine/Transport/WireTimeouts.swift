/// Timeouts in httpx's model, in seconds; `nil` means no limit of that kind.
///
/// - `connect`: establishing the connection, TLS handshake included (libcurl's connect timeout).
/// - `read`: the longest silence while waiting for or receiving the response.
/// - `write`: the longest stall while sending the request.
/// - `total`: the whole exchange.
public struct WireTimeouts: Sendable, Hashable {
    public var connect: Double?
    public var read: Double?
    public var write: Double?
    public var total: Double?

    public init(connect: Double? = nil, read: Double? = nil, write: Double? = nil, total: Double? = nil) {
        self.connect = connect
        self.read = read
        self.write = write
        self.total = total
    }

    /// The same limit for connect, read and write, no total (httpx's `timeout=N`).
    public static func uniform(_ seconds: Double) -> WireTimeouts {
        WireTimeouts(connect: seconds, read: seconds, write: seconds)
    }
}
