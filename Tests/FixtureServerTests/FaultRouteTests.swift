import Foundation
import FixtureServer
import Glibc
import Testing

/// `/fault/{name}`: each fault does on the wire what docs/fixture-server.md says, seen through a raw
/// socket (resets, closes, silences, exact bytes) or curl (redirects, the gzip bomb's decoded size).
@Suite("Fault routes", .serialized)
struct FaultRouteTests {
    @Test func resetBeforeTheStatusLine() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/reset-before-status")
            #expect(wire.bytes.isEmpty)
            #expect(wire.end == .reset)
        }
    }

    @Test func resetMidBody() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/reset-mid-body")
            #expect(wire.head.contains("HTTP/1.1 200 OK"))
            #expect(wire.head.lowercased().contains("content-length: 65536"))
            #expect(wire.body.count < 65_536)
            #expect(wire.end == .reset)
        }
    }

    @Test func truncatedChunkedEncoding() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/truncated-chunked")
            #expect(wire.head.lowercased().contains("transfer-encoding: chunked"))
            #expect(wire.body.occurrences(of: "3e8\r\n") == 3, "three 1000-byte chunks")
            #expect(wire.body.occurrences(of: "\r\n0\r\n\r\n") == 0, "no terminating chunk")
            #expect(wire.end == .closed)
        }
    }

    @Test func bodyShorterThanItsContentLength() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/short-body")
            #expect(wire.head.lowercased().contains("content-length: 1000"))
            #expect(wire.body.count == 100)
            #expect(wire.end == .closed)
        }
    }

    @Test func stalledBodyStaysSilentThenCloses() throws {
        try withServer { server in
            let silent = try FaultWire.get(server.basePort, "/fault/stalled-body", silence: 0.5)
            #expect(silent.body.count == 100)
            #expect(silent.end == .silent)
            let held = try FaultWire.get(server.basePort, "/fault/stalled-body?hold=1", silence: 3)
            #expect(held.body.count == 100)
            #expect(held.end == .closed)
            #expect(held.seconds >= 0.9, "closed after the 1 s hold, not at once: \(held.seconds) s")
        }
    }

    @Test func slowDripSendsOneByteAtATime() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/slow-drip?bytes=4&interval=200", silence: 3)
            #expect(wire.head.lowercased().contains("content-length: 4"))
            #expect(wire.body.count == 4)
            #expect(wire.reads >= 4, "one byte per read: \(wire.reads) reads")
            #expect(wire.seconds >= 0.55, "4 bytes 200 ms apart: \(wire.seconds) s")
            #expect(wire.end == .closed)
        }
    }

    @Test func garbageStatusLine() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/garbage-status")
            #expect(String(decoding: wire.bytes, as: UTF8.self) == "HTTP/1.1 ZZZ Garbage\r\nContent-Length: 0\r\n\r\n")
            #expect(wire.end == .closed)
        }
    }

    @Test func headersOverOneMebibyte() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/huge-headers")
            #expect(wire.headBytes > 1 << 20, "\(wire.headBytes) header bytes")
            #expect(wire.bytes.occurrences(of: "\r\nX-Huge-") == 129)
        }
    }

    @Test func tenThousandHeaders() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/many-headers")
            #expect(wire.bytes.occurrences(of: "\r\nX-Many-") == 10_000)
            #expect(wire.bytes.occurrences(of: "\r\nX-Many-09999: v\r\n") == 1)
        }
    }

    @Test func endlessBodyKeepsComing() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/endless-body", stopAfter: 8 << 20)
            #expect(wire.head.lowercased().contains("transfer-encoding: chunked"))
            #expect(wire.bytes.count >= 8 << 20)
            #expect(wire.end == .stoppedByClient)
        }
    }

    @Test func gzipBombInflatesToTheAskedSize() throws {
        try withServer { server in
            let url = server.baseURL + "/fault/gzip-bomb?size=\(5 << 20)"
            let raw = try curl([url], writeOut: "%{size_download}")
            #expect(raw.header("Content-Encoding") == "gzip")
            #expect(raw.body.count < 8 * 1024, "5 MiB of zeros in \(raw.body.count) bytes")
            let decoded = try runTool("/usr/bin/gzip", ["-dc"], input: raw.body)
            #expect(decoded.count == 5 << 20)
            #expect(decoded.allSatisfy { $0 == 0 })
            // gzip -t checks the CRC-32 and size in the trailer.
            _ = try runTool("/usr/bin/gzip", ["-t"], input: raw.body)
        }
    }

    @Test func gzipBombByDefaultIsGigabytes() throws {
        try withServer { server in
            let wire = try FaultWire.get(server.basePort, "/fault/gzip-bomb", stopAfter: 64 * 1024)
            #expect(wire.head.lowercased().contains("content-encoding: gzip"))
            #expect(wire.bytes.count >= 64 * 1024)
        }
    }

    @Test(arguments: [
        ("redirect-loop?acao=*", "/fault/redirect-loop?acao=*"),
        ("redirect-file", "file:///etc/passwd"),
        ("redirect-ftp", "ftp://127.0.0.1/pub/file.txt"),
    ])
    func redirects(_ path: String, _ location: String) throws {
        try withServer { server in
            let response = try curl([server.baseURL + "/fault/" + path])
            #expect(response.status == 302)
            #expect(response.header("Location") == location)
        }
    }

    @Test func unknownFaultListsTheNames() throws {
        try withServer { server in
            let response = try curl([server.baseURL + "/fault/nope"])
            #expect(response.status == 404)
            #expect(response.text.contains("reset-before-status") && response.text.contains("gzip-bomb"))
        }
    }

    @Test func serverKeepsServingAfterEveryFault() throws {
        try withServer { server in
            for path in ["reset-before-status", "reset-mid-body", "truncated-chunked", "short-body", "garbage-status"] {
                _ = try FaultWire.get(server.basePort, "/fault/" + path)
            }
            let response = try curl([server.baseURL + "/get"])
            #expect(response.status == 200)
        }
    }
}

/// A raw GET that tells a reset from a close from a silence.
struct FaultWire {
    enum End: Equatable {
        case closed, reset, silent, stoppedByClient
    }

    var bytes: [UInt8]
    var end: End
    var seconds: Double
    var reads: Int

    /// The bytes before the blank line ending the head.
    var headBytes: Int {
        bytes.firstRange(of: Array("\r\n\r\n".utf8))?.lowerBound ?? bytes.count
    }
    var head: String { String(decoding: bytes[..<headBytes], as: UTF8.self) }
    var body: [UInt8] {
        guard let range = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return [] }
        return Array(bytes[range.upperBound...])
    }

    /// Sends `GET path` to 127.0.0.1:`port` and reads until the server closes or resets, `silence`
    /// seconds pass without a byte, or `stopAfter` bytes arrived.
    static func get(_ port: Int, _ path: String, silence: Double = 5, stopAfter: Int = Int.max) throws -> FaultWire {
        let fd = try RawHTTPClient.connect(port: port, silence: silence)
        defer { close(fd) }
        guard RawHTTPClient.send(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8), on: fd) else {
            throw RawHTTPClient.Failure(description: "send() failed: \(errno)")
        }
        let start = Date()
        var received: [UInt8] = []
        var reads = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            let failure = errno
            let seconds = Date().timeIntervalSince(start)
            if count > 0 {
                reads += 1
                received.append(contentsOf: buffer[0..<count])
                if received.count >= stopAfter { return FaultWire(bytes: received, end: .stoppedByClient, seconds: seconds, reads: reads) }
            } else if count == 0 {
                return FaultWire(bytes: received, end: .closed, seconds: seconds, reads: reads)
            } else if failure == ECONNRESET {
                return FaultWire(bytes: received, end: .reset, seconds: seconds, reads: reads)
            } else if failure == EINTR {
                continue
            } else {
                return FaultWire(bytes: received, end: .silent, seconds: seconds, reads: reads)
            }
        }
    }
}
