import Foundation
import Testing

@testable import FixtureServer

/// Slow checks, off by default: `FIXTURE_LARGE=1 swift test --filter FixtureServerTests.LargeTransferTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FIXTURE_LARGE"] != nil))
struct LargeTransferTests {
    /// Peak resident memory of this process (the server runs in-process), in bytes.
    private func peakResidentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return kilobytes * 1024
    }

    @Test func oneGibibyteStreamsWithFlatMemory() throws {
        try withServer { server in
            let before = peakResidentBytes()
            let gib = 1 << 30
            for suffix in ["", "?chunked=1"] {
                let response = try curl(["\(server.baseURL)/bytes/\(gib)\(suffix)"], writeOut: "%{size_download}", discardBody: true)
                #expect(response.writeOut == String(gib))
            }
            let growth = peakResidentBytes() - before
            #expect(growth < 32 << 20, "peak resident memory grew by \(growth) bytes")
        }
    }

    @Test func tenThousandSequentialRequestsOnOneConnection() throws {
        try withServer { server in
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-urls-\(UUID().uuidString)")
            let lines = (0..<10_000).map { _ in "url = \"\(server.baseURL)/get\"\noutput = \"/dev/null\"\n" }
            try lines.joined().write(to: config, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: config) }
            let start = Date()
            let response = try curl(["-K", config.path], writeOut: "%{num_connects}\n")
            let elapsed = Date().timeIntervalSince(start)
            let connects = response.writeOut.split(separator: "\n").compactMap { Int($0) }.reduce(0, +)
            #expect(connects == 1)
            #expect(server.requestLog().count == 10_000)
            print("10,000 keep-alive requests in \(elapsed) s")
        }
    }
}
