import NIOCore
import NIOHTTP1

/// Answers a request the HTTP decoder refused, then lets the connection close: `431 Request Header Fields
/// Too Large` when the request head is over the server's caps (``FixtureServer/maxHeaderBytes``,
/// ``FixtureServer/maxHeaderCount``), `400 Bad Request` for any other parse error. NIO's own
/// `HTTPServerProtocolErrorHandler` answers 400 to both; this is the same handler with the 431.
final class ProtocolErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A response head was written and its end was not: no second response may start.
    private var hasUnterminatedResponse = false

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !hasUnterminatedResponse {
            var status = HTTPResponseStatus.badRequest
            if case .headerOverflow = parserError { status = .requestHeaderFieldsTooLarge }
            let headers = HTTPHeaders([("Connection", "close"), ("Content-Length", "0")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.status.code >= 200 { hasUnterminatedResponse = true }
        case .body:
            break
        case .end:
            hasUnterminatedResponse = false
        }
        context.write(data, promise: promise)
    }
}
