import NIOCore
import NIOPosix
import NIOSSL

/// The fixture server's optional HTTPS listener: the same routes as the HTTP listeners, behind a
/// NIOSSL handler, on the configuration's host.
enum TLSListener {
    /// A bound HTTPS listener and the host name its URL uses.
    struct Bound {
        var channel: any Channel
        var port: Int
        /// `127.0.0.1` when the certificate names that address, otherwise `localhost` (loopback binds),
        /// or the bound host itself.
        var urlHost: String
    }

    /// Loads the PEM files, builds the TLS context and binds the listener. `addHTTPHandlers` installs
    /// the HTTP pipeline after the TLS handler on each accepted connection.
    static func bind(
        group: any EventLoopGroup, host: String, tls: FixtureTLS,
        addHTTPHandlers: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
    ) throws -> Bound {
        let (context, leaf) = try makeContext(tls)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(NIOSSLServerHandler(context: context))
                    try addHTTPHandlers(sync)
                }
            }
        let channel = try bootstrap.bind(host: host, port: tls.port).wait()
        let port = channel.localAddress?.port ?? tls.port
        return Bound(channel: channel, port: port, urlHost: urlHost(for: leaf, boundTo: host))
    }

    /// The server context (HTTP/1.1 only over ALPN; client certificates required when a client CA is
    /// given) and the leaf certificate.
    static func makeContext(_ tls: FixtureTLS) throws -> (NIOSSLContext, NIOSSLCertificate) {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath)
        } catch {
            throw FixtureTLSError("cannot read the certificate chain \(tls.certificateChainPath): \(error)")
        }
        guard let leaf = chain.first else {
            throw FixtureTLSError("no PEM certificate in \(tls.certificateChainPath)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
        } catch {
            throw FixtureTLSError("cannot read the private key \(tls.privateKeyPath): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.applicationProtocols = ["http/1.1"]
        if let clientCA = tls.clientCAPath {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .file(clientCA)
        }
        do {
            return (try NIOSSLContext(configuration: configuration), leaf)
        } catch {
            throw FixtureTLSError("cannot use \(tls.certificateChainPath) with \(tls.privateKeyPath)"
                                  + (tls.clientCAPath.map { " and client CAs \($0)" } ?? "") + ": \(error)")
        }
    }

    /// The host for ``FixtureServer/httpsURL``: on loopback, `127.0.0.1` when the certificate's
    /// subject alternative names include that address, else `localhost`; otherwise the bound host.
    static func urlHost(for leaf: NIOSSLCertificate, boundTo host: String) -> String {
        guard host == "127.0.0.1" || host == "0.0.0.0" || host == "localhost" else {
            return host.contains(":") ? "[\(host)]" : host
        }
        let namesLoopbackAddress = leaf._subjectAlternativeNames().contains { name in
            name.nameType == .ipAddress && Array(name.contents) == [127, 0, 0, 1]
        }
        return namesLoopbackAddress ? "127.0.0.1" : "localhost"
    }
}
