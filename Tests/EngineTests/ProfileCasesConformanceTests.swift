import FixtureServer
import Testing
@testable import Engine

/// Behaviour the conformance suite (`scripts/conformance`, docs/conformance.md) observed in real Chromium 156
/// and node 20 where the profiles first disagreed, end to end against the fixture server.
@Suite("Profile fixes from the conformance suite", .serialized)
struct ProfileCasesConformanceTests {
    typealias Cases = ProfileCasesTests

    static let javaScriptProfiles: [Profile] = [.browserMain, .browserWorker, .nodeJSPI]

    @Test("h02: fetch strips leading and trailing whitespace from header values", arguments: javaScriptProfiles)
    func headerValueTrimmed(_ p: Profile) throws {
        let r = try Cases.live(p) { Cases.req("GET", $0.pageURL + "/headers", [("X-Pad", "  padded \t")]) }
        #expect(r.status == 200)
        #expect(r.actual.count == 1 && r.actual.first?.header("X-Pad") == "padded")
    }

    @Test("p33b: after a cross-origin hop, a same-origin hop's Referer is the page origin, also in a worker")
    func refererAfterCrossOriginHop() throws {
        let r = try Cases.live(.browserWorker) { server in
            let target = server.pageURL + "/get?acao=*"
            return Cases.req("GET", server.baseURL + "/redirect-to?acao=*&url=" + Self.percentEncoded(target))
        }
        #expect(r.status == 200 && r.actual.count == 2)
        let second = try #require(r.actual.last)
        #expect(second.header("Origin") == "null")
        #expect(second.header("Referer") == "http://localhost:\(second.port)/")
        let direct = try Cases.live(.browserWorker) { Cases.req("GET", $0.pageURL + "/get") }
        let first = try #require(direct.actual.first)
        #expect(first.header("Referer") == "http://localhost:\(first.port)/worker.js")
    }

    @Test("b03: a 205 response's body is not given to scripts", arguments: [Profile.browserMain, .browserWorker, .nodeJSPI])
    func nullBodyStatus(_ p: Profile) throws {
        let r = try Cases.live(p, mode: .async) { Cases.req("GET", $0.baseURL + "/status/205?acao=*") }
        #expect(r.status == 205)
        #expect(r.result.observed?.bodySize == 0 && r.result.observed?.body.isEmpty == true)
        #expect(r.result.has("response-body-dropped"))
        let native = try Cases.live(.native) { Cases.req("GET", $0.baseURL + "/status/205") }
        #expect((native.result.observed?.bodySize ?? 0) > 0 && !native.result.has("response-body-dropped"))
    }

    @Test("m16, m17, m06: bodiless POST and PUT carry Content-Length: 0; node adds it for PROPFIND too")
    func zeroContentLength() throws {
        for p in [Profile.browserMain, .nodeJSPI] {
            for method in ["POST", "PUT"] {
                let r = try Cases.live(p) { Cases.req(method, $0.pageURL + "/echo") }
                #expect(r.actual.first?.header("Content-Length") == "0", "\(p.name) \(method)")
            }
            let delete = try Cases.live(p) { Cases.req("DELETE", $0.pageURL + "/echo") }
            #expect(delete.actual.first?.header("Content-Length") == nil, "\(p.name) DELETE")
        }
        let node = try Cases.live(.nodeJSPI) { Cases.req("PROPFIND", $0.pageURL + "/anything") }
        #expect(node.actual.first?.header("Content-Length") == "0")
        let browser = try Cases.live(.browserMain) { Cases.req("PROPFIND", $0.pageURL + "/anything") }
        #expect(browser.actual.first?.header("Content-Length") == nil)
    }

    @Test("m01: node closes the connection after HEAD and says so")
    func nodeHeadClosesConnection() throws {
        let head = try Cases.live(.nodeJSPI) { Cases.req("HEAD", $0.baseURL + "/get") }
        #expect(head.status == 200 && head.actual.first?.header("Connection") == "close")
        let get = try Cases.live(.nodeJSPI) { Cases.req("GET", $0.baseURL + "/get") }
        #expect(get.actual.first?.header("Connection") == "keep-alive")
    }

    @Test("c18: with Range, node appends identity to the given Accept-Encoding; browsers send identity")
    func rangeAcceptEncoding() throws {
        let node = try Cases.live(.nodeJSPI) { Cases.req("GET", $0.baseURL + "/bytes/1000", [("Range", "bytes=0-99")]) }
        #expect(node.actual.first?.header("Accept-Encoding") == "gzip, deflate, identity")
        let browser = try Cases.live(.browserMain) { Cases.req("GET", $0.baseURL + "/bytes/1000?acao=*", [("Range", "bytes=0-99")]) }
        #expect(browser.actual.first?.header("Accept-Encoding") == "identity")
    }

    /// Percent-encodes a URL as one query value.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
