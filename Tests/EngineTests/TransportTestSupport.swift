import Foundation
import FixtureServer
import Testing
@testable import Engine

/// Helpers shared by the transport tests: a server per test, JSON of `/echo`, timing.
enum TransportTestSupport {
    /// Runs `body` with a fresh fixture server (own ports, own log) and a fresh transport.
    static func withServer<T>(_ body: (FixtureServer, CurlTransport) throws -> T) throws -> T {
        let server = try FixtureServer.start()
        defer { server.stop() }
        return try body(server, CurlTransport())
    }

    /// The `/echo` document of a response body.
    static func echo(_ exchange: Exchange) throws -> [String: Any] {
        let body = try #require(exchange.response?.body)
        let object = try JSONSerialization.jsonObject(with: Data(body))
        return try #require(object as? [String: Any])
    }

    /// `[[name, value]]` from an echo document, as header fields.
    static func echoHeaders(_ echo: [String: Any]) -> [HeaderField] {
        (echo["headers"] as? [[String]] ?? []).compactMap { pair in
            pair.count == 2 ? HeaderField(pair[0], pair[1]) : nil
        }
    }

    /// Seconds `body` took on the monotonic clock.
    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let value = try body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (value, seconds)
    }

    /// A temporary file holding `bytes`; the caller removes it.
    static func temporaryFile(_ bytes: [UInt8], name: String = "body.bin") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The fixture's `/bytes/{n}` pattern: byte i is i % 251.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8($0 % 251) }
    }
}
