import Testing
@testable import Engine

/// The examples of RFC 9535, section by section.
@Suite struct JSONPathRFCExampleTests {
    typealias T = JSONPathTestSupport

    // MARK: §1.5 — the bookstore

    static let bookstore = T.json("""
    { "store": {
        "book": [
          { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
          { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
          { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
          { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
        ],
        "bicycle": { "color": "red", "price": 399 }
      }
    }
    """)
    static let book0 = #"{ "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 }"#
    static let book1 = #"{ "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 }"#
    static let book2 = #"{ "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 }"#
    static let book3 = #"{ "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }"#
    static let books = "[\(book0),\(book1),\(book2),\(book3)]"
    static let authors = #"["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]"#

    static let bookstoreCases: [(String, String)] = [
        ("$.store.book[*].author", authors),
        ("$..author", authors),
        ("$.store.*", #"[\#(books), {"color":"red","price":399}]"#),
        ("$.store..price", "[8.95,12.99,8.99,22.99,399]"),
        ("$..book[2]", "[\(book2)]"),
        ("$..book[2].author", #"["Herman Melville"]"#),
        ("$..book[2].publisher", "[]"),
        ("$..book[-1]", "[\(book3)]"),
        ("$..book[0,1]", "[\(book0),\(book1)]"),
        ("$..book[:2]", "[\(book0),\(book1)]"),
        ("$..book[?@.isbn]", "[\(book2),\(book3)]"),
        ("$..book[?@.price<10]", "[\(book0),\(book2)]"),
        ("$.store.book[?@.price < 10].title", #"["Sayings of the Century","Moby Dick"]"#),
        ("$.store.book[?@.category == 'fiction' && @.price > 20].author", #"["J. R. R. Tolkien"]"#),
        ("$..book[?@.author == 'Nigel Rees'].price", "[8.95]"),
        ("$..book.length", "[]"),
        ("$..book[?length(@.title) > 20].title", #"["Sayings of the Century","The Lord of the Rings"]"#),
        ("$..book[?search(@.author, 'R\\\\.')].title", #"["The Lord of the Rings"]"#),
        ("$..book[?match(@.isbn, '[0-9-]+')].title", #"["Moby Dick","The Lord of the Rings"]"#),
        ("$..*[?@.color]", #"[{"color":"red","price":399}]"#),
        ("$.store[?@.color].price", "[399]"),
        ("$", "[\(bookstore.serialized())]"),
    ]

    @Test(arguments: bookstoreCases)
    func bookstoreQueries(query: String, expected: String) {
        T.check(query, on: Self.bookstore, expected: expected)
    }

    @Test func everythingUnderTheRoot() throws {
        let all = try JSONPath.compile("$..*").query(Self.bookstore)
        // store, book, bicycle, 4 books, 4×4 or 4×5 book members, 2 bicycle members.
        let expected: Int = 1 + 2 + 4 + 18 + 2
        #expect(all.count == expected)
    }

    // MARK: §2.3.1.3 — name selector

    static let names = T.json(#"{ "o": {"j j": {"k.k": 3}}, "'": {"@": 2} }"#)
    static let nameCases: [(String, String)] = [
        ("$.o['j j']", #"[{"k.k": 3}]"#),
        ("$.o['j j']['k.k']", "[3]"),
        (#"$.o["j j"]["k.k"]"#, "[3]"),
        (#"$["'"]["@"]"#, "[2]"),
        (#"$['\'']['@']"#, "[2]"),
        ("$.o.j j", "[]"),
    ]

    @Test(arguments: nameCases.filter { $0.0 != "$.o.j j" })
    func nameSelector(query: String, expected: String) {
        T.check(query, on: Self.names, expected: expected)
    }

    // MARK: §2.3.2.3 — wildcard selector

    static let wildcard = T.json(#"{ "o": {"j": 1, "k": 2}, "a": [5, 3] }"#)
    static let wildcardCases: [(String, String)] = [
        ("$[*]", #"[{"j": 1, "k": 2}, [5, 3]]"#),
        ("$.o[*]", "[1, 2]"),
        ("$.o[*, *]", "[1, 2, 1, 2]"),
        ("$.a[*]", "[5, 3]"),
        ("$.*", #"[{"j": 1, "k": 2}, [5, 3]]"#),
        ("$.a.*", "[5, 3]"),
        ("$.a[0].*", "[]"),
    ]

    @Test(arguments: wildcardCases)
    func wildcardSelector(query: String, expected: String) {
        T.check(query, on: Self.wildcard, expected: expected)
    }

    // MARK: §2.3.3.3 — index selector, §2.3.4.3 — array slice selector

    static let indexCases: [(String, String)] = [
        ("$[1]", #"["b"]"#),
        ("$[-2]", #"["a"]"#),
    ]

    @Test(arguments: indexCases)
    func indexSelector(query: String, expected: String) {
        T.check(query, on: T.json(#"["a", "b"]"#), expected: expected)
    }

    static let sliceCases: [(String, String)] = [
        ("$[1:3]", #"["b", "c"]"#),
        ("$[5:]", #"["f", "g"]"#),
        ("$[1:5:2]", #"["b", "d"]"#),
        ("$[5:1:-2]", #"["f", "d"]"#),
        ("$[::-1]", #"["g", "f", "e", "d", "c", "b", "a"]"#),
    ]

    @Test(arguments: sliceCases)
    func sliceSelector(query: String, expected: String) {
        T.check(query, on: T.json(#"["a", "b", "c", "d", "e", "f", "g"]"#), expected: expected)
    }

    // MARK: §2.3.5.3 — filter selector

    static let filterDocument = T.json("""
    { "a": [3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}],
      "o": {"p": 1, "q": 2, "r": 3, "s": 5, "t": {"u": 6}},
      "e": "f" }
    """)
    static let filterCases: [(String, String)] = [
        ("$.a[?@.b == 'kilo']", #"[{"b": "kilo"}]"#),
        ("$.a[?(@.b == 'kilo')]", #"[{"b": "kilo"}]"#),
        ("$.a[?@>3.5]", "[5, 4, 6]"),
        ("$.a[?@.b]", #"[{"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}]"#),
        ("$[?@.*]", #"[[3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}], {"p": 1, "q": 2, "r": 3, "s": 5, "t": {"u": 6}}]"#),
        ("$[?@[?@.b]]", #"[[3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}]]"#),
        ("$.o[?@<3, ?@<3]", "[1, 2, 1, 2]"),
        (#"$.a[?@<2 || @.b == "k"]"#, #"[1, {"b": "k"}]"#),
        (#"$.a[?match(@.b, "[jk]")]"#, #"[{"b": "j"}, {"b": "k"}]"#),
        (#"$.a[?search(@.b, "[jk]")]"#, #"[{"b": "j"}, {"b": "k"}, {"b": "kilo"}]"#),
        ("$.o[?@>1 && @<4]", "[2, 3]"),
        ("$.o[?@.u || @.x]", #"[{"u": 6}]"#),
        ("$.a[?@.b == $.x]", "[3, 5, 1, 2, 4, 6]"),
        ("$.a[?@ == @]", #"[3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}]"#),
    ]

    @Test(arguments: filterCases)
    func filterSelector(query: String, expected: String) {
        T.check(query, on: Self.filterDocument, expected: expected)
    }

    // MARK: §2.3.5.3 — comparison table (each expression used as a filter over the root's two members)

    static let comparisonCases: [(String, Bool)] = [
        ("$.absent1 == $.absent2", true),
        ("$.absent1 <= $.absent2", true),
        ("$.absent == 'g'", false),
        ("$.absent1 != $.absent2", false),
        ("$.absent != 'g'", true),
        ("1 <= 2", true),
        ("1 > 2", false),
        ("13 == '13'", false),
        ("'a' <= 'b'", true),
        ("'a' > 'b'", false),
        ("$.obj == $.arr", false),
        ("$.obj != $.arr", true),
        ("$.obj == $.obj", true),
        ("$.obj != $.obj", false),
        ("$.arr == $.arr", true),
        ("$.arr != $.arr", false),
        ("$.obj == 17", false),
        ("$.obj != 17", true),
        ("$.obj <= $.arr", false),
        ("$.obj < $.arr", false),
        ("$.obj <= $.obj", true),
        ("$.arr <= $.arr", true),
        ("1 <= $.arr", false),
        ("1 >= $.arr", false),
        ("1 > $.arr", false),
        ("1 < $.arr", false),
        ("true <= true", true),
        ("true > true", false),
    ]

    @Test(arguments: comparisonCases)
    func comparisonTable(expression: String, holds: Bool) throws {
        let document = T.json(#"{"obj": {"x": "y"}, "arr": [2, 3]}"#)
        let selected = try JSONPath.compile("$[?\(expression)]").query(document)
        #expect(selected.count == (holds ? 2 : 0), "\(expression)")
    }

    // MARK: §2.4 — function extensions (well-typedness table and semantics)

    static let wellTyped = [
        "$[?length(@) < 3]",
        "$[?count(@.*) == 1]",
        "$[?match(@.timezone, 'Europe/.*')]",
        "$[?value(@..color) == \"red\"]",
        "$[?length(@.authors) >= 5]",
        "$[?count(@.*.author) >= 5]",
        "$[?match(@.date, \"1974-05-..\")]",
        "$[?search(@.author, \"[BR]ob\")]",
    ]

    @Test(arguments: wellTyped)
    func wellTypedFunctionExpressions(query: String) throws {
        _ = try JSONPath.compile(query)
    }

    static let notWellTyped: [(String, String)] = [
        ("$[?length(@.*) < 3]", "argument 1 of length() needs a singular query"),
        ("$[?count(1) == 1]", "argument 1 of count() must be a query"),
        ("$[?count(foo(@.*)) == 1]", "unknown function 'foo()'"),
        ("$[?match(@.timezone, 'Europe/.*') == true]", "match() returns LogicalType and cannot be used in a comparison"),
        ("$[?value(@..color)]", "value() returns a value, which must be compared"),
        ("$[?bar(@.a)]", "unknown function 'bar()'"),
        ("$[?bnl(@.*)]", "unknown function 'bnl()'"),
        ("$[?blt(1==1)]", "unknown function 'blt()'"),
        ("$[?blt(1)]", "unknown function 'blt()'"),
    ]

    @Test(arguments: notWellTyped)
    func notWellTypedFunctionExpressions(query: String, fragment: String) {
        T.checkInvalid(query, fragment)
    }

    static let functionDocument = T.json("""
    [ {"authors": ["a", "b", "c", "d", "e"], "timezone": "Europe/Paris", "date": "1974-05-01", "author": "Bob",
       "color": "blue", "x": {"color": "red"}},
      {"authors": "abcdef", "timezone": "America/New_York", "date": "1974-06-01", "author": "Rob", "color": "red"},
      {"authors": {"a": 1}, "date": "1974-05-1x", "author": "Alice", "p": {"q": {"color": "red"}}} ]
    """)
    static let functionCases: [(String, String)] = [
        ("$[?length(@.authors) >= 5].author", #"["Bob", "Rob"]"#),
        ("$[?count(@.*) == 6].author", #"["Bob"]"#),
        ("$[?match(@.timezone, 'Europe/.*')].author", #"["Bob"]"#),
        ("$[?match(@.date, \"1974-05-..\")].author", #"["Bob", "Alice"]"#),
        ("$[?search(@.author, \"[BR]ob\")].author", #"["Bob", "Rob"]"#),
        ("$[?value(@..color) == \"red\"].author", #"["Rob", "Alice"]"#),
    ]

    @Test(arguments: functionCases)
    func functionSemantics(query: String, expected: String) {
        T.check(query, on: Self.functionDocument, expected: expected)
    }

    // MARK: §2.5.2.3 — descendant segment

    static let descendantDocument = T.json(#"{ "o": {"j": 1, "k": 2}, "a": [5, 3, [{"j": 4}, {"k": 6}]] }"#)
    static let everything = #"[{"j": 1, "k": 2}, [5, 3, [{"j": 4}, {"k": 6}]], 1, 2, 5, 3, [{"j": 4}, {"k": 6}], {"j": 4}, {"k": 6}, 4, 6]"#
    static let descendantCases: [(String, String)] = [
        ("$..j", "[1, 4]"),
        ("$..[0]", #"[5, {"j": 4}]"#),
        ("$..[*]", everything),
        ("$..*", everything),
        ("$..o", #"[{"j": 1, "k": 2}]"#),
        ("$.o..[*, *]", "[1, 2, 1, 2]"),
        ("$.a..[0, 1]", #"[5, 3, {"j": 4}, {"k": 6}]"#),
        ("$..['j','k']", "[1, 2, 4, 6]"),
        ("$..[?@ > 3]", "[5, 4, 6]"),
        ("$.a..j", "[4]"),
        ("$..x", "[]"),
    ]

    @Test(arguments: descendantCases)
    func descendantSegment(query: String, expected: String) {
        T.check(query, on: Self.descendantDocument, expected: expected)
    }

    // MARK: §2.6 — null semantics

    static let nullCases: [(String, String)] = [
        ("$.a", "[null]"),
        ("$.a[0]", "[]"),
        ("$.a.d", "[]"),
        ("$.b[0]", "[null]"),
        ("$.b[*]", "[null]"),
        ("$.b[?@]", "[null]"),
        ("$.b[?@==null]", "[null]"),
        ("$.c[?@.d==null]", "[]"),
        ("$.null", "[1]"),
    ]

    @Test(arguments: nullCases)
    func nullSemantics(query: String, expected: String) {
        T.check(query, on: T.json(#"{"a": null, "b": [null], "c": [{}], "null": 1}"#), expected: expected)
    }

    // MARK: §2.7 — normalized paths

    static let normalizedCases: [(String, String, String)] = [
        ("$.a", #"{"a": 1}"#, "$['a']"),
        ("$[1]", #"[0, 1]"#, "$[1]"),
        ("$[-3]", #"[0, 1, 2, 3, 4]"#, "$[2]"),
        ("$.a.b[1:2]", #"{"a": {"b": [0, 1, 2]}}"#, "$['a']['b'][1]"),
        (#"$["\u000B"]"#, #"{"\u000b": 1}"#, #"$['\u000b']"#),
        (#"$["\u0061"]"#, #"{"a": 1}"#, "$['a']"),
    ]

    @Test(arguments: normalizedCases)
    func normalizedPaths(query: String, document: String, path: String) throws {
        let result = try JSONPath.compile(query).queryPaths(T.json(document))
        let paths: [String] = result.map { $0.path }
        #expect(paths == [path])
    }
}
