import NIOCore
import NIOHTTP1

/// What a route answers, before the handler frames and writes it.
struct FixtureResponse {
    enum Body {
        case none
        case buffer(ByteBuffer)
        /// `count` deterministic bytes (byte i = i % 251), streamed with backpressure.
        case pattern(count: Int, chunked: Bool)
        /// A broken answer played by ``FaultWriter`` (`/fault/...`); the connection closes after it.
        case fault(FaultAction)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: Body
    /// Milliseconds to wait before answering.
    var delayMilliseconds: Int64 = 0

    init(status: HTTPResponseStatus, headers: HTTPHeaders = HTTPHeaders(), body: Body = .none) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ value: JSON, status: HTTPResponseStatus = .ok) -> FixtureResponse {
        bytes(value.bodyBytes, contentType: "application/json", status: status)
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponseStatus = .ok)
        -> FixtureResponse
    {
        FixtureResponse(
            status: status,
            headers: ["Content-Type": contentType],
            body: .buffer(ByteBuffer(string: text))
        )
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponseStatus = .ok) -> FixtureResponse {
        FixtureResponse(
            status: status,
            headers: ["Content-Type": contentType],
            body: .buffer(ByteBuffer(bytes: bytes))
        )
    }

    static func empty(_ status: HTTPResponseStatus) -> FixtureResponse {
        FixtureResponse(status: status)
    }

    /// A short plain-text answer such as `400 Bad Request: delay must be a number`.
    static func error(_ status: HTTPResponseStatus, _ message: String) -> FixtureResponse {
        text("\(status.code) \(status.reasonPhrase): \(message)\n", status: status)
    }
}

/// A request the server refuses with `400 Bad Request` (bad parameters, unsafe header values).
struct BadRequest: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
