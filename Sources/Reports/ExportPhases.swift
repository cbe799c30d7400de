import Engine

/// One exchange's timing split into consecutive phases (microseconds), from libcurl's cumulative points.
///
/// libcurl gives points measured from the start of the transfer (`dns ≤ connect ≤ tls ≤ pretransfer ≤
/// firstByte ≤ total`); a phase that did not happen (no DNS or connect on a reused connection, no TLS over
/// plain HTTP) is `nil`. The phases add up to the exchange's total: `send` is the gap between the connection
/// being ready and libcurl's `pretransfer` point; `wait` runs from there to the first byte of the response.
struct TimingPhases: Sendable, Hashable {
    var dns: Int64?
    /// TCP connect only (HAR's `connect` adds TLS: see `harConnect`).
    var connect: Int64?
    var tls: Int64?
    var send: Int64
    var wait: Int64
    var receive: Int64

    init(_ t: Timings) {
        // A phase happened when its point moved past the previous one (the transport repeats the previous
        // point for a phase that did not happen: `connect == dns` on a reused connection, `tls == connect` without TLS).
        dns = t.dns > 0 ? t.dns : nil
        connect = t.connect > t.dns ? t.connect - t.dns : nil
        let connected = max(t.connect, t.dns)
        tls = t.tls > connected ? t.tls - connected : nil
        let handshakeEnd = max(t.dns, t.connect, t.tls)
        send = max(0, t.pretransfer - handshakeEnd)
        let sendEnd = max(handshakeEnd, t.pretransfer)
        wait = t.firstByte > 0 ? max(0, t.firstByte - sendEnd) : 0
        let waitEnd = max(sendEnd, t.firstByte)
        receive = max(0, t.total - waitEnd)
    }

    /// HAR `connect`: TCP plus TLS (HAR 1.2 counts `ssl` inside `connect`); `nil` on a reused connection.
    var harConnect: Int64? {
        if connect == nil && tls == nil { return nil }
        return (connect ?? 0) + (tls ?? 0)
    }

    /// The sum of the phases: the exchange's duration.
    var total: Int64 { (dns ?? 0) + (connect ?? 0) + (tls ?? 0) + send + wait + receive }

    /// The phases in order with their names, for charts; absent phases are left out.
    var segments: [(name: String, micros: Int64)] {
        var out: [(String, Int64)] = []
        if let dns { out.append(("dns", dns)) }
        if let connect { out.append(("connect", connect)) }
        if let tls { out.append(("tls", tls)) }
        out.append(("send", send))
        out.append(("wait", wait))
        out.append(("receive", receive))
        return out
    }
}
