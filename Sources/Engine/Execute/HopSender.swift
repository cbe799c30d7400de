/// Sends one hop (a request, a preflight, a redirect) and reports what happened on the wire.
/// `CurlTransport` is the real sender; tests script a fake one.
public protocol HopSender: AnyObject {
    func send(_ request: WireRequest, kind: ExchangeKind) -> Exchange
}

extension CurlTransport: HopSender {
    /// Sends through libcurl (`perform`).
    public func send(_ request: WireRequest, kind: ExchangeKind) -> Exchange {
        perform(request, kind: kind)
    }
}
