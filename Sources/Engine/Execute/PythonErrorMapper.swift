/// The exception Python sees for a transport failure (profiles.md §2 last row, §6).
enum PythonErrorMapper {
    /// `responseStarted`: the status line and headers had arrived (a failure while reading the body).
    static func map(_ error: TransportError, responseStarted: Bool, url: String, profile: Profile,
                    api: Profile.ClientAPI) -> PythonError? {
        switch error.kind {
        case .bodyTooLarge, .interrupted, .invalidRequest:
            return nil
        default:
            break
        }
        switch profile.errors {
        case .javascript: return javascript(error, responseStarted: responseStarted, url: url, profile: profile, api: api)
        case .httpx: return httpx(error, responseStarted: responseStarted)
        }
    }

    static func isTimeout(_ kind: TransportErrorKind) -> Bool {
        kind == .connectTimeout || kind == .readTimeout || kind == .writeTimeout || kind == .totalTimeout
    }

    private static func javascript(_ error: TransportError, responseStarted: Bool, url: String, profile: Profile,
                                   api: Profile.ClientAPI) -> PythonError {
        if isTimeout(error.kind) {
            // The XHR fallback raises ConnectTimeout for any TimeoutError; fetch paths raise ReadTimeout while reading the body.
            if api != .syncXHR && responseStarted { return PythonError(type: "httpx.ReadTimeout", message: "Request timed out") }
            return PythonError(type: "httpx.ConnectTimeout", message: "Request timed out")
        }
        if api != .syncXHR && responseStarted {
            return PythonError(type: "httpx.ReadError", message: profile.runtime == .node ? "terminated" : "network error")
        }
        return PythonError(type: "httpx.ConnectError", message: JSMessages.networkFailure(url: url, api: api, profile: profile))
    }

    private static func httpx(_ error: TransportError, responseStarted: Bool) -> PythonError {
        switch error.kind {
        case .dns: return PythonError(type: "httpx.ConnectError", message: "[Errno -2] Name or service not known")
        case .connectionRefused: return PythonError(type: "httpx.ConnectError", message: "[Errno 111] Connection refused")
        case .connectTimeout: return PythonError(type: "httpx.ConnectTimeout", message: "timed out")
        case .readTimeout: return PythonError(type: "httpx.ReadTimeout", message: "timed out")
        case .writeTimeout: return PythonError(type: "httpx.WriteTimeout", message: "timed out")
        case .totalTimeout:
            return PythonError(type: responseStarted ? "httpx.ReadTimeout" : "httpx.ConnectTimeout", message: "timed out")
        case .tls: return PythonError(type: "httpx.ConnectError", message: error.message)
        case .proxy: return PythonError(type: "httpx.ProxyError", message: error.message)
        case .protocolError: return PythonError(type: "httpx.RemoteProtocolError", message: error.message)
        case .readError: return PythonError(type: "httpx.ReadError", message: error.message)
        case .writeError: return PythonError(type: "httpx.WriteError", message: error.message)
        case .tooManyRedirects: return PythonError(type: "httpx.TooManyRedirects", message: "Exceeded maximum allowed redirects.")
        case .unsupportedProtocol: return PythonError(type: "httpx.UnsupportedProtocol", message: error.message)
        case .decoding: return PythonError(type: "httpx.DecodingError", message: error.message)
        case .bodyTooLarge, .invalidRequest, .interrupted, .cors, .refusedByRuntime, .other:
            return PythonError(type: "httpx.TransportError", message: error.message)
        }
    }
}
