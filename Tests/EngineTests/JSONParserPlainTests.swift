import Testing
@testable import Engine

/// `JSONParser.parse` builds plain values directly and reads escape-free strings in one step: it must give
/// exactly what the located parser gives, values and errors alike.
@Suite struct JSONParserPlainTests {
    static let documents: [String] = [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        #"["plain", "caf\u00e9", "tab\tand \"quote\"", "snow ☃ and 😀", "\ud83d\ude00", "a\/b", ""]"#,
        #"{"dup": 1, "dup": 2}"#,
        #"  -0.5e3 "#,
        "\u{FEFF}{\"bom\": true}",
        #"{"headers": [["Content-Type", "application/json"], ["X-Long", "\#(String(repeating: "x", count: 5000))"]]}"#,
        #"["ümlaut before an escape \n and after ü"]"#,
    ]

    static let invalid: [String] = [
        "{\"a\": \"abc",
        "[\"line\nbreak\"]",
        "[\"bad \\q escape\"]",
        "{\"a\": 1,}",
        "[1, 2",
        "[\"\\ud800\"]",
        "[\"ok\"] x",
        "[\"ctrl \u{01}\"]",
    ]

    @Test(arguments: documents)
    func sameValueAsTheLocatedParser(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) == JSONParser.parseLocated(bytes, file: "<body>").value)
    }

    @Test func escapeFreeStringsKeepTheirText() throws {
        let value = try JSONParser.parse(#"["caf\u00e9", "café", "a\"b", "☃"]"#)
        #expect(value == .array([.string("café"), .string("café"), .string("a\"b"), .string("☃")]))
    }

    @Test(arguments: invalid)
    func sameErrorAsTheLocatedParser(_ text: String) {
        let bytes = Array(text.utf8)
        var plain: InputError?
        var located: InputError?
        do { _ = try JSONParser.parse(bytes, file: "f.json") } catch { plain = error }
        do { _ = try JSONParser.parseLocated(bytes, file: "f.json") } catch { located = error }
        #expect(plain != nil)
        #expect(plain?.message == located?.message)
        #expect(plain?.location == located?.location)
    }

    @Test func invalidUTF8InAPlainStringIsRejected() {
        let bytes: [UInt8] = [0x5B, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x5D]  // ["a\xFFb"]
        #expect(throws: InputError.self) { try JSONParser.parse(bytes) }
        do {
            _ = try JSONParser.parseLocated(bytes, file: "f.json")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("not valid UTF-8"))
            #expect(error.location?.column == 6)  // at the closing quote, where the run is validated (as before the fast path)
        }
    }
}
