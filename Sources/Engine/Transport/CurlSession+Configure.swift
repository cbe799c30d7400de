import CCurl

extension CurlSession {
    /// Sets every option of one request on the freshly reset easy handle.
    /// Returns the first `CURLcode` libcurl refused.
    func configure(_ request: WireRequest, body: PreparedBody, headerList: UnsafeMutablePointer<curl_slist>) -> CURLcode {
        var steps = SetoptChain()
        steps(wb_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        steps(CurlCallbacks.install(on: easy, state: state))
        steps(wb_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        // curl's own receive buffer size (100 KiB; libcurl's default is 16 KiB): fewer callbacks on large bodies.
        // Not part of the chain: libcurl 7.88 refuses it (CURLE_BAD_FUNCTION_ARGUMENT) while the handle still
        // holds the buffer of a transfer that failed early (a name that did not resolve), and the request
        // must not fail for a buffer size.
        _ = wb_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 102_400)
        steps(wb_easy_setopt_string(easy, CURLOPT_URL, request.url))
        // Safe defaults: http and https only, never follow a redirect, no CONNECT response headers.
        steps(wb_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        steps(wb_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        steps(wb_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        steps(wb_easy_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1))
        steps(wb_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        // An empty proxy string turns off the environment's proxy variables too.
        steps(wb_easy_setopt_string(easy, CURLOPT_PROXY, request.proxy ?? ""))
        steps(configureTLS(request.tls))
        if let version = request.httpVersion {
            let value = version == .http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
            steps(wb_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(value)))
        }
        if request.decodeContent {
            // "" enables every decoder libcurl has; the Accept-Encoding header stays the caller's.
            steps(wb_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        } else {
            steps(wb_easy_setopt_long(easy, CURLOPT_HTTP_CONTENT_DECODING, 0))
        }
        if let connect = request.timeouts.connect {
            steps(wb_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect)))
        }
        if let total = request.timeouts.total {
            steps(wb_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(total)))
        }
        steps(configureMethodAndBody(request.method, body: body))
        return steps.result
    }

    private func configureTLS(_ tls: TLSSettings) -> CURLcode {
        var steps = SetoptChain()
        steps(wb_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, tls.verify ? 1 : 0))
        steps(wb_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, tls.verify ? 2 : 0))
        if let caFile = tls.caFile { steps(wb_easy_setopt_string(easy, CURLOPT_CAINFO, caFile)) }
        if let clientCert = tls.clientCert { steps(wb_easy_setopt_string(easy, CURLOPT_SSLCERT, clientCert)) }
        if let clientKey = tls.clientKey { steps(wb_easy_setopt_string(easy, CURLOPT_SSLKEY, clientKey)) }
        return steps.result
    }

    private func configureMethodAndBody(_ method: String, body: PreparedBody) -> CURLcode {
        var steps = SetoptChain()
        if method == "HEAD" {
            steps(wb_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
            return steps.result
        }
        switch body {
        case .none:
            break
        case .bytes(let buffer):
            steps(wb_easy_setopt_long(easy, CURLOPT_POST, 1))
            steps(wb_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count)))
            if let base = buffer.baseAddress, buffer.count > 0 {
                steps(wb_easy_setopt_ptr(easy, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: base)))
            } else {
                steps(wb_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, ""))
            }
        case .file(let file):
            state.uploadDescriptor = file.descriptor
            steps(wb_easy_setopt_long(easy, CURLOPT_POST, 1))
            steps(CurlCallbacks.installUpload(on: easy, state: state))
            steps(wb_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(file.size)))
        case .multipart(let mime):
            steps(wb_easy_setopt_mimepost(easy, mime))
        }
        let isDefault: Bool
        switch body {
        case .none: isDefault = method == "GET"
        default: isDefault = method == "POST"
        }
        if !isDefault {
            steps(wb_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method))
        }
        return steps.result
    }

    /// Seconds to libcurl's milliseconds: at least 1 (0 would mean "no limit").
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        let value = (seconds * 1000).rounded(.up)
        return Int(min(max(value, 1), 1e12))
    }
}
