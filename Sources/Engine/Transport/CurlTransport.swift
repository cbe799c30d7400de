import CCurl

/// The HTTP transport: one libcurl easy handle, reused for every request so that connections stay
/// alive across a run, driven through a private multi handle so that read/write silences and
/// cancellation are checked precisely.
///
/// It sends exactly what a `WireRequest` says and never follows redirects. Only `http` and `https`
/// are allowed; TLS verification is on unless a request turns it off. `perform` never throws: a
/// failure is in `Exchange.error`. An instance serves one thread at a time (it is not `Sendable`);
/// create one per lane.
public final class CurlTransport {
    private let session: CurlSession?

    /// Creates the handles. `cancellation`, when set, stops transfers in progress with `.interrupted`.
    public init(cancellation: CancellationFlag? = nil) {
        Self.globalInit()
        session = CurlSession(cancellation: cancellation)
    }

    private static let globalInitResult: CURLcode = wb_global_init()

    /// Initialises libcurl once for the process (idempotent). Call it before starting threads.
    public static func globalInit() {
        _ = globalInitResult
    }

    /// The linked libcurl's version, e.g. `7.88.1`.
    public static var libcurlVersion: String {
        String(cString: wb_version_string())
    }

    /// New connections this transport opened so far (the sum of `CURLINFO_NUM_CONNECTS`);
    /// stays at 1 while keep-alive reuses one connection.
    public var connectionsOpened: Int { session?.connectionsOpened ?? 0 }

    /// Sends one request and reports what happened on the wire. Never throws; a request that fails
    /// validation (CR/LF in a header, an unreadable body file, …) is not sent at all.
    public func perform(_ request: WireRequest, kind: ExchangeKind) -> Exchange {
        guard let session else {
            let error = TransportError(kind: .other, message: "libcurl could not be initialised (curl_global_init "
                                       + "returned \(Self.globalInitResult.rawValue), or out of memory)")
            return CurlSession.notSent(request, kind: kind, startedAt: Clocks.wallSeconds(), error: error)
        }
        return session.perform(request, kind: kind)
    }
}
