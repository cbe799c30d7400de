import Testing
@testable import Engine

/// Edge cases of the name, index, slice and wildcard selectors, unions and blank space.
@Suite struct JSONPathSelectorTests {
    typealias T = JSONPathTestSupport

    static let letters = T.json(#"["a", "b", "c", "d", "e", "f", "g"]"#)

    static let indexCases: [(String, String)] = [
        ("$[0]", #"["a"]"#),
        ("$[6]", #"["g"]"#),
        ("$[7]", "[]"),
        ("$[-1]", #"["g"]"#),
        ("$[-7]", #"["a"]"#),
        ("$[-8]", "[]"),
        ("$[0,0]", #"["a", "a"]"#),
        ("$[1,0]", #"["b", "a"]"#),
        ("$[ 0 ]", #"["a"]"#),
        ("$[0 , 1]", #"["a", "b"]"#),
        ("$[9007199254740991]", "[]"),
        ("$[-9007199254740991]", "[]"),
        ("$['0']", "[]"),
        ("$.a", "[]"),
        ("$[0][0]", "[]"),
        ("$[0].length", "[]"),
    ]

    @Test(arguments: indexCases)
    func indices(query: String, expected: String) {
        T.check(query, on: Self.letters, expected: expected)
    }

    static let sliceCases: [(String, String)] = [
        ("$[0:0]", "[]"),
        ("$[3:3]", "[]"),
        ("$[1:0]", "[]"),
        ("$[-1:]", #"["g"]"#),
        ("$[:-1]", #"["a", "b", "c", "d", "e", "f"]"#),
        ("$[-100:100]", #"["a", "b", "c", "d", "e", "f", "g"]"#),
        ("$[100:]", "[]"),
        ("$[:-100]", "[]"),
        ("$[2:]", #"["c", "d", "e", "f", "g"]"#),
        ("$[:2]", #"["a", "b"]"#),
        ("$[:]", #"["a", "b", "c", "d", "e", "f", "g"]"#),
        ("$[::]", #"["a", "b", "c", "d", "e", "f", "g"]"#),
        ("$[1:2:]", #"["b"]"#),
        ("$[-3::]", #"["e", "f", "g"]"#),
        ("$[-2:-1]", #"["f"]"#),
        ("$[::2]", #"["a", "c", "e", "g"]"#),
        ("$[1::3]", #"["b", "e"]"#),
        ("$[::-2]", #"["g", "e", "c", "a"]"#),
        ("$[-1:-100:-1]", #"["g", "f", "e", "d", "c", "b", "a"]"#),
        ("$[3:0:-1]", #"["d", "c", "b"]"#),
        ("$[:3:-1]", #"["g", "f", "e"]"#),
        ("$[3::-1]", #"["d", "c", "b", "a"]"#),
        ("$[100::-1]", #"["g", "f", "e", "d", "c", "b", "a"]"#),
        ("$[6:-8:-3]", #"["g", "d", "a"]"#),
        ("$[0:1:-1]", "[]"),
        ("$[-1:-2]", "[]"),
        ("$[0:3:0]", "[]"),
        ("$[::0]", "[]"),
        ("$[1:5:10]", #"["b"]"#),
        ("$[ 1 : 3 : 1 ]", #"["b", "c"]"#),
        ("$[-9007199254740991:9007199254740991:9007199254740991]", #"["a"]"#),
        ("$[9007199254740991:-9007199254740991:-9007199254740991]", #"["g"]"#),
        ("$[0, 2:4, -1]", #"["a", "c", "d", "g"]"#),
        ("$[*, 0]", #"["a", "b", "c", "d", "e", "f", "g", "a"]"#),
        ("$[0:2, 0:2]", #"["a", "b", "a", "b"]"#),
    ]

    @Test(arguments: sliceCases)
    func slices(query: String, expected: String) {
        T.check(query, on: Self.letters, expected: expected)
    }

    @Test func sliceIndicesFollowTheRFCAlgorithm() {
        #expect(JSONPathEvaluator.sliceIndices(count: 0, start: nil, end: nil, step: -1) == [])
        #expect(JSONPathEvaluator.sliceIndices(count: 5, start: nil, end: nil, step: -1) == [4, 3, 2, 1, 0])
        #expect(JSONPathEvaluator.sliceIndices(count: 5, start: -2, end: nil, step: nil) == [3, 4])
        #expect(JSONPathEvaluator.sliceIndices(count: 5, start: nil, end: -6, step: -1) == [4, 3, 2, 1, 0])
        #expect(JSONPathEvaluator.sliceIndices(count: 5, start: 10, end: 2, step: -2) == [4])
    }

    static let objectDocument = T.json(#"""
    {"a": 1, "b c": 2, "ünï": 3, "☺": 4, "'": 5, "\"": 6, "\\": 7, "\n": 8, "": 9, "0": 10, "a.b": 11,
     "true": 12, "_x1": 13, "😀": 14, "\b\f\n\r\t/\\": 15, "\u00e9": 16, "A": 17, "/": 18}
    """#)

    static let nameCases: [(String, String)] = [
        ("$.a", "[1]"),
        ("$['a']", "[1]"),
        (#"$["a"]"#, "[1]"),
        ("$['b c']", "[2]"),
        ("$.ünï", "[3]"),
        ("$.☺", "[4]"),
        (#"$['\u263A']"#, "[4]"),
        (#"$['\u263a']"#, "[4]"),
        (#"$["'"]"#, "[5]"),
        (#"$['\'']"#, "[5]"),
        (#"$['"']"#, "[6]"),
        (#"$["\""]"#, "[6]"),
        (#"$['\\']"#, "[7]"),
        (#"$["\\"]"#, "[7]"),
        (#"$['\n']"#, "[8]"),
        (#"$['\u000a']"#, "[8]"),
        ("$['']", "[9]"),
        (#"$[""]"#, "[9]"),
        ("$['0']", "[10]"),
        ("$[0]", "[]"),
        ("$['a.b']", "[11]"),
        ("$.a.b", "[]"),
        ("$.true", "[12]"),
        ("$._x1", "[13]"),
        ("$.😀", "[14]"),
        (#"$['\uD83D\uDE00']"#, "[14]"),
        (#"$['\ud83d\ude00']"#, "[14]"),
        (#"$['\b\f\n\r\t\/\\']"#, "[15]"),
        (#"$["\b\f\n\r\t\/\\"]"#, "[15]"),
        ("$.é", "[16]"),
        ("$['e\u{301}']", "[]"),
        ("$.A", "[17]"),
        (#"$['\/']"#, "[18]"),
        ("$['/']", "[18]"),
        ("$['a','a']", "[1, 1]"),
        ("$['a', 'A']", "[1, 17]"),
        ("$.missing", "[]"),
        ("$.a.a", "[]"),
        ("$.a[0]", "[]"),
        ("$.a.*", "[]"),
        ("$[1:2]", "[]"),
    ]

    @Test(arguments: nameCases)
    func names(query: String, expected: String) {
        T.check(query, on: Self.objectDocument, expected: expected)
    }

    static let blankSpaceCases: [(String, String)] = [
        ("$ .a", "[[1, 2]]"),
        ("$\t.a", "[[1, 2]]"),
        ("$\n['a']", "[[1, 2]]"),
        ("$\r\n[ 'a' ]", "[[1, 2]]"),
        ("$[\n'a'\n]", "[[1, 2]]"),
        ("$.a [0]", "[1]"),
        ("$ ..[0]", "[1]"),
        ("$.a[ ?@ > 1 ]", "[2]"),
        ("$.a[?@\t>\t1]", "[2]"),
        ("$.a[?\n@\n>\n1\n]", "[2]"),
        ("$.a[ 0 , 1 ]", "[1, 2]"),
        ("$.a[ :1 ]", "[1]"),
    ]

    @Test(arguments: blankSpaceCases)
    func blankSpaceBetweenTokens(query: String, expected: String) {
        T.check(query, on: T.json(#"{"a": [1, 2]}"#), expected: expected)
    }

    @Test func repeatedMemberNamesLastWins() {
        let document = T.json(#"{"a": 1, "b": 2, "a": 3}"#)
        T.check("$.a", on: document, expected: "[3]")
        T.check("$.*", on: document, expected: "[2, 3]")
        T.check("$..*", on: document, expected: "[2, 3]")
        T.check("$[?@ > 2]", on: document, expected: "[3]")
        T.check("$[?length(@) == 2]", on: T.json(#"[{"a": 1, "b": 2, "a": 3}]"#), expected: #"[{"a": 1, "b": 2, "a": 3}]"#)
    }

    @Test func selectorsOnPrimitivesSelectNothing() {
        for document in ["1", "\"text\"", "true", "null"] {
            for query in ["$.a", "$[0]", "$[*]", "$[0:1]", "$[?@]", "$..a", "$..*"] {
                T.check(query, on: T.json(document), expected: "[]")
            }
            T.check("$", on: T.json(document), expected: "[\(document)]")
            T.check("$..[?@]", on: T.json(document), expected: "[]")
        }
    }

    @Test func deepDocumentsAreWalked() throws {
        var value = JSONValue.number(1)
        for _ in 0..<300 { value = .array([value]) }
        let found = try JSONPath.compile("$..[?@ == 1]").query(value)
        #expect(found == [.number(1)])
    }
}
