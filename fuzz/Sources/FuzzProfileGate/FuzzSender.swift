import Engine
import FuzzSupport

/// A `HopSender` whose answers come from fuzz bytes: a status, CORS/redirect/cookie headers, a body,
/// or a transport error. It never touches the network.
final class FuzzSender: HopSender {
    private var answers: FuzzInput
    private(set) var calls = 0

    init(answers: FuzzInput) {
        self.answers = answers
    }

    func send(_ request: WireRequest, kind: ExchangeKind) -> Exchange {
        calls += 1
        let sent = SentRequest(method: request.method, url: request.url, headers: request.headers, bodySize: 0)
        if answers.int(in: 0...7) == 0 {
            let error = TransportError(kind: answers.pick(TransportErrorKind.allCases), message: "fuzz")
            return Exchange(kind: kind, request: sent, response: nil, timings: Timings(), startedAt: 0, error: error)
        }
        var headers: [HeaderField] = []
        for _ in 0..<answers.int(in: 0...8) {
            headers.append(HeaderField(answers.token(FuzzVocabulary.responseHeaders, maxCount: 24),
                                       answers.token(FuzzVocabulary.responseValues, maxCount: 40)))
        }
        let body = answers.data(maxCount: 16)
        let redirect = answers.bool() ? nil : answers.token(FuzzVocabulary.urls + FuzzVocabulary.responseValues, maxCount: 40)
        let response = ReceivedResponse(
            httpVersion: answers.pick(["1.1", "2", "1.0", "3"]), status: answers.pick(FuzzVocabulary.statuses),
            headers: headers, bodySize: Int64(body.count) + Int64(answers.int(in: 0...2)), bodySHA256: "",
            body: body, bodyTruncated: answers.bool(), redirectURL: redirect)
        return Exchange(kind: kind, request: sent, response: response, timings: Timings(), startedAt: 0)
    }
}
