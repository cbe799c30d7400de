import Engine
import Testing
@testable import Store

/// `workbench diff` decodes the observed-response and effects columns straight from their bytes
/// (`ColumnDirectDecoding`); whatever it accepts must decode to what the general path (`JSONParser` then
/// `ColumnCoding`) returns, and whatever it does not accept is left to the general path.
@Suite("JSON columns decoded without a JSONValue tree")
struct ColumnDirectDecodingTests {
    static let awkward = ["", "plain", "a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}/é日🎉", "{{token}}", "x: y, z; q=\"1\"",
                          "\"6565e7a1-60\"", "naïve ünïcödé only", String(repeating: "long ascii value ", count: 20)]

    private func direct(_ text: String) -> (response: ObservedResponse, kept: Int)? {
        Array(text.utf8).withUnsafeBytes { ColumnDirectDecoding.observed($0) }
    }

    private func directEffects(_ bytes: [UInt8]) -> [Effect]? {
        bytes.withUnsafeBytes { ColumnDirectDecoding.effects($0) }
    }

    private func general(_ bytes: [UInt8]) throws -> (response: ObservedResponse, kept: Int) {
        try ColumnCoding.observed(JSONParser.parse(bytes, file: "<column>"))
    }

    private func observed(headers: [HeaderField], status: Int = 200, bodySize: Int64 = 96, url: String = "http://127.0.0.1:8080/small.txt",
                          truncated: Bool = false, body: [UInt8] = Array("hello".utf8)) -> ObservedResponse {
        ObservedResponse(url: url, httpVersion: "HTTP/1.1", status: status, headers: headers, bodySize: bodySize,
                         bodySHA256: String(repeating: "ab", count: 32), body: body, bodyTruncated: truncated)
    }

    @Test("the observed column as the store writes it decodes to what the general path reads")
    func observedAsWritten() throws {
        let headers = Self.awkward.enumerated().map { HeaderField("H\($0.offset)\($0.element)", $0.element) }
        let cases = [
            observed(headers: headers),
            observed(headers: []),
            observed(headers: [HeaderField("ETag", "\"6565e7a1-60\""), HeaderField("Date", "Thu, 03 Dec 2026 18:27:14 GMT")]),
            observed(headers: headers, status: 0, bodySize: 0, url: "", truncated: true, body: []),
            observed(headers: headers, status: 599, bodySize: 999_999_999_999_999, url: "http://h/é?q=\"日\"", truncated: true),
            observed(headers: headers, bodySize: -1),
        ]
        for response in cases {
            let text = ColumnCoding.observedText(response)
            let got = try #require(direct(text), "\(text)")
            let want = try general(Array(text.utf8))
            #expect(got.response == want.response)
            #expect(got.kept == want.kept)
            #expect(got.kept == response.body.count)
        }
    }

    @Test("strings shared from one column to the next are the ones decoding gives")
    func reuseAcrossColumns() throws {
        let date = HeaderField("Date", "Thu, 03 Dec 2026 18:27:14 GMT")
        let etag = HeaderField("ETag", "\"6565e7a1-60\"")
        let columns = [
            observed(headers: [date, etag, HeaderField("Server", "nginx")]),
            observed(headers: [date, etag, HeaderField("Server", "nginx")]),
            observed(headers: [HeaderField("Date", "Thu, 03 Dec 2026 18:27:15 GMT"), etag, HeaderField("Server", "ngin")]),
            observed(headers: [HeaderField("Date", "Thu, 03 Dec 2026 18:27:15 GMT\\"), HeaderField("ETag", ""), HeaderField("Server", "nginx/1")]),
            observed(headers: [etag], url: "http://127.0.0.1:8080/small.txt?x"),
            observed(headers: [], url: "http://127.0.0.1:8080/small.tx"),
            observed(headers: [date, etag, HeaderField("Server", "é")], url: "é"),
            observed(headers: [date, etag, HeaderField("Server", "é")], url: "é"),
        ]
        var reuse = ColumnStringReuse()
        for response in columns {
            let bytes = Array(ColumnCoding.observedText(response).utf8)
            let got = try #require(bytes.withUnsafeBytes { ColumnDirectDecoding.observed($0, reusing: &reuse) })
            #expect(got.response == (try general(bytes)).response)
        }
        // A column the direct decoder gives up on halfway leaves only whole strings behind.
        let broken = Array(#"{"url":"http://x","httpVersion":"HTTP/2","status":"#.utf8)
        #expect(broken.withUnsafeBytes { ColumnDirectDecoding.observed($0, reusing: &reuse) } == nil)
        let next = observed(headers: [date])
        let bytes = Array(ColumnCoding.observedText(next).utf8)
        let got = try #require(bytes.withUnsafeBytes { ColumnDirectDecoding.observed($0, reusing: &reuse) })
        #expect(got.response == (try general(bytes)).response)
    }

    @Test("numbers the writer prints in exponent form are left to the general path, which reads them")
    func largeNumbers() throws {
        let response = observed(headers: [], bodySize: 1_000_000_000_000_000)
        let text = ColumnCoding.observedText(response)
        #expect(direct(text) == nil)
        #expect(try general(Array(text.utf8)).response.bodySize == 1_000_000_000_000_000)
    }

    @Test("escapes, non-ASCII text and surrogate pairs decode as JSONParser decodes them", arguments: [
        #""plain""#, #""""#, #""\"quoted\"""#, #""a\\b\/c\b\f\n\r\t""#, #""\u0041\u00e9\u65E5\u0000\u001f""#,
        #""\ud83c\udf89 party""#, #""é日🎉 raw""#, #""mixed é \n 日""#, #""\u00e9""#,
    ])
    func strings(text: String) throws {
        let bytes = Array(text.utf8)
        let got = bytes.withUnsafeBytes { raw -> String? in
            var scanner = ColumnScanner(raw)
            let value = scanner.string()
            return scanner.atEnd ? value : nil
        }
        guard case .string(let want) = try JSONParser.parse(bytes) else {
            Issue.record("not a string: \(text)")
            return
        }
        #expect(got.map { Array($0.unicodeScalars) } == Array(want.unicodeScalars))
    }

    @Test("other spellings of the same JSON are left to the general path", arguments: [
        #"{ "url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"httpVersion":"HTTP/1.1","url":"u","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200.0,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":2e2,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[ ["a","b"] ],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0,"extra":1}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0} "#,
    ])
    func otherSpellings(text: String) throws {
        #expect(direct(text) == nil)
        #expect(try general(Array(text.utf8)).response.status == 200)
    }

    @Test("malformed columns are left to the general path, which rejects them", arguments: [
        "", "{", "null", "[]", "{}", #"{"url":"u""#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":"200","headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[["a"]],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[["a",1]],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":"no","bodyKept":0}"#,
        #"{"url":"u","httpVersion":"HTTP/1.1","status":012,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"\x","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"\ud800","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"\udc00 low","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        #"{"url":"\u12","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#,
        "{\"url\":\"a\nb\",\"httpVersion\":\"HTTP/1.1\",\"status\":200,\"headers\":[],\"bodySize\":1,\"bodySHA256\":\"\",\"bodyTruncated\":false,\"bodyKept\":0}",
        #"{"url":"u","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}x"#,
    ])
    func malformed(text: String) {
        #expect(direct(text) == nil)
        #expect(throws: (any Error).self) { try general(Array(text.utf8)) }
    }

    @Test("invalid UTF-8 in a string is left to the general path, which rejects it")
    func invalidUTF8() {
        let prefix = Array(#"{"url":""#.utf8)
        let suffix = Array(#"","httpVersion":"HTTP/1.1","status":200,"headers":[],"bodySize":1,"bodySHA256":"","bodyTruncated":false,"bodyKept":0}"#.utf8)
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC3, 0x5C, 0x6E], [0xE6, 0x97], [0xED, 0xA0, 0x80]] {
            let bytes = prefix + bad + suffix
            #expect(bytes.withUnsafeBytes { ColumnDirectDecoding.observed($0) } == nil, "\(bad)")
            #expect(throws: (any Error).self) { try general(bytes) }
        }
    }

    @Test("the effects column decodes to what the general path reads; anything else is left to it")
    func effects() throws {
        let lists = [[], Self.awkward.map { Effect("header-added", $0) }, [Effect("cors-blocked", "é 🎉")]]
        for effects in lists {
            let bytes = Array(ColumnCoding.effectsText(effects).utf8)
            let got = try #require(directEffects(bytes))
            #expect(got == effects)
            #expect(got == (try ColumnCoding.effects(JSONParser.parse(bytes, file: "<column>"))))
        }
        for text in ["", "[", "[ ]", "[{}]", #"[{"code":"a"}]"#, #"[{"message":"m","code":"a"}]"#, #"[{"code":"a","message":"m"},]"#,
                     #"[{"code":"a","message":"m"}]x"#, "null", "{}"] {
            #expect(directEffects(Array(text.utf8)) == nil, "\(text)")
        }
    }
}
