import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plays one ``FaultAction`` on a connection. Runs on the connection's event loop; every fault
/// ends by closing the connection (normally or with a reset), so the pipeline never waits for a
/// response end that will not come.
///
/// Raw bytes (a garbage status line) are written from the `HTTPResponseEncoder`'s own context, so they
/// go to the socket (through TLS when there is TLS) without being framed as HTTP.
final class FaultWriter {
    private let context: ChannelHandlerContext
    private let version: HTTPVersion
    private let headers: HTTPHeaders

    private init(context: ChannelHandlerContext, version: HTTPVersion, headers: HTTPHeaders) {
        self.context = context
        self.version = version
        self.headers = headers
    }

    /// Starts `action` on the connection of `context` (the fixture handler's). `headers` are the
    /// route's (CORS and `header=` ones included).
    static func play(_ action: FaultAction, headers: HTTPHeaders, version: HTTPVersion, context: ChannelHandlerContext) {
        FaultWriter(context: context, version: version, headers: headers).play(action)
    }

    private func play(_ action: FaultAction) {
        switch action {
        case .resetBeforeStatus:
            reset()
        case .resetMidBody(let declared, let sent):
            writeHead(contentLength: declared)
            whenDone(writeBody(PatternBytes.slice(offset: 0, length: sent))) {
                // Let the client read what was sent before the reset discards it (generous: loaded CI machines).
                self.later(milliseconds: 500) { self.reset() }
            }
        case .truncatedChunked(let chunks, let chunkSize):
            writeHead(contentLength: nil)
            for index in 0..<chunks {
                _ = writeBody(PatternBytes.slice(offset: index * chunkSize, length: chunkSize))
            }
            closeAfterFlush()
        case .shortBody(let declared, let sent):
            writeHead(contentLength: declared)
            _ = writeBody(PatternBytes.slice(offset: 0, length: sent))
            closeAfterFlush()
        case .stalledBody(let declared, let sent, let holdSeconds):
            writeHead(contentLength: declared)
            _ = writeBody(PatternBytes.slice(offset: 0, length: sent))
            later(milliseconds: Int64(holdSeconds) * 1000) { self.context.close(promise: nil) }
        case .slowDrip(let bytes, let interval):
            writeHead(contentLength: bytes)
            context.flush()
            drip(sent: 0, total: bytes, interval: interval)
        case .raw(let bytes):
            writeRaw(bytes)
        case .gzipBomb(let segments):
            var bombHeaders = headers
            bombHeaders.replaceOrAdd(name: "Content-Encoding", value: "gzip")
            writeHead(contentLength: nil, headers: bombHeaders)
            _ = writeBody(ByteBuffer(bytes: GzipBomb.header))
            streamBomb(sent: 0, total: segments)
        }
    }

    // MARK: Steps

    private func writeHead(contentLength: Int?, headers extra: HTTPHeaders? = nil) {
        var head = extra ?? headers
        if let contentLength {
            head.replaceOrAdd(name: "Content-Length", value: String(contentLength))
        } else {
            head.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        }
        head.replaceOrAdd(name: "Connection", value: "close")
        let part = HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: .ok, headers: head))
        context.write(NIOAny(part), promise: nil)
    }

    private func writeBody(_ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))))
    }

    /// Sends `bytes` as they are, bypassing the response encoder, then closes.
    private func writeRaw(_ bytes: [UInt8]) {
        guard let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
            context.close(promise: nil)
            return
        }
        whenDone(encoder.writeAndFlush(NIOAny(ByteBuffer(bytes: bytes)))) { self.context.close(promise: nil) }
    }

    /// Closes once everything written so far has gone out (a normal FIN, no end of message).
    private func closeAfterFlush() {
        whenDone(context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer()))))) {
            self.context.close(promise: nil)
        }
    }

    /// Closes with a TCP reset (SO_LINGER on, zero seconds) instead of a FIN.
    private func reset() {
        guard let provider = context.channel as? any SocketOptionProvider else {
            context.close(promise: nil)
            return
        }
        whenDone(provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))) {
            self.context.close(promise: nil)
        }
    }

    private func drip(sent: Int, total: Int, interval: Int64) {
        guard context.channel.isActive else { return }
        guard sent < total else {
            whenDone(context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))) { self.context.close(promise: nil) }
            return
        }
        later(milliseconds: sent == 0 ? 0 : interval) {
            guard self.context.channel.isActive else { return }
            _ = self.writeBody(PatternBytes.slice(offset: sent, length: 1))
            self.drip(sent: sent + 1, total: total, interval: interval)
        }
    }

    /// Streams the segments with backpressure (a burst while writable, then wait for the last write).
    private func streamBomb(sent alreadySent: Int, total: Int) {
        var sent = alreadySent
        var burst = 0
        var last: EventLoopFuture<Void>?
        while sent < total && burst < 64 && context.channel.isWritable {
            last = writeBody(Self.segmentBuffer)
            sent += 1
            burst += 1
        }
        if sent >= total {
            _ = writeBody(ByteBuffer(bytes: GzipBomb.trailer(segments: total)))
            whenDone(context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))) { self.context.close(promise: nil) }
            return
        }
        let next = { (result: Result<Void, any Error>) in
            switch result {
            case .success: self.context.eventLoop.assumeIsolated().execute { self.streamBomb(sent: sent, total: total) }
            case .failure: self.context.close(promise: nil)
            }
        }
        if let last {
            last.assumeIsolated().whenComplete(next)
        } else {
            // Not writable before the first write of this turn: try again once the loop has drained a little.
            later(milliseconds: 1) { next(.success(())) }
        }
    }

    /// Runs `body` on the event loop once `future` completes, whatever the result.
    private func whenDone<T>(_ future: EventLoopFuture<T>, _ body: @escaping () -> Void) {
        future.assumeIsolated().whenComplete { _ in body() }
    }

    private func later(milliseconds: Int64, _ body: @escaping () -> Void) {
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) { body() }
    }

    private static let segmentBuffer = ByteBuffer(bytes: GzipBomb.segment)
}
