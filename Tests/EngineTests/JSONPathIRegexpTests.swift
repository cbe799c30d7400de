import Testing
@testable import Engine

/// I-Regexp (RFC 9485) checking and translation, used by `match()` and `search()`.
@Suite struct JSONPathIRegexpTests {
    static let validPatterns = [
        "", "a", "abc", "a|b", "(a)", "(a|b)*", "a*", "a+", "a?", "a{2}", "a{2,}", "a{2,3}", "a{0,0}", ".",
        "[a]", "[^a]", "[a-z]", "[-a]", "[a-]", "[\\-]", "[\\^]", "[^-]", "\\p{L}", "\\P{Lu}", "[\\p{L}\\P{Nd}]",
        "\\n", "\\t", "\\r", "\\.", "\\\\", "\\^", "^", "$", ",", "-", "/", "a|", "|", "()", "(|a)", "\\p{Cn}",
        "[a-z0-9_]+", "\\{\\}", "\\(\\)", "\\[\\]", "\\|", "\\*\\+\\?", "[.]", "[*+?(){}|]", "é+", "😀{2}",
    ]

    @Test(arguments: validPatterns)
    func valid(pattern: String) {
        #expect(IRegexp.translate(pattern) != nil, "\(pattern)")
        #expect(IRegexp.compile(pattern) != nil, "\(pattern)")
    }

    static let invalidPatterns = [
        "(", ")", "[", "]", "{", "}", "*", "+a", "a**", "a{3,2}", "a{,2}", "a{}", "a{1", "a{x}", "\\d", "\\w",
        "\\s", "\\b", "\\p{Xx}", "\\p{IsBasicLatin}", "\\p{L", "(?:a)", "(?i)a", "[]", "[^]", "[a-b-c]", "[z-a]",
        "\\", "a|*", "[a", "[[a]]", "[a-\\p{L}]", "a{1}{2}", "\\u0041", "\\x41",
    ]

    @Test(arguments: invalidPatterns)
    func invalid(pattern: String) {
        #expect(IRegexp.translate(pattern) == nil, "\(pattern)")
    }

    static let matching: [(String, String, Bool)] = [
        ("a.c", "abc", true),
        ("a.c", "a\nc", false),
        ("a.c", "a\rc", false),
        ("a.c", "a\u{2028}c", true),
        ("[^a]", "\n", true),
        ("\\p{Lu}+", "ABC", true),
        ("\\p{Lu}+", "AbC", false),
        ("\\P{L}", "1", true),
        ("[a-c]{3}", "cab", true),
        ("[a-c]{3}", "cabd", false),
        ("x|yz", "yz", true),
        ("(ab)+", "ababab", true),
        ("a?b", "b", true),
        ("\\\\d", "\\d", true),
        ("$^", "$^", true),
        ("[-.]", "-", true),
        ("é", "e\u{301}", false),
        ("e\u{301}", "e\u{301}", true),
    ]

    @Test(arguments: matching)
    func fullMatch(pattern: String, subject: String, matches: Bool) throws {
        let regex = try #require(IRegexp.compile(pattern))
        #expect((subject.wholeMatch(of: regex) != nil) == matches)
    }
}
