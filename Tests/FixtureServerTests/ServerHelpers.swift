import FixtureServer

/// Starts a fixture server on free ports for the duration of `body`.
func withServer(
    _ configuration: FixtureServerConfiguration = .init(),
    _ body: (FixtureServer) throws -> Void
) throws {
    let server = try FixtureServer.start(configuration)
    defer { server.stop() }
    try body(server)
}
