import Testing
@testable import Engine

/// `URLEncoding.normalize`, `RequestResolver.absoluteURLProblem` and `HeaderName.equal` run for every request
/// sent, so they work on UTF-8 bytes; these tests hold them to the String-based versions they replaced (kept
/// below as references), on hand-picked edge cases and on random strings over an alphabet of the characters
/// that matter.
@Suite struct FastPathEquivalenceTests {
    static let edgeCases: [String] = [
        "", "http://127.0.0.1:8080/small.txt", "HTTP://Example.com/a?b=c#d", "https://", "https:///x", "http://@/x",
        "http://@@", "http://a@/x", "http://a@b@/x", "http://:8080/", "http://user:pw@host:1/", "ftp://x/",
        "http:/x", "httpx://x", "https:/", "http", "hTtPs://h", "http://h/%", "http://h/%4", "http://h/%41%zz",
        "http://h/a b", "http://h/\u{7F}", "http://h/é?q=ü", "http://h/\"<>\\^`{|}", "http://h/%%41",
        "http://h#frag@x", "http://h?x@y", "http://ho\u{301}st/", "http://h/\u{0}",
    ]

    @Test(arguments: edgeCases)
    func normalizeMatchesTheReference(_ url: String) {
        #expect(URLEncoding.normalize(url) == Self.referenceNormalize(url))
    }

    @Test(arguments: edgeCases)
    func absoluteURLProblemMatchesTheReference(_ url: String) {
        #expect(RequestResolver.absoluteURLProblem(url) == Self.referenceAbsoluteURLProblem(url))
    }

    @Test func randomStringsMatchTheReferences() {
        let alphabet: [String] = ["h", "t", "p", "s", "H", "T", "P", "S", ":", "/", "?", "#", "@", "%", "4", "1", "z",
                                  " ", "é", "\"", "{", "\u{1}", "x"]
        // No combining marks: the reference compared Characters, so "/" + U+0301 was not a "/" to it (a bug the
        // byte version does not have); `edgeCases` checks a combining mark inside a host, where both agree.
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...14, using: &generator)
            var url = Bool.random(using: &generator) ? "http://" : ""
            for _ in 0..<length { url += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            #expect(URLEncoding.normalize(url) == Self.referenceNormalize(url), "\(url.debugDescription)")
            #expect(RequestResolver.absoluteURLProblem(url) == Self.referenceAbsoluteURLProblem(url), "\(url.debugDescription)")
        }
    }

    @Test func escapesWhatCannotStandInAURL() {
        #expect(URLEncoding.normalize("http://h/a b/é?x=%zz&y=%41") == "http://h/a%20b/%C3%A9?x=%25zz&y=%41")
        #expect(URLEncoding.normalize("http://h/{x}|^`") == "http://h/%7Bx%7D%7C%5E%60")
    }

    @Test func absoluteURLProblems() {
        #expect(RequestResolver.absoluteURLProblem("HTTPS://h/x") == nil)
        #expect(RequestResolver.absoluteURLProblem("localhost:8000/x") == "is not an absolute http:// or https:// URL")
        #expect(RequestResolver.absoluteURLProblem("http://:80/") == "has no host")
        #expect(RequestResolver.absoluteURLProblem("http://user@/") == nil)  // as before: "user" counts as the host
    }

    static let headerNamePairs: [(String, String)] = [
        ("Content-Type", "content-type"), ("ACCEPT", "accept"), ("Accept", "Accept-"), ("", ""), ("a", ""),
        ("X-Total-Count", "x-total-count"), ("x-a", "x_a"), ("É", "é"), ("\u{212A}", "k"), ("Straße", "STRASSE"),
        ("naïve", "NAÏVE"), ("@", "`"), ("[", "{"),
    ]

    @Test func headerNamesCompareAsLowercasedComparedThem() {
        for (a, b) in Self.headerNamePairs {
            #expect(HeaderName.equal(a, b) == (a.lowercased() == b.lowercased()), "\(a) vs \(b)")
            #expect(HeaderName.equal(b, a) == (a.lowercased() == b.lowercased()), "\(b) vs \(a)")
        }
        let headers = [HeaderField("Set-Cookie", "a=1"), HeaderField("content-type", "text/plain"), HeaderField("SET-COOKIE", "b=2")]
        #expect(headers.values(for: "set-cookie") == ["a=1", "b=2"])
        #expect(headers.contains(name: "Content-Type"))
        #expect(!headers.contains(name: "Content-Length"))
    }

    @Test func asciiLowercasedIsLowercased() {
        let samples = ["", "accept", "Accept-Encoding", "X-TOTAL-COUNT", "a long-enough-header-name-Over-15-Bytes",
                       "Éclair", "STRASSE", "Straße", "\u{212A}elvin", "İstanbul", "ΣΊΣΥΦΟΣ", "@[`{", "mixed ÀB c"]
        for text in samples {
            #expect(text.asciiLowercased() == text.lowercased(), "\(text)")
            let slice = text.dropFirst()
            #expect(slice.asciiLowercased() == slice.lowercased(), "\(slice)")
        }
    }

    @Test func joinedHeadersMatchTheDictionaryJoiningStep() {
        let names = ["Content-Type", "content-type", "Set-Cookie", "set-cookie", "X-A", "x-b", "ETag", "Vary", "É-x"]
        var generator = SeededGenerator(seed: 0xC0FFEE)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let headers = (0..<count).map { i in
                HeaderField(names[Int.random(in: 0..<names.count, using: &generator)], "v\(i)")
            }
            for keep in [true, false] {
                let reference = Self.referenceJoin(headers, keepSetCookieSeparate: keep)
                let result = ProfileResponseFilter.joinedHeaders(headers, keepSetCookieSeparate: keep)
                #expect(result.headers == reference.headers, "\(headers)")
                #expect(result.joined.map(\.name) == reference.joined.map(\.name), "\(headers)")
                #expect(result.joined.map(\.values) == reference.joined.map(\.values), "\(headers)")
            }
        }
    }

    /// The joining step `ProfileResponseFilter.observe` had before `joinedHeaders` (a dictionary by lower-cased
    /// name, then sorted), with the names it joined and their values.
    static func referenceJoin(_ headers: [HeaderField], keepSetCookieSeparate: Bool)
        -> (headers: [HeaderField], joined: [(name: String, values: [String])]) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        var setCookies: [HeaderField] = []
        for h in headers {
            let lower = h.name.lowercased()
            if lower == "set-cookie" && keepSetCookieSeparate {
                setCookies.append(HeaderField(lower, h.value))
                continue
            }
            if values[lower] == nil { order.append(lower) }
            values[lower, default: []].append(h.value)
        }
        var joined: [HeaderField] = []
        var joinedNames: [(name: String, values: [String])] = []
        for name in order.sorted() {
            let all = values[name] ?? []
            if all.count > 1 { joinedNames.append((name, all)) }
            joined.append(HeaderField(name, all.joined(separator: ", ")))
        }
        var result = joined + setCookies
        result.sort { $0.name < $1.name }
        return (result, joinedNames)
    }

    @Test func trimmingMatchesTheCharacterAndScalarVersions() {
        let samples = ["", " ", "\t\r\n", "a", " a ", "\r\nvalue\r\n", " \u{301}x ", "x \u{301}", "é ", "\t é\t",
                       "\u{600} ", "  mixed\tinside  ", "\n\u{301}", "a\r", "\u{85}x\u{A0}"]
        for text in samples {
            #expect(ProfileGate.trimmingHTTPWhitespace(text) == Self.referenceTrimmingHTTPWhitespace(text), "\(text.debugDescription)")
            #expect(text.trimmingASCIIWhitespace() == Self.referenceTrimmingASCIIWhitespace(text), "\(text.debugDescription)")
            let slice = text.dropFirst()
            #expect(slice.trimmingASCIIWhitespace() == Self.referenceTrimmingASCIIWhitespace(String(slice)), "\(slice.debugDescription)")
        }
    }

    static func referenceTrimmingHTTPWhitespace(_ value: String) -> String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = value.firstIndex(where: { !isWhitespace($0) }), let last = value.lastIndex(where: { !isWhitespace($0) }) else {
            return ""
        }
        return String(value[first...last])
    }

    static func referenceTrimmingASCIIWhitespace(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    // MARK: - The String-based versions these replaced

    static func referenceNormalize(_ url: String) -> String {
        let hex = Array("0123456789ABCDEF")
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
        func escape(_ b: UInt8, into out: inout String) {
            out.append("%")
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        let bytes = Array(url.utf8)
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                let isEscape = i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
                if isEscape { out.append("%") } else { escape(b, into: &out) }
            } else if b <= 0x20 || b >= 0x7F || "\"<>\\^`{|}".utf8.contains(b) {
                escape(b, into: &out)
            } else {
                out.append(Character(UnicodeScalar(b)))
            }
            i += 1
        }
        return out
    }

    static func referenceAbsoluteURLProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        let scheme = lower.hasPrefix("http://") ? 7 : lower.hasPrefix("https://") ? 8 : 0
        guard scheme > 0 else { return "is not an absolute http:// or https:// URL" }
        let authority = lower.dropFirst(scheme).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { String($0) } ?? ""
        guard !host.isEmpty, !host.hasPrefix(":") else { return "has no host" }
        return nil
    }
}

/// SplitMix64: a small deterministic generator, so a failing random case can be run again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
