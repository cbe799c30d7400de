import Synchronization
import Testing
@testable import Engine

/// A clock tests move by hand; the scripted sender advances it by each answer's delay.
final class FakeClock: Sendable {
    private let value = Mutex<Double>(1000)
    var now: Double { value.withLock { $0 } }
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
}

/// One scripted answer of the fake sender.
struct Scripted {
    var status: Int = 200
    var headers: [HeaderField] = []
    var body: [UInt8] = []
    var redirectURL: String?
    var error: TransportErrorKind?
    /// Seconds the hop takes; when it exceeds the hop's total timeout the answer becomes a timeout.
    var delay: Double = 0
    /// Seconds until the headers arrive (a timeout after this point happens while reading the body).
    var headerDelay: Double?

    static func ok(_ headers: [(String, String)] = [], body: String = "") -> Scripted {
        Scripted(status: 200, headers: headers.map { HeaderField($0.0, $0.1) }, body: Array(body.utf8))
    }
    static func status(_ code: Int, _ headers: [(String, String)] = []) -> Scripted {
        Scripted(status: code, headers: headers.map { HeaderField($0.0, $0.1) })
    }
    static func redirect(_ code: Int, to url: String, _ headers: [(String, String)] = []) -> Scripted {
        Scripted(status: code, headers: headers.map { HeaderField($0.0, $0.1) } + [HeaderField("Location", url)], redirectURL: url)
    }
    static func failing(_ kind: TransportErrorKind) -> Scripted { Scripted(error: kind) }
}

/// A `HopSender` that answers from a script and records every request it was asked to send.
final class ScriptedSender: HopSender {
    var sent: [(request: WireRequest, kind: ExchangeKind)] = []
    let clock: FakeClock
    let answer: (WireRequest, ExchangeKind, Int) -> Scripted

    init(clock: FakeClock, answer: @escaping (WireRequest, ExchangeKind, Int) -> Scripted) {
        self.clock = clock
        self.answer = answer
    }

    func send(_ request: WireRequest, kind: ExchangeKind) -> Exchange {
        let index = sent.count
        sent.append((request, kind))
        let script = answer(request, kind, index)
        let sentRequest = SentRequest(method: request.method, url: request.url, headers: request.headers, bodySize: 0)
        if let total = request.timeouts.total, script.delay > total {
            clock.advance(total)
            let headersArrived = (script.headerDelay ?? script.delay) < total
            let response = headersArrived ? received(script) : nil
            return Exchange(kind: kind, request: sentRequest, response: response, timings: Timings(), startedAt: 0,
                            error: TransportError(kind: .totalTimeout, message: "timed out after \(total) s"))
        }
        clock.advance(script.delay)
        if let error = script.error {
            return Exchange(kind: kind, request: sentRequest, response: nil, timings: Timings(), startedAt: 0,
                            error: TransportError(kind: error, message: "scripted \(error.rawValue)"))
        }
        return Exchange(kind: kind, request: sentRequest, response: received(script), timings: Timings(), startedAt: 0)
    }

    private func received(_ s: Scripted) -> ReceivedResponse {
        ReceivedResponse(httpVersion: "1.1", status: s.status, headers: s.headers, bodySize: Int64(s.body.count),
                         bodySHA256: "", body: s.body, bodyTruncated: false, redirectURL: s.redirectURL)
    }

    var preflights: [WireRequest] { sent.filter { $0.kind == .preflight }.map(\.request) }
    var actual: [WireRequest] { sent.filter { $0.kind != .preflight }.map(\.request) }
}

/// The page and API origins of the cases in profiles.md §5.
enum TestOrigins {
    static let page = "http://localhost:8000"
    static let api = "http://127.0.0.1:9000"
}

/// Runs one request under a profile against a script.
func runScripted(_ profile: Profile, _ spec: RequestSpec, mode: ClientMode = .sync, credentials: CredentialsMode = .sameOrigin,
                 strict: Bool = false, origin: String = TestOrigins.page, state: ProfileRunState? = nil, clock: FakeClock = FakeClock(),
                 answer: @escaping (WireRequest, ExchangeKind, Int) -> Scripted) -> (RequestExecution, ScriptedSender) {
    let sender = ScriptedSender(clock: clock, answer: answer)
    let runState = state ?? ProfileRunState(monotonic: { clock.now }, wall: { 1_700_000_000 + clock.now })
    let settings = ExecutionSettings(profile: profile, settings: RunSettings(mode: mode, origin: origin, credentials: credentials, strict: strict))
    let result = RequestExecutor.execute(spec, settings: settings, state: runState, sender: sender)
    return (result, sender)
}

extension WireRequest {
    func header(_ name: String) -> String? { headers.joinedValue(for: name) }
}

extension ObservedResponse {
    func header(_ name: String) -> String? { headers.joinedValue(for: name) }
}

extension RequestExecution {
    func has(_ code: String) -> Bool { effects.contains { $0.code == code } }
    func effect(_ code: String) -> Effect? { effects.first { $0.code == code } }
}

/// The JS profiles and the browser ones, for parameterised tests.
enum Profiles {
    static let browsers: [Profile] = [.browserMain, .browserWorker, .browserMainJSPI, .browserWorkerJSPI]
    static let nodes: [Profile] = [.nodeJSPI]
    static let javascript: [Profile] = browsers + [.nodeJSPI]
    static let all: [Profile] = ProfileCatalog.builtIns
}

func spec(_ method: String = "GET", _ url: String = TestOrigins.api + "/get", headers: [(String, String)] = [],
          body: [UInt8]? = nil, options: ResolvedOptions = ResolvedOptions()) -> RequestSpec {
    RequestSpec(method: method, url: url, headers: headers.map { HeaderField($0.0, $0.1) },
                body: body.map(RequestBody.bytes) ?? .none, options: options)
}

extension Profile: CustomTestStringConvertible {
    public var testDescription: String { name }
}
