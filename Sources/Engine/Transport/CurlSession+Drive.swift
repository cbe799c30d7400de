import CCurl

extension CurlSession {
    /// How a transfer ended: libcurl's result, or a multi-interface failure around it.
    struct Outcome {
        var code: CURLcode
        /// Set when the multi interface itself failed (the transfer may not have run).
        var multiFailure: String?
    }

    /// Runs the transfer: `curl_multi_perform` until it finishes, waiting in `curl_multi_poll` no
    /// longer than the next read/write deadline (and at most 100 ms, for cancellation).
    func drive() -> Outcome {
        let added = curl_multi_add_handle(multi, easy)
        guard added == CURLM_OK else {
            return Outcome(code: CURLE_FAILED_INIT, multiFailure: Self.text(added))
        }
        defer { _ = curl_multi_remove_handle(multi, easy) }
        var running: Int32 = 1
        while true {
            let performed = curl_multi_perform(multi, &running)
            guard performed == CURLM_OK else {
                return Outcome(code: CURLE_FAILED_INIT, multiFailure: Self.text(performed))
            }
            if running == 0 { break }
            let polled = curl_multi_poll(multi, nil, 0, state.pollTimeoutMilliseconds(), nil)
            guard polled == CURLM_OK else {
                return Outcome(code: CURLE_FAILED_INIT, multiFailure: Self.text(polled))
            }
        }
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE {
                return Outcome(code: wb_msg_result(message))
            }
        }
        return Outcome(code: CURLE_OK)
    }

    private static func text(_ code: CURLMcode) -> String {
        "libcurl multi interface: \(String(cString: curl_multi_strerror(code))) (multi code \(code.rawValue))"
    }
}
