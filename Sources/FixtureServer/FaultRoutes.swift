import NIOCore
import NIOHTTP1

/// `/fault/{name}`: hostile and broken answers, so collections and tests can check that a client
/// classifies each failure instead of crashing or hanging. docs/fixture-server.md lists them.
enum FaultRoutes {
    /// Every fault name, in the order of the documentation.
    static let names = [
        "reset-before-status", "reset-mid-body", "truncated-chunked", "short-body", "stalled-body", "slow-drip",
        "garbage-status", "huge-headers", "many-headers", "endless-body", "gzip-bomb", "redirect-loop",
        "redirect-file", "redirect-ftp",
    ]

    /// Bytes of header lines `/fault/huge-headers` sends (more than 1 MiB).
    static let hugeHeaderBytes = (1 << 20) + 8192
    /// Header lines `/fault/many-headers` sends.
    static let manyHeaderCount = 10_000
    /// How long `/fault/stalled-body` keeps a silent connection open at most, seconds.
    static let maxHoldSeconds = 600
    /// Bytes `/fault/slow-drip` sends by default (one a second: an hour).
    static let defaultDripBytes = 3600
    /// Decoded size of `/fault/gzip-bomb` by default: 8 GiB of zeros in about 8.5 MB.
    static let defaultBombBytes: Int64 = 8 << 30

    static func respond(_ name: String, request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        let query = request.query
        switch name {
        case "reset-before-status":
            return fault(.resetBeforeStatus)
        case "reset-mid-body":
            return fault(.resetMidBody(declared: 65_536, sent: 16_384))
        case "truncated-chunked":
            return fault(.truncatedChunked(chunks: 3, chunkSize: 1000))
        case "short-body":
            return fault(.shortBody(declared: 1000, sent: 100))
        case "stalled-body":
            let hold = try number(query.first("hold"), named: "hold", default: 120, range: 0...maxHoldSeconds)
            return fault(.stalledBody(declared: 1000, sent: 100, holdSeconds: hold))
        case "slow-drip":
            let bytes = try number(query.first("bytes"), named: "bytes", default: defaultDripBytes, range: 1...86_400)
            let interval = try number(query.first("interval"), named: "interval", default: 1000, range: 10...60_000)
            return fault(.slowDrip(bytes: bytes, intervalMilliseconds: Int64(interval)))
        case "garbage-status":
            return fault(.raw(Array("HTTP/1.1 ZZZ Garbage\r\nContent-Length: 0\r\n\r\n".utf8)))
        case "huge-headers":
            return headers(count: hugeHeaderBytes / 8192, name: { "X-Huge-\(pad($0, 4))" }, value: String(repeating: "h", count: 8192 - 16))
        case "many-headers":
            return headers(count: manyHeaderCount, name: { "X-Many-\(pad($0, 5))" }, value: "v")
        case "endless-body":
            return FixtureResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"],
                                   body: .pattern(count: Int.max, chunked: true))
        case "gzip-bomb":
            let size = try bombSize(query.first("size"))
            return fault(.gzipBomb(segments: Int((size + Int64(GzipBomb.segmentDecodedBytes) - 1) / Int64(GzipBomb.segmentDecodedBytes))))
        case "redirect-loop":
            return redirect(to: "/fault/redirect-loop" + (request.rawQuery.isEmpty ? "" : "?" + request.rawQuery))
        case "redirect-file":
            return redirect(to: "file:///etc/passwd")
        case "redirect-ftp":
            return redirect(to: "ftp://127.0.0.1/pub/file.txt")
        default:
            return .error(.notFound, "no fault named \(name); the faults are: \(names.joined(separator: ", "))")
        }
    }

    private static func fault(_ action: FaultAction) -> FixtureResponse {
        FixtureResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: .fault(action))
    }

    private static func redirect(to location: String) -> FixtureResponse {
        var response = FixtureResponse.text("Redirecting to \(location)\n", status: .found)
        response.headers.add(name: "Location", value: location)
        return response
    }

    private static func headers(count: Int, name: (Int) -> String, value: String) -> FixtureResponse {
        var response = FixtureResponse.text("too many header bytes\n")
        response.headers.reserveCapacity(count + 2)
        for index in 0..<count {
            response.headers.add(name: name(index), value: value)
        }
        return response
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func number(_ text: String?, named name: String, default value: Int, range: ClosedRange<Int>) throws(BadRequest) -> Int {
        guard let text else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw BadRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }

    private static func bombSize(_ text: String?) throws(BadRequest) -> Int64 {
        guard let text else { return defaultBombBytes }
        let limit: Int64 = 1 << 40
        guard let parsed = Int64(text), parsed >= 1, parsed <= limit else {
            throw BadRequest("size must be a whole number of bytes from 1 to \(limit) (rounded up to whole MiB)")
        }
        return parsed
    }
}

/// What a fault does on the wire, past what NIO's response encoder can express.
enum FaultAction {
    /// Read the request, then close with a TCP reset before any byte of the response.
    case resetBeforeStatus
    /// Announce `declared` bytes, send `sent`, then reset the connection.
    case resetMidBody(declared: Int, sent: Int)
    /// Chunked encoding: `chunks` chunks, then close without the terminating zero-size chunk.
    case truncatedChunked(chunks: Int, chunkSize: Int)
    /// Announce `declared` bytes, send `sent`, then close normally (a body shorter than its Content-Length).
    case shortBody(declared: Int, sent: Int)
    /// Announce `declared` bytes, send `sent`, then say nothing; close after `holdSeconds`.
    case stalledBody(declared: Int, sent: Int, holdSeconds: Int)
    /// Announce `bytes` bytes and send them one at a time, `intervalMilliseconds` apart.
    case slowDrip(bytes: Int, intervalMilliseconds: Int64)
    /// These bytes instead of a response (bypassing the HTTP encoder), then close.
    case raw([UInt8])
    /// `Content-Encoding: gzip` over `segments` MiB of zeros (``GzipBomb``), chunked.
    case gzipBomb(segments: Int)
}
