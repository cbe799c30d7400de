import NIOCore
import NIOHTTP1
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The conformance suite's routes (`scripts/conformance`): the test page and its scripts, served from a
/// directory, and a mailbox the page posts its observations to.
///
/// - `GET /__conformance/<file>`: a file of the directory set with ``setDirectory(_:)`` (plain names
///   only: letters, digits, `.`, `-`, `_`; no sub-folders).
/// - `GET /worker.js`: the directory's `worker.js`, at the path browser profiles assume for a worker
///   script (their same-origin `Referer` is `<page>/worker.js`).
/// - `POST /__conformance/results?run=TOKEN`: keeps the body under `TOKEN`;
///   `GET /__conformance/results?run=TOKEN`: every body kept under it, as a JSON array (bodies must be JSON).
///
/// The directory and the mailbox are process-wide (one `workbench serve` per process); without a
/// directory every route answers 404.
public enum ConformancePages {
    private struct State {
        var directory: String?
        var results: [String: [[UInt8]]] = [:]
    }

    private static let state = Mutex(State())

    /// Serves the conformance page files from `directory` (`nil` switches the routes off).
    public static func setDirectory(_ directory: String?) {
        state.withLock { $0.directory = directory }
    }

    static var isEnabled: Bool { state.withLock { $0.directory != nil } }

    /// The answer for `/__conformance/<name>`.
    static func respond(_ name: String, request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        guard let directory = state.withLock({ $0.directory }) else {
            return .error(.notFound, "the conformance routes are off (start the server with --conformance DIR)")
        }
        if name == "results" { return try results(request) }
        guard request.head.method == .GET || request.head.method == .HEAD else {
            return .error(.methodNotAllowed, "conformance files are read with GET")
        }
        return file(name, in: directory)
    }

    private static func results(_ request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        guard let token = request.query.first("run"), !token.isEmpty, token.utf8.count <= 64 else {
            throw BadRequest("results need ?run=TOKEN (1 to 64 characters)")
        }
        switch request.head.method {
        case .POST:
            let body = request.bodyBytes
            state.withLock { $0.results[token, default: []].append(body) }
            return .empty(.noContent)
        case .GET:
            let bodies = state.withLock { $0.results[token] ?? [] }
            var out: [UInt8] = [UInt8(ascii: "[")]
            for (index, body) in bodies.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += body.isEmpty ? Array("null".utf8) : body
            }
            out += Array("]\n".utf8)
            return .bytes(out, contentType: "application/json")
        default:
            return .error(.methodNotAllowed, "results take POST (to add) or GET (to read)")
        }
    }

    private static func file(_ name: String, in directory: String) -> FixtureResponse {
        let allowed = !name.isEmpty && !name.hasPrefix(".")
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    return true
                default:
                    return false
                }
            }
        guard allowed, let bytes = readFile(directory + "/" + name) else {
            return .error(.notFound, "no conformance file named \(name)")
        }
        var response = FixtureResponse.bytes(bytes, contentType: contentType(of: name))
        response.headers.add(name: "Cache-Control", value: "no-store")
        return response
    }

    private static func contentType(of name: String) -> String {
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".js") || name.hasSuffix(".mjs") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".json") { return "application/json" }
        return "application/octet-stream"
    }

    /// The whole file, or `nil` when it cannot be read (missing, a directory, no permission).
    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { return out }
            out += chunk[0..<count]
        }
    }
}
