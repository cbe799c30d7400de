import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The built-in httpbin-like HTTP/1.1 server used by the demo collections, the tests and
/// `workbench serve`.
///
/// It listens on two ports so that two origins exist on one machine: the *page* port
/// (``pageURL``, `http://localhost:<port>`) and the *base* port (``baseURL``,
/// `http://127.0.0.1:<port>`, cross-origin to the page). Both serve the same routes and share one
/// request log. See `StaticRoutes.index()` for the route list. With
/// ``FixtureServerConfiguration/tls`` set, a third listener serves the same routes over HTTPS
/// (``httpsURL``).
public final class FixtureServer: Sendable {
    /// The port of the page origin.
    public let pagePort: Int
    /// The port of the base origin.
    public let basePort: Int
    /// The port of the HTTPS listener; `nil` unless the configuration asked for one.
    public let httpsPort: Int?

    private let group: MultiThreadedEventLoopGroup
    private let channels: [any Channel]
    private let log: RequestLog
    private let stopped = Mutex(false)
    private let baseHost: String
    private let httpsHost: String?

    /// `http://localhost:<pagePort>`: the default browser page origin.
    public var pageURL: String { "http://localhost:\(pagePort)" }

    /// `http://127.0.0.1:<basePort>`: an origin cross-origin to ``pageURL``.
    public var baseURL: String { "http://\(baseHost):\(basePort)" }

    /// `https://127.0.0.1:<httpsPort>` when the certificate names `127.0.0.1`, else
    /// `https://localhost:<httpsPort>`; `nil` without a TLS listener.
    public var httpsURL: String? {
        guard let httpsHost, let httpsPort else { return nil }
        return "https://\(httpsHost):\(httpsPort)"
    }

    private init(group: MultiThreadedEventLoopGroup, channels: [any Channel], log: RequestLog, pagePort: Int, basePort: Int, baseHost: String,
                 https: TLSListener.Bound?) {
        self.group = group
        self.channels = channels
        self.log = log
        self.pagePort = pagePort
        self.basePort = basePort
        self.baseHost = baseHost
        self.httpsPort = https?.port
        self.httpsHost = https?.urlHost
    }

    /// The largest request head accepted (names and values of all header lines); larger is answered 431.
    public static let maxHeaderBytes = 64 << 10
    /// The most header lines a request may have; more is answered 431.
    public static let maxHeaderCount = 500

    /// Starts the listeners (two, or three with TLS) and returns once they are bound.
    ///
    /// - Throws: when a port cannot be bound (in use, not permitted) or the host is invalid;
    ///   ``FixtureTLSError`` when a TLS file cannot be used.
    public static func start(_ configuration: FixtureServerConfiguration = .init()) throws -> FixtureServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let log = RequestLog()
        let maxBodyBytes = max(0, configuration.maxBodyBytes)
        let addHTTPHandlers: @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void = { sync in
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderListSize = maxHeaderBytes
            limits.maxHeaderFieldSize = maxHeaderBytes
            limits.maxHeaderFieldCount = maxHeaderCount
            try sync.configureHTTPServerPipeline(withErrorHandling: false, withEncoderConfiguration: .init(),
                                                 withDecoderLimitConfiguration: limits)
            try sync.addHandler(ProtocolErrorHandler())
            try sync.addHandler(FixtureHTTPHandler(log: log, maxBodyBytes: maxBodyBytes))
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try addHTTPHandlers(channel.pipeline.syncOperations)
                }
            }
        do {
            let page = try bindPage(bootstrap, configuration: configuration)
            let base = try bootstrap.bind(host: configuration.host, port: configuration.basePort).wait()
            let basePort = base.localAddress?.port ?? configuration.basePort
            let https = try configuration.tls.map {
                try TLSListener.bind(group: group, host: configuration.host, tls: $0, addHTTPHandlers: addHTTPHandlers)
            }
            let baseHost = isAnyOrLoopback(configuration.host) ? "127.0.0.1" : hostForURL(configuration.host)
            return FixtureServer(
                group: group,
                channels: page.channels + [base] + (https.map { [$0.channel] } ?? []),
                log: log,
                pagePort: page.port,
                basePort: basePort,
                baseHost: baseHost,
                https: https
            )
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    /// Binds the page port on `host` and, for loopback, on `[::1]` too. With port 0 it retries a
    /// few times when the free IPv4 port happens to be taken on IPv6.
    private static func bindPage(_ bootstrap: ServerBootstrap, configuration: FixtureServerConfiguration) throws
        -> (channels: [any Channel], port: Int)
    {
        let alsoIPv6 = configuration.host == "127.0.0.1" || configuration.host == "localhost"
        var attempt = 0
        while true {
            attempt += 1
            let v4 = try bootstrap.bind(host: configuration.host, port: configuration.pagePort).wait()
            let port = v4.localAddress?.port ?? configuration.pagePort
            guard alsoIPv6 else { return ([v4], port) }
            do {
                let v6 = try bootstrap.bind(host: "::1", port: port).wait()
                return ([v4, v6], port)
            } catch let error as IOError where error.errnoCode == EADDRINUSE && configuration.pagePort == 0 && attempt < 5 {
                try? v4.close().wait()
                continue
            } catch {
                // No IPv6 loopback here (or the port is taken on it and was chosen by the user): IPv4 only.
                return ([v4], port)
            }
        }
    }

    private static func isAnyOrLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "0.0.0.0" || host == "localhost"
    }

    private static func hostForURL(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// Everything that reached the server, both ports, in arrival order (requests to `/__log` excluded).
    public func requestLog() -> [LoggedRequest] {
        log.snapshot()
    }

    /// Empties the request log.
    public func clearLog() {
        log.clear()
    }

    /// Closes the listeners and their connections and stops the event loop threads. Idempotent.
    ///
    /// Do not call it from a task running on the server's own event loops.
    public func stop() {
        let alreadyStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !alreadyStopped else { return }
        for channel in channels {
            try? channel.close().wait()
        }
        try? group.syncShutdownGracefully()
    }

    deinit {
        stop()
    }
}
