/// Where and how the fixture server listens.
///
/// Port `0` asks the system for a free port; read the chosen ports back from
/// ``FixtureServer/pagePort`` and ``FixtureServer/basePort``.
public struct FixtureServerConfiguration: Sendable {
    /// The IPv4 address both listeners bind. The page listener also tries `[::1]` on its port
    /// when this is the loopback address, because `localhost` may resolve to `::1` first.
    public var host: String = "127.0.0.1"
    /// The port of the page origin (`http://localhost:<pagePort>`); `0` picks a free one.
    public var pagePort: Int = 0
    /// The port of the base origin (`http://127.0.0.1:<basePort>`); `0` picks a free one.
    public var basePort: Int = 0
    /// Request bodies larger than this are answered `413 Payload Too Large`.
    public var maxBodyBytes: Int = 64 << 20
    /// When set, a third listener serves the same routes over HTTPS on ``host``
    /// (``FixtureServer/httpsURL``).
    public var tls: FixtureTLS?

    /// Creates a configuration; every argument has the documented default.
    public init(host: String = "127.0.0.1", pagePort: Int = 0, basePort: Int = 0, maxBodyBytes: Int = 64 << 20, tls: FixtureTLS? = nil) {
        self.host = host
        self.pagePort = pagePort
        self.basePort = basePort
        self.maxBodyBytes = maxBodyBytes
        self.tls = tls
    }
}
