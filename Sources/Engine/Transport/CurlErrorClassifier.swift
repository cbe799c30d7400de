import CCurl

/// Maps a failed transfer's `CURLcode` (and what the transport saw) to a `TransportError`.
enum CurlErrorClassifier {
    /// What the classifier needs to know besides the code.
    struct Context {
        /// libcurl's error buffer text, possibly empty.
        var detail: String
        /// The transport's own reason for stopping, when a callback stopped the transfer.
        var abort: (kind: TransportErrorKind, message: String)?
        /// The request header block went out, so the connection had been made.
        var connected: Bool
        var timeouts: WireTimeouts
    }

    /// The classified error for `code`; `nil` for `CURLE_OK`.
    static func error(for code: CURLcode, context: Context) -> TransportError? {
        guard code != CURLE_OK else { return nil }
        let number = Int(code.rawValue)
        if let abort = context.abort, code == CURLE_ABORTED_BY_CALLBACK || code == CURLE_WRITE_ERROR
            || code == CURLE_READ_ERROR || code == CURLE_SEND_ERROR {
            return TransportError(kind: abort.kind, message: "\(abort.message) (curl error \(number))", curlCode: number)
        }
        let kind = self.kind(for: code, context: context)
        var text = context.detail.isEmpty ? String(cString: curl_easy_strerror(code)) : context.detail
        if kind == .protocolError && code == CURLE_OUT_OF_MEMORY {
            text = "a response header line is longer than libcurl accepts (100 KiB)"
        } else if kind == .protocolError && code == CURLE_UNSUPPORTED_PROTOCOL {
            text = "the server's answer is not HTTP: \(text)"
        }
        return TransportError(kind: kind, message: "\(text) (curl error \(number))", curlCode: number)
    }

    /// The kind for a code the transport did not cause itself.
    static func kind(for code: CURLcode, context: Context) -> TransportErrorKind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return .dns
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused
        case CURLE_OPERATION_TIMEDOUT:
            return context.connected ? .totalTimeout : connectPhaseTimeout(context.timeouts)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return .proxy
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_WEIRD_SERVER_REPLY, CURLE_PARTIAL_FILE, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2,
             CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR, CURLE_GOT_NOTHING:
            return .protocolError
        case CURLE_RECV_ERROR:
            // libcurl's own cap on the header block (300 KiB) also reports a receive error.
            return context.detail.contains("response headers") ? .protocolError : .readError
        case CURLE_OUT_OF_MEMORY where context.connected:
            // After the request went out, libcurl reports a header line over its 100 KiB limit this way.
            return .protocolError
        case CURLE_SEND_ERROR:
            return .writeError
        case CURLE_UNSUPPORTED_PROTOCOL:
            // Once the request is out, this is the answer: HTTP/0.9 or an unknown version in the status line.
            return context.connected ? .protocolError : .unsupportedProtocol
        case CURLE_URL_MALFORMAT, CURLE_READ_ERROR, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge
        case CURLE_ABORTED_BY_CALLBACK:
            return .interrupted
        default:
            return .other
        }
    }

    /// Before the connection exists, a timeout is the connect limit's unless the total limit is shorter.
    private static func connectPhaseTimeout(_ timeouts: WireTimeouts) -> TransportErrorKind {
        switch (timeouts.connect, timeouts.total) {
        case (.some(let connect), .some(let total)):
            return total < connect ? .totalTimeout : .connectTimeout
        case (nil, .some):
            return .totalTimeout
        default:
            return .connectTimeout
        }
    }
}
