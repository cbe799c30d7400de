import Testing
@testable import Engine

/// Filter selectors: comparisons across types, Nothing versus null, logical operators and functions.
@Suite struct JSONPathFilterTests {
    typealias T = JSONPathTestSupport

    static let items = T.json("""
    [ {"id": 1, "n": 1, "s": "a", "b": true, "z": null, "arr": [1, 2], "obj": {"k": "v"}},
      {"id": 2, "n": 2.5, "s": "b", "b": false, "arr": [], "obj": {}},
      {"id": 3, "n": "1", "s": "ab", "z": 0, "arr": [1, 2, 3]},
      {"id": 4, "n": -1, "s": "\u{e9}", "nested": {"deep": {"x": 5}}},
      {"id": 5, "n": 1e2, "s": "", "nested": {"deep": {"x": 6}}} ]
    """)

    static let comparisonCases: [(String, String)] = [
        ("$[?@.n == 1].id", "[1]"),
        ("$[?@.n == '1'].id", "[3]"),
        ("$[?@.n != 1].id", "[2, 3, 4, 5]"),
        ("$[?@.n > 1].id", "[2, 5]"),
        ("$[?@.n >= 1].id", "[1, 2, 5]"),
        ("$[?@.n < 1].id", "[4]"),
        ("$[?@.n <= 1].id", "[1, 4]"),
        ("$[?1 >= @.n].id", "[1, 4]"),
        ("$[?@.n == 100].id", "[5]"),
        ("$[?@.n == 1.0].id", "[1]"),
        ("$[?@.n == 1e0].id", "[1]"),
        ("$[?@.n == 0.1e1].id", "[1]"),
        ("$[?@.n == 2.5].id", "[2]"),
        ("$[?@.n == 25e-1].id", "[2]"),
        ("$[?@.n == 1E2].id", "[5]"),
        ("$[?@.n == 1e+2].id", "[5]"),
        ("$[?@.n == -1].id", "[4]"),
        ("$[?@.n < -0.5].id", "[4]"),
        ("$[?@.z == 0].id", "[3]"),
        ("$[?@.z == -0].id", "[3]"),
        ("$[?@.z == -0.0].id", "[3]"),
        ("$[?@.z == null].id", "[1]"),
        ("$[?@.z != null].id", "[2, 3, 4, 5]"),
        ("$[?@.z].id", "[1, 3]"),
        ("$[?!@.z].id", "[2, 4, 5]"),
        ("$[?@.b == true].id", "[1]"),
        ("$[?@.b == false].id", "[2]"),
        ("$[?@.b].id", "[1, 2]"),
        ("$[?@.b < true].id", "[]"),
        ("$[?@.b <= true].id", "[1]"),
        ("$[?@.b == 1].id", "[]"),
        ("$[?@.z == false].id", "[]"),
        ("$[?@.s > 'a'].id", "[2, 3, 4]"),
        ("$[?@.s < 'b'].id", "[1, 3, 5]"),
        ("$[?@.s >= 'ab'].id", "[2, 3, 4]"),
        ("$[?@.s == ''].id", "[5]"),
        ("$[?@.s > 'z'].id", "[4]"),
        ("$[?@.s == \"\\u00e9\"].id", "[4]"),
        ("$[?@.s < 1].id", "[]"),
        ("$[?@.arr == $[0].arr].id", "[1]"),
        ("$[?@.obj == $[1].obj].id", "[2]"),
        ("$[?@.obj == $[0].obj].id", "[1]"),
        ("$[?@.arr < $[2].arr].id", "[]"),
        ("$[?@.arr[1] == 2].id", "[1, 3]"),
        ("$[?@.arr[-1] == 3].id", "[3]"),
        ("$[?@.arr[0]].id", "[1, 3]"),
        ("$[?@.arr[*]].id", "[1, 3]"),
        ("$[?@.arr].id", "[1, 2, 3]"),
        ("$[?@.nested.deep.x > 5].id", "[5]"),
        ("$[?@..x].id", "[4, 5]"),
        ("$[?@.obj.k == 'v'].id", "[1]"),
        ("$[?@.obj['k'] == 'v'].id", "[1]"),
        ("$[?@['obj'].k == \"v\"].id", "[1]"),
        ("$[?@[ 'obj' ][ 'k' ] == 'v'].id", "[1]"),
        ("$[?@.missing == @.alsoMissing].id", "[1, 2, 3, 4, 5]"),
        ("$[?@.missing != 1].id", "[1, 2, 3, 4, 5]"),
        ("$[?@.missing == null].id", "[]"),
        ("$[?@.missing < 1].id", "[]"),
        ("$[?@.missing <= @.missing2].id", "[1, 2, 3, 4, 5]"),
        ("$[?@.missing >= @.missing2].id", "[1, 2, 3, 4, 5]"),
        ("$[?$[0].id == 1].id", "[1, 2, 3, 4, 5]"),
        ("$[?@.id == $[4].id].id", "[5]"),
        ("$[?@.id == $[-1].id].id", "[5]"),
        ("$[?$.missing].id", "[]"),
        ("$[?$].id", "[1, 2, 3, 4, 5]"),
        ("$[?@].id", "[1, 2, 3, 4, 5]"),
        ("$[?@.id==1].id", "[1]"),
        ("$[? @.id == 1 ].id", "[1]"),
        ("$[?@.id==1&&@.s=='a'].id", "[1]"),
        ("$[?'a' == 'a'].id", "[1, 2, 3, 4, 5]"),
        ("$[?null == null].id", "[1, 2, 3, 4, 5]"),
        ("$[?1 == 2].id", "[]"),
    ]

    @Test(arguments: comparisonCases)
    func comparisons(query: String, expected: String) {
        T.check(query, on: Self.items, expected: expected)
    }

    static let logicalCases: [(String, String)] = [
        ("$[?@.id == 1 || @.id == 3].id", "[1, 3]"),
        ("$[?@.id > 1 && @.id < 4].id", "[2, 3]"),
        ("$[?@.id == 5 || @.id > 2 && @.id < 4].id", "[3, 5]"),
        ("$[?(@.id == 5 || @.id > 2) && @.id < 4].id", "[3]"),
        ("$[?@.id < 4 && (@.id == 5 || @.id > 2)].id", "[3]"),
        ("$[?!(@.id == 1)].id", "[2, 3, 4, 5]"),
        ("$[?!(@.id == 1) && !(@.id == 2)].id", "[3, 4, 5]"),
        ("$[?!(@.id == 1 || @.id == 2)].id", "[3, 4, 5]"),
        ("$[?! @.z].id", "[2, 4, 5]"),
        ("$[?!(!@.z)].id", "[1, 3]"),
        ("$[?((((@.id == 2))))].id", "[2]"),
        ("$[?@.id == 1 || @.id == 2 || @.id == 3].id", "[1, 2, 3]"),
        ("$[?@.arr && @.obj].id", "[1, 2]"),
        ("$[?@.arr && !@.obj].id", "[3]"),
        ("$[?@.arr[?@ > 2]].id", "[3]"),
        ("$[?@.obj[?@ == 'v']].id", "[1]"),
        ("$[?@[?@ == 'v']].id", "[]"),
        ("$[?@.nested[?@.x == 6]].id", "[5]"),
    ]

    @Test(arguments: logicalCases)
    func logicalOperators(query: String, expected: String) {
        T.check(query, on: Self.items, expected: expected)
    }

    static let functionCases: [(String, String)] = [
        ("$[?length(@.s) == 2].id", "[3]"),
        ("$[?length(@.s) == 1].id", "[1, 2, 4]"),
        ("$[?length(@.s) == 0].id", "[5]"),
        ("$[?length(@.arr) == 3].id", "[3]"),
        ("$[?length(@.arr) == 0].id", "[2]"),
        ("$[?length(@.obj) == 1].id", "[1]"),
        ("$[?length(@.n) == 1].id", "[3]"),
        ("$[?length(@.b) == 1].id", "[]"),
        ("$[?length(@.missing) == 0].id", "[]"),
        ("$[?length(@.missing) == @.missing].id", "[1, 2, 3, 4, 5]"),
        ("$[?length('abc') == 3].id", "[1, 2, 3, 4, 5]"),
        ("$[?length(@) == 7].id", "[1]"),
        ("$[?count(@.arr[*]) == 2].id", "[1]"),
        ("$[?count(@..x) == 1].id", "[4, 5]"),
        ("$[?count(@.*) == 7].id", "[1]"),
        ("$[?count(@.missing) == 0].id", "[1, 2, 3, 4, 5]"),
        ("$[?count(@.arr[*]) > count(@.obj.*)].id", "[1, 3]"),
        ("$[?count($[*]) == 5].id", "[1, 2, 3, 4, 5]"),
        ("$[?value(@.obj.*) == 'v'].id", "[1]"),
        ("$[?value(@..x) == 6].id", "[5]"),
        ("$[?value(@.arr[*]) == 1].id", "[]"),
        ("$[?value(@.id) == 2].id", "[2]"),
        ("$[?length(value(@.s)) == 2].id", "[3]"),
        ("$[?length(value(@.arr)) == count(@.arr[*])].id", "[1, 2, 3]"),
        ("$[?match(@.s, 'a')].id", "[1]"),
        ("$[?match(@.s, 'a.*')].id", "[1, 3]"),
        ("$[?search(@.s, 'b')].id", "[2, 3]"),
        ("$[?search(@.s, '')].id", "[1, 2, 3, 4, 5]"),
        ("$[?match(@.s, '')].id", "[5]"),
        ("$[?match(@.s, '\\\\p{Ll}+')].id", "[1, 2, 3, 4]"),
        ("$[?match(@.s, '\\\\P{Ll}*')].id", "[5]"),
        ("$[?match(@.s, '[^a]')].id", "[2, 4]"),
        ("$[?match(@.s, 'a|b')].id", "[1, 2]"),
        ("$[?match(@.s, '(a|b)+')].id", "[1, 2, 3]"),
        ("$[?match(@.s, '(a|b)*')].id", "[1, 2, 3, 5]"),
        ("$[?match(@.s, 'a{1,2}b?')].id", "[1, 3]"),
        ("$[?match(@.s, '[')].id", "[]"),
        ("$[?!match(@.s, '[')].id", "[1, 2, 3, 4, 5]"),
        ("$[?search(@.s, '(')].id", "[]"),
        ("$[?match(@.n, '1')].id", "[3]"),
        ("$[?match(@.s, @.s)].id", "[1, 2, 3, 4, 5]"),
        ("$[?match(1, '1')].id", "[]"),
        ("$[?match(@.s, 1)].id", "[]"),
        ("$[?match(@.missing, '.*')].id", "[]"),
        ("$[?@.s == 'a' && match(@.s, 'a')].id", "[1]"),
        ("$[?match(@.s, 'a') || search(@.s, 'b')].id", "[1, 2, 3]"),
        ("$[?search(@.s, '\\u00e9')].id", "[4]"),
    ]

    @Test(arguments: functionCases)
    func functions(query: String, expected: String) {
        T.check(query, on: Self.items, expected: expected)
    }

    static let regexCases: [(String, String, String)] = [
        ("$[?match(@, 'a.b')]", #"["a\nb", "a\rb", "a\u2028b", "axb", "a\u00e9b"]"#, #"["a\u2028b", "axb", "a\u00e9b"]"#),
        ("$[?search(@, '^a')]", #"["^a", "ab"]"#, #"["^a"]"#),
        ("$[?match(@, 'a$')]", #"["a$", "a"]"#, #"["a$"]"#),
        ("$[?match(@, '\\\\.')]", #"[".", "x"]"#, #"["."]"#),
        ("$[?match(@, 'e.')]", #"["e\u0301", "e"]"#, #"["e\u0301"]"#),
        ("$[?length(@) == 2]", #"["e\u0301", "\u00e9"]"#, #"["e\u0301"]"#),
        ("$[?length(@) == 1]", #"["\ud83d\ude00", "ab"]"#, #"["\ud83d\ude00"]"#),
        ("$[?match(@, '.')]", #"["\ud83d\ude00", "ab"]"#, #"["\ud83d\ude00"]"#),
        ("$[?match(@, '\\\\d')]", #"["1"]"#, "[]"),
        ("$[?match(@, '\\\\p{Nd}')]", #"["1", "a"]"#, #"["1"]"#),
        ("$[?match(@, '[\\\\p{Lu}0-9]+')]", #"["AB1", "ab"]"#, #"["AB1"]"#),
        ("$[?match(@, '[a-]+')]", #"["a-a", "b"]"#, #"["a-a"]"#),
        ("$[?match(@, '(?:a)')]", #"["a"]"#, "[]"),
        ("$[?match(@, 'a{2}')]", #"["aa", "a", "aaa"]"#, #"["aa"]"#),
        ("$[?match(@, 'a{2,}')]", #"["aaa", "a"]"#, #"["aaa"]"#),
        ("$[?match(@, 'a{,2}')]", #"["a"]"#, "[]"),
        ("$[?match(@, '\\\\t')]", #"["\t", "t"]"#, #"["\t"]"#),
        ("$[?match(@, '[\\\\]]')]", #"["]", "a"]"#, #"["]"]"#),
        ("$[?match(@, '[^\\\\n]')]", #"["\n", "a"]"#, #"["a"]"#),
        ("$[?match(@, '[^a]')]", #"["\n", "a"]"#, #"["\n"]"#),
        ("$[?search(@, 'b')]", #"["abc", "ABC"]"#, #"["abc"]"#),
        ("$[?search(@, '[[:alpha:]]')]", #"["a"]"#, "[]"),
        ("$[?match(@, 'A|B')]", #"["A", "B", "AB"]"#, #"["A", "B"]"#),
        ("$[?match(@, 'a(b|c)d')]", #"["abd", "acd", "ad"]"#, #"["abd", "acd"]"#),
        ("$[?match(@, '\\\\p{L}')]", #"["\u00e9", "1"]"#, #"["\u00e9"]"#),
        ("$[?search(@, \"\\\\\\\\\")]", #"["a\\b", "ab"]"#, #"["a\\b"]"#),
    ]

    @Test(arguments: regexCases)
    func iRegexpSemantics(query: String, document: String, expected: String) {
        T.check(query, on: T.json(document), expected: expected)
    }

    @Test func filtersOverObjectMembers() throws {
        let path = try JSONPath.compile("$[0][?@ == 1]")
        let found = path.queryPaths(Self.items)
        #expect(found.map { $0.path } == ["$[0]['id']", "$[0]['n']"])
    }
}
