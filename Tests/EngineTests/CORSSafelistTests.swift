import Testing
@testable import Engine

@Suite("CORS safelist and preflight decision")
struct CORSSafelistTests {
    static let safelistCases: [(String, String, Bool)] = [
        ("Accept", "*/*", true),
        ("Accept", "application/json", true),
        ("Accept", "text/html; q=\"0.9\"", false),
        ("Accept", "a(b)", false),
        ("accept", "x@y", false),
        ("Accept-Language", "en-US,en;q=0.9", true),
        ("Accept-Language", "de_DE", false),
        ("Content-Language", "fr", true),
        ("Content-Language", "fr/ca", false),
        ("Content-Type", "text/plain", true),
        ("Content-Type", "text/plain; charset=utf-8", true),
        ("Content-Type", "text/plain; charset=\"utf-8\"", false),
        ("Content-Type", "TEXT/PLAIN", true),
        ("Content-Type", "application/x-www-form-urlencoded", true),
        ("Content-Type", "multipart/form-data; boundary=abc", true),
        ("Content-Type", "application/json", false),
        ("Content-Type", "text/html", false),
        ("Content-Type", "text/plain; a=<b>", false),
        ("Content-Type", "text/plain; a={b}", false),
        ("Content-Type", "text/plain; a=[b]", false),
        ("Content-Type", "text/plain; a=b\\c", false),
        ("Content-Type", "text/plain; a=b?", false),
        ("Content-Type", "text/plain\u{7F}", false),
        ("Content-Type", "text", false),
        ("Content-Type", "text/plain; x=" + String(repeating: "a", count: 120), false),
        ("Content-Type", "text/plain; x=" + String(repeating: "a", count: 100), true),
        ("Range", "bytes=0-", true),
        ("Range", "bytes=0-99", true),
        ("Range", "bytes=5-1", false),
        ("Range", "bytes=0-1,3-4", false),
        ("Range", "bytes=-5", false),
        ("Range", "items=0-1", false),
        ("X-Api-Key", "abc", false),
        ("Authorization", "Bearer x", false),
        ("User-Agent", "x", false),
        ("Cache-Control", "no-cache", false),
        ("DPR", "2", false),
    ]

    @Test(arguments: safelistCases)
    func safelisted(_ name: String, _ value: String, _ expected: Bool) {
        #expect(CORSSafelist.isSafelisted(name: name, value: value) == expected)
    }

    @Test(arguments: Array(0x00...0x7F).map { UInt8($0) })
    func unsafeBytes(_ byte: UInt8) {
        let unsafe: Set<UInt8> = [0x22, 0x28, 0x29, 0x3A, 0x3C, 0x3E, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F]
        let expected = (byte < 0x20 && byte != 0x09) || unsafe.contains(byte)
        #expect(CORSSafelist.isUnsafeByte(byte) == expected)
    }

    @Test func unsafeNamesAreLowerCasedSortedUnique() {
        let names = CORSSafelist.unsafeNames([
            HeaderField("X-Zeta", "1"), HeaderField("Accept", "*/*"), HeaderField("X-Api-Key", "k"), HeaderField("x-zeta", "2"),
            HeaderField("Content-Type", "application/json"),
        ])
        #expect(names == ["content-type", "x-api-key", "x-zeta"])
    }

    @Test func totalOver1024BytesMakesSafelistedHeadersUnsafe() {
        let long = String(repeating: "a", count: 120)
        let headers = (0..<9).map { HeaderField("Accept", long + "\($0)") }
        // Combined into one Accept value > 128 bytes: unsafe by length already.
        #expect(CORSSafelist.unsafeNames(headers) == ["accept"])
        let spread = [HeaderField("Accept", long), HeaderField("Accept-Language", "en"), HeaderField("Content-Language", "fr")]
        #expect(CORSSafelist.unsafeNames(spread).isEmpty)
        var many: [HeaderField] = [HeaderField("Content-Type", "text/plain; x=" + String(repeating: "b", count: 110))]
        many += [HeaderField("Accept", String(repeating: "c", count: 127))]
        many += [HeaderField("Accept-Language", String(repeating: "d", count: 127))]
        many += [HeaderField("Content-Language", String(repeating: "e", count: 127))]
        #expect(CORSSafelist.unsafeNames(many).isEmpty)
    }

    @Test func overTheTotalLimit() {
        // Accept-Language and Content-Language join repeated values, so use several names near 128 bytes each
        // plus a Range; 1024 is reached only through combined Accept values split across names.
        let headers = [
            HeaderField("Accept", String(repeating: "a", count: 128)),
            HeaderField("Accept-Language", String(repeating: "b", count: 128)),
            HeaderField("Content-Language", String(repeating: "c", count: 128)),
            HeaderField("Content-Type", "text/plain;" + String(repeating: "d", count: 117)),
            HeaderField("Range", "bytes=" + String(repeating: "1", count: 15) + "-"),
        ]
        #expect(CORSSafelist.unsafeNames(headers).isEmpty)  // ~530 bytes: under the limit
        #expect(CORSSafelist.unsafeNames([HeaderField("Range", "bytes=" + String(repeating: "9", count: 40) + "-")]) == ["range"])
    }

    static let methodCases: [(String, String)] = [
        ("get", "GET"), ("Get", "GET"), ("post", "POST"), ("put", "PUT"), ("delete", "DELETE"), ("options", "OPTIONS"),
        ("head", "HEAD"), ("patch", "patch"), ("Patch", "Patch"), ("PATCH", "PATCH"), ("purge", "purge"), ("trace", "trace"),
    ]

    @Test(arguments: methodCases)
    func chromiumNormalisesOnlySixMethods(_ method: String, _ expected: String) {
        #expect(CORSCheck.normalize(method: method) == expected)
    }

    static let preflightNeed: [(String, [String], Bool)] = [
        ("GET", [], false), ("HEAD", [], false), ("POST", [], false), ("PUT", [], true), ("DELETE", [], true),
        ("PATCH", [], true), ("patch", [], true), ("OPTIONS", [], true), ("GET", ["x-api-key"], true),
        ("POST", ["content-type"], true), ("post", [], true),
    ]

    @Test(arguments: preflightNeed)
    func preflightDecision(_ method: String, _ unsafe: [String], _ expected: Bool) {
        #expect(CORSCheck.needsPreflight(method: method, unsafeHeaderNames: unsafe) == expected)
    }

    @Test func requestHeadersValue() {
        #expect(CORSCheck.requestHeadersValue([]) == nil)
        #expect(CORSCheck.requestHeadersValue(["content-type", "x-api-key"]) == "content-type,x-api-key")
    }
}
