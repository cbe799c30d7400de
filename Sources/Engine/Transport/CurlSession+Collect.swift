import CCurl

extension CurlSession {
    /// Builds the exchange from what the callbacks recorded and what libcurl reports.
    func collect(_ request: WireRequest, kind: ExchangeKind, startedAt: Double, outcome: Outcome) -> Exchange {
        connectionsOpened += Int(infoLong(CURLINFO_NUM_CONNECTS))
        let sent: SentRequest
        if let parsed = HeaderText.sentRequest(state.headerOut) {
            sent = SentRequest(method: parsed.method, url: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url,
                               headers: parsed.headers, bodySize: infoOff(CURLINFO_SIZE_UPLOAD_T))
        } else {
            sent = SentRequest(method: request.method, url: request.url, headers: request.headers, bodySize: 0)
        }
        let error: TransportError?
        if let failure = outcome.multiFailure {
            error = TransportError(kind: .other, message: failure)
        } else {
            error = CurlErrorClassifier.error(for: outcome.code, context: .init(
                detail: String(cString: errorBuffer), abort: state.abort,
                connected: state.requestSent, timeouts: request.timeouts))
        }
        let port = infoLong(CURLINFO_PRIMARY_PORT)
        let address = infoString(CURLINFO_PRIMARY_IP).flatMap { $0.isEmpty ? nil : $0 }
        return Exchange(
            kind: kind, request: sent, response: response(), timings: timings(),
            remoteAddress: address, remotePort: address != nil && port > 0 ? port : nil,
            startedAt: startedAt, error: error)
    }

    private func response() -> ReceivedResponse? {
        // A head cut short (reset, header limit) is no response: Python gets an error, not a status.
        guard let statusLine = state.statusLine, state.headersComplete else { return nil }
        let version: String
        switch infoLong(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): version = "1.0"
        case Int(CURL_HTTP_VERSION_1_1): version = "1.1"
        case Int(CURL_HTTP_VERSION_2_0): version = "2"
        case Int(CURL_HTTP_VERSION_3): version = "3"
        default: version = statusLine.version
        }
        let body = state.takeBody()
        return ReceivedResponse(
            httpVersion: version, status: statusLine.status, reason: statusLine.reason,
            headers: state.responseHeaders, bodySize: state.bodySize, bodySHA256: state.bodyDigest(),
            body: body, bodyTruncated: Int64(body.count) < state.bodySize,
            redirectURL: infoString(CURLINFO_REDIRECT_URL))
    }

    /// libcurl's points, made monotonic: a phase that did not happen (no DNS or connect on a reused
    /// connection, no TLS over plain HTTP) equals the point before it.
    private func timings() -> Timings {
        let dns = infoOff(CURLINFO_NAMELOOKUP_TIME_T)
        let connect = max(dns, infoOff(CURLINFO_CONNECT_TIME_T))
        let tls = max(connect, infoOff(CURLINFO_APPCONNECT_TIME_T))
        let pretransfer = max(tls, infoOff(CURLINFO_PRETRANSFER_TIME_T))
        let firstByte = max(pretransfer, infoOff(CURLINFO_STARTTRANSFER_TIME_T))
        let total = max(firstByte, infoOff(CURLINFO_TOTAL_TIME_T))
        return Timings(dns: dns, connect: connect, tls: tls, pretransfer: pretransfer, firstByte: firstByte, total: total)
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        return wb_easy_getinfo_long(easy, info, &value) == CURLE_OK ? value : 0
    }

    func infoOff(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return wb_easy_getinfo_off(easy, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard wb_easy_getinfo_string(easy, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}
