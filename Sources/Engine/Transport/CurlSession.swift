import CCurl

/// The libcurl side of a `CurlTransport`: one easy handle reused for every request (its
/// connections live in the multi handle's cache, so they stay alive between requests), the multi
/// handle that drives it, the callbacks' state and the error buffer.
final class CurlSession {
    let easy: UnsafeMutableRawPointer
    let multi: UnsafeMutableRawPointer
    let state: TransferState
    /// libcurl's `CURLOPT_ERRORBUFFER`, `CURL_ERROR_SIZE` bytes, owned for the handle's lifetime.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// New connections opened so far (the sum of `CURLINFO_NUM_CONNECTS`).
    var connectionsOpened = 0

    /// `nil` when libcurl cannot allocate its handles.
    init?(cancellation: CancellationFlag?) {
        guard let easy = curl_easy_init() else { return nil }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(easy)
            return nil
        }
        // Keep connections to several origins (page, API, proxies) alive between requests.
        _ = wb_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 16)
        self.easy = easy
        self.multi = multi
        self.state = TransferState(cancellation: cancellation)
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_multi_cleanup(multi)
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Validates, prepares the body and runs one transfer.
    func perform(_ request: WireRequest, kind: ExchangeKind) -> Exchange {
        let startedAt = Clocks.wallSeconds()
        if let problem = RequestValidation.problem(in: request) {
            return Self.notSent(request, kind: kind, startedAt: startedAt,
                                error: TransportError(kind: .invalidRequest, message: problem))
        }
        if let cancellation = state.cancellation, cancellation.isCancelled {
            return Self.notSent(request, kind: kind, startedAt: startedAt,
                                error: TransportError(kind: .interrupted, message: "cancelled before sending"))
        }
        if request.method == "HEAD" {
            return run(request, kind: kind, startedAt: startedAt, body: .none)
        }
        switch request.body {
        case .none:
            return run(request, kind: kind, startedAt: startedAt, body: .none)
        case .bytes(let bytes):
            return bytes.withUnsafeBufferPointer { run(request, kind: kind, startedAt: startedAt, body: .bytes($0)) }
        case .file(let path):
            let file: UploadFile
            switch UploadFile.open(path) {
            case .success(let opened): file = opened
            case .failure(let error): return Self.notSent(request, kind: kind, startedAt: startedAt, error: error)
            }
            defer { file.close() }
            return run(request, kind: kind, startedAt: startedAt, body: .file(file))
        case .multipart(let parts):
            let mime: OpaquePointer
            switch MultipartBuilder.build(parts, easy: easy) {
            case .success(let built): mime = built
            case .failure(let error): return Self.notSent(request, kind: kind, startedAt: startedAt, error: error)
            }
            defer {
                _ = wb_easy_setopt_mimepost(easy, nil)
                curl_mime_free(mime)
            }
            return run(request, kind: kind, startedAt: startedAt, body: .multipart(mime))
        }
    }

    /// One transfer with its body resources prepared and kept alive by the caller.
    private func run(_ request: WireRequest, kind: ExchangeKind, startedAt: Double, body: PreparedBody) -> Exchange {
        curl_easy_reset(easy)
        state.begin(request, uploadSize: body.knownSize)
        errorBuffer[0] = 0
        guard let headerList = HeaderListBuilder.build(request, body: body) else {
            return Self.notSent(request, kind: kind, startedAt: startedAt,
                                error: TransportError(kind: .other, message: "could not allocate the header list"))
        }
        defer { curl_slist_free_all(headerList) }
        let configured = configure(request, body: body, headerList: headerList)
        guard configured == CURLE_OK else {
            let errorKind: TransportErrorKind =
                configured == CURLE_UNSUPPORTED_PROTOCOL || configured == CURLE_NOT_BUILT_IN ? .unsupportedProtocol : .invalidRequest
            let text = String(cString: curl_easy_strerror(configured))
            return Self.notSent(request, kind: kind, startedAt: startedAt, error: TransportError(
                kind: errorKind, message: "libcurl refused an option: \(text) (curl error \(configured.rawValue))",
                curlCode: Int(configured.rawValue)))
        }
        let outcome = drive()
        return collect(request, kind: kind, startedAt: startedAt, outcome: outcome)
    }

    /// The exchange of a request that never reached the wire: the request as given, no response.
    static func notSent(_ request: WireRequest, kind: ExchangeKind, startedAt: Double, error: TransportError) -> Exchange {
        Exchange(
            kind: kind,
            request: SentRequest(method: request.method, url: request.url, headers: request.headers, bodySize: 0),
            response: nil, timings: Timings(), startedAt: startedAt, error: error)
    }
}
