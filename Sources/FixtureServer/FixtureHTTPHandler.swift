import NIOCore
import NIOHTTP1

/// Per-connection handler: buffers each request (up to the body cap), logs it, asks the
/// ``Router`` for the answer and writes it, after any requested delay.
///
/// Runs behind NIO's server pipeline, so keep-alive and pipelined requests arrive one at a time:
/// the next request is delivered only after the previous response's end was written.
final class FixtureHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer?)
        /// The request was refused (413) mid-way; its remaining parts are ignored and the connection closes.
        case refused
    }

    private var state = State.idle
    private let router: Router
    private let log: RequestLog
    private let maxBodyBytes: Int
    private var localPort = 0

    init(log: RequestLog, maxBodyBytes: Int) {
        self.log = log
        self.router = Router(log: log)
        self.maxBodyBytes = maxBodyBytes
    }

    func handlerAdded(context: ChannelHandlerContext) {
        localPort = context.channel.localAddress?.port ?? 0
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init), declared > maxBodyBytes {
                refuse(context: context, head: head, received: 0)
                return
            }
            state = .receiving(head, nil)
            if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(var chunk):
            guard case .receiving(let head, let existing) = state else { return }
            state = .idle  // drop the enum's reference so the append below does not copy
            let received = (existing?.readableBytes ?? 0) + chunk.readableBytes
            guard received <= maxBodyBytes else {
                refuse(context: context, head: head, received: received)
                return
            }
            if var body = existing {
                body.writeBuffer(&chunk)
                state = .receiving(head, body)
            } else {
                state = .receiving(head, chunk)
            }
        case .end:
            guard case .receiving(let head, let body) = state else { return }
            state = .idle
            handle(context: context, request: FixtureRequest(head: head, port: localPort, body: body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    // MARK: - Answering

    private func handle(context: ChannelHandlerContext, request: FixtureRequest) {
        if request.path != LogRoute.path {
            log.append(logEntry(request, bodySize: request.bodySize))
        }
        let response = router.response(for: request)
        let keepAlive = request.head.isKeepAlive
        if response.delayMilliseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(response.delayMilliseconds)) {
                self.write(response, to: request.head, keepAlive: keepAlive, context: context)
            }
        } else {
            write(response, to: request.head, keepAlive: keepAlive, context: context)
        }
    }

    private func refuse(context: ChannelHandlerContext, head: HTTPRequestHead, received: Int) {
        state = .refused
        let request = FixtureRequest(head: head, port: localPort, body: nil)
        if request.path != LogRoute.path {
            log.append(logEntry(request, bodySize: received))
        }
        let response = FixtureResponse.error(.payloadTooLarge, "request bodies are limited to \(maxBodyBytes) bytes")
        write(response, to: head, keepAlive: false, context: context)
    }

    private func logEntry(_ request: FixtureRequest, bodySize: Int) -> LoggedRequest {
        LoggedRequest(
            port: request.port,
            method: request.method,
            path: request.path,
            query: request.rawQuery,
            headers: request.head.headers.map { LoggedHeader(name: $0.name, value: $0.value) },
            bodySize: bodySize
        )
    }

    private func write(_ response: FixtureResponse, to head: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        if case .fault(let action) = response.body {
            FaultWriter.play(action, headers: response.headers, version: head.version, context: context)
            return
        }
        var headers = response.headers
        let sendsBody = head.method != .HEAD && response.status.mayHaveResponseBody
        var stream: Int?
        switch response.body {
        case .none:
            if response.status.mayHaveResponseBody { headers.replaceOrAdd(name: "Content-Length", value: "0") }
        case .buffer(let buffer):
            headers.replaceOrAdd(name: "Content-Length", value: String(buffer.readableBytes))
        case .pattern(let count, let chunked):
            if chunked && head.version.major == 1 && head.version.minor >= 1 {
                headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            } else {
                headers.replaceOrAdd(name: "Content-Length", value: String(count))
            }
            stream = count
        case .fault:
            break
        }
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if head.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }

        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: response.status, headers: headers))),
            promise: nil
        )
        if sendsBody {
            if case .buffer(let buffer) = response.body, buffer.readableBytes > 0 {
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
            if let stream, stream > 0 {
                context.flush()
                streamPattern(context: context, total: stream, sent: 0, keepAlive: keepAlive)
                return
            }
        }
        finish(context: context, keepAlive: keepAlive)
    }

    /// Streams the pattern with backpressure: chunks are written while the channel stays
    /// writable (at most a small burst per event-loop turn); once it is not, the next chunk waits
    /// for the last write to complete. Continuations hop through the event loop so a long stream
    /// never deepens the stack. Chunks are slices of one shared buffer, so memory stays flat.
    private func streamPattern(context: ChannelHandlerContext, total: Int, sent alreadySent: Int, keepAlive: Bool) {
        var sent = alreadySent
        var burst = 0
        var lastWrite: EventLoopFuture<Void>
        repeat {
            let length = min(PatternBytes.chunkSize, total - sent)
            lastWrite = context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(PatternBytes.slice(offset: sent, length: length)))))
            sent += length
            burst += 1
        } while sent < total && burst < 16 && context.channel.isWritable
        if sent >= total {
            finish(context: context, keepAlive: keepAlive)
            return
        }
        let loop = context.eventLoop.assumeIsolated()
        lastWrite.assumeIsolated().whenComplete { result in
            switch result {
            case .success:
                loop.execute {
                    self.streamPattern(context: context, total: total, sent: sent, keepAlive: keepAlive)
                }
            case .failure:
                context.close(promise: nil)
            }
        }
    }

    private func finish(context: ChannelHandlerContext, keepAlive: Bool) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
