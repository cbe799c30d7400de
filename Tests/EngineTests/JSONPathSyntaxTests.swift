import Testing
@testable import Engine

/// Queries the RFC grammar rejects, with what the error says and where; and unusual queries it accepts.
@Suite struct JSONPathSyntaxTests {
    typealias T = JSONPathTestSupport

    @Test func errorMessageNamesTheQueryAndThePosition() {
        do {
            _ = try JSONPath.compile("$.items[?@.price > ]")
            Issue.record("should not compile")
        } catch {
            #expect(error.message == "jsonpath $.items[?@.price > ]: expected a comparable at position 20")
            #expect(error.location == nil)
        }
    }

    /// (query, fragment of the message, 1-based position)
    static let invalid: [(String, String, Int)] = [
        ("", "empty query, expected '$'", 1),
        (" $", "blank space is not allowed before '$'", 1),
        ("$ ", "blank space is not allowed at the end of the query", 3),
        ("$.a\n", "blank space is not allowed at the end of the query", 5),
        ("@.a", "a query must start with '$' ('@' is only valid inside a filter)", 1),
        ("a", "a query must start with '$'", 1),
        ("$.", "expected a member name or '*' after '.'", 3),
        ("$..", "expected a member name, '*' or '[' after '..'", 4),
        ("$...a", "expected a member name, '*' or '[' after '..'", 4),
        ("$.a.", "expected a member name or '*' after '.'", 5),
        ("$. a", "blank space is not allowed after '.'", 4),
        ("$.. a", "blank space is not allowed after '..'", 5),
        ("$.. [0]", "blank space is not allowed after '..'", 5),
        ("$.1", "expected a member name or '*' after '.'", 3),
        ("$.'a'", "expected a member name or '*' after '.'", 3),
        ("$.a-b", "expected a digit after '-'", 5),
        ("$[", "expected a selector", 3),
        ("$]", "unexpected ']'", 2),
        ("$[]", "expected a selector", 3),
        ("$['a'", "expected ',' or ']'", 6),
        ("$['a]", "unterminated string literal", 3),
        ("$[0", "expected ',' or ']'", 4),
        ("$[01]", "leading zeros are not allowed", 3),
        ("$[-01]", "leading zeros are not allowed", 4),
        ("$[-0]", "'-0' is not a valid index", 3),
        ("$[+1]", "unexpected character '+'", 3),
        ("$[1.0]", "expected an integer, found 1.0", 3),
        ("$[1e2]", "expected an integer, found 1e2", 3),
        ("$[9007199254740992]", "out of range", 3),
        ("$[-9007199254740992]", "out of range", 3),
        ("$[99999999999999999999]", "out of range", 3),
        ("$[0:1:2:3]", "expected ',' or ']'", 8),
        ("$[1:2:0.5]", "expected an integer", 7),
        ("$[:01]", "leading zeros", 4),
        ("$[- 1]", "expected a digit after '-'", 4),
        (#"$['\a']"#, #"invalid escape '\a'"#, 4),
        (#"$["\'"]"#, #"invalid escape '\''"#, 4),
        (#"$['\"']"#, #"invalid escape '\"'"#, 4),
        (#"$['\u00']"#, "expected four hex digits after '\\u'", 4),
        (#"$['\u00G0']"#, "expected four hex digits after '\\u'", 4),
        (#"$['\uD800']"#, "high surrogate", 4),
        (#"$['\uD800\u0041']"#, "expected a low surrogate", 10),
        (#"$['\uDC00']"#, "lone low surrogate", 4),
        ("$['\u{1}']", "control character U+0001", 4),
        ("$['a\nb']", "control character U+000A", 5),
        ("$[?]", "expected an expression", 4),
        ("$[?@.a == ]", "expected a comparable", 11),
        ("$[?@.a = 1]", "expected '=='", 8),
        ("$[?@.a === 1]", "expected '=='", 10),
        ("$[?@.a => 1]", "expected '=='", 8),
        ("$[?@.a & @.b]", "expected '&&'", 8),
        ("$[?@.a | @.b]", "expected '||'", 8),
        ("$[?(@.a]", "expected ')'", 8),
        ("$[?@.a)]", "expected ',' or ']'", 7),
        ("$[?true]", "a literal cannot be used as a test", 4),
        ("$[?false]", "a literal cannot be used as a test", 4),
        ("$[?null]", "a literal cannot be used as a test", 4),
        ("$[?1]", "a literal cannot be used as a test", 4),
        ("$[?'a']", "a literal cannot be used as a test", 4),
        ("$[?@.a || 'x']", "a literal cannot be used as a test", 11),
        ("$[?@.a == 1 == 2]", "comparisons cannot be chained", 13),
        ("$[?@.* == 1]", "a comparison needs a singular query", 4),
        ("$[?@..a == 1]", "a comparison needs a singular query", 4),
        ("$[?@['a','b'] == 1]", "a comparison needs a singular query", 4),
        ("$[?@[0:1] == 1]", "a comparison needs a singular query", 4),
        ("$[?@[?@] == 1]", "a comparison needs a singular query", 4),
        ("$[?1 == @.*]", "a comparison needs a singular query", 9),
        ("$[?$..a == 1]", "a comparison needs a singular query", 4),
        ("$[?length(@.a)]", "length() returns a value, which must be compared", 4),
        ("$[?count(@.a)]", "count() returns a value, which must be compared", 4),
        ("$[?value(@.a)]", "value() returns a value, which must be compared", 4),
        ("$[?foo(@.a)]", "unknown function 'foo()'", 4),
        ("$[?Length(@.a) > 1]", "unknown function 'Length()'", 4),
        ("$[?length (@.a) > 1]", "blank space is not allowed between a function name and '('", 11),
        ("$[?length]", "expected '(' after function name 'length'", 4),
        ("$[?length(@.a, @.b) > 1]", "length() takes 1 argument, found 2", 4),
        ("$[?length() > 1]", "length() takes 1 argument, found 0", 4),
        ("$[?match(@.a)]", "match() takes 2 arguments, found 1", 4),
        ("$[?search(@.a, 'a', 'b')]", "search() takes 2 arguments, found 3", 4),
        ("$[?count(@.a,) == 1]", "expected an expression", 14),
        ("$[?count(@.a == 1]", "expected ',' or ')' in the arguments of count()", 18),
        ("$[?length(@.a == 1) > 1]", "a logical expression cannot be used in argument 1 of length()", 11),
        ("$[?match(@.a == 1, 'x')]", "a logical expression cannot be used in argument 1 of match()", 10),
        ("$[?match(@.a, @.*)]", "argument 2 of match() needs a singular query", 15),
        ("$[?length(@.*) < 3]", "argument 1 of length() needs a singular query", 11),
        ("$[?length(match(@.a, 'x')) > 1]", "match() returns LogicalType and cannot be used in argument 1 of length()", 11),
        ("$[?value(1) == 1]", "argument 1 of value() must be a query (NodesType)", 10),
        ("$[?count(length(@.a)) == 1]", "argument 1 of count() must be a query (NodesType)", 10),
        ("$[?count(@.a == 1) == 1]", "argument 1 of count() must be a query (NodesType)", 10),
        ("$[?!@.a == 1]", "a logical expression cannot be compared", 9),
        ("$[?!!@.a]", "expected '(', a query or a function after '!'", 5),
        ("$[?!true]", "expected '(', a query or a function after '!'", 5),
        ("$[?!1]", "expected '(', a query or a function after '!'", 5),
        ("$[?!length(@.a)]", "length() returns a value, which must be compared", 5),
        ("$[?(@.a == 1) == true]", "a logical expression cannot be compared", 15),
        ("$[?@.a == (1)]", "expected a comparable", 11),
        ("$[?@.a && ]", "expected an expression", 11),
        ("$[?@.a || ]", "expected an expression", 11),
        ("$[?&& @.a]", "expected an expression", 4),
        ("$[?01 == 1]", "leading zeros are not allowed", 4),
        ("$[?1. == 1]", "expected a digit after '.' in a number", 6),
        ("$[?.5 == 1]", "expected an expression", 4),
        ("$[?1e == 1]", "expected a digit in the exponent", 6),
        ("$[?@.a == -]", "expected a digit after '-'", 12),
        ("$[?@.a == 'x]", "unterminated string literal", 11),
        ("$[?True]", "unexpected 'True'", 4),
        ("$[?@.a == TRUE]", "unexpected 'TRUE'", 11),
        ("$[?@.a == nul]", "unexpected 'nul'", 11),
        ("$[?@.arr == [1,2]]", "expected a comparable", 13),
        ("$[?@.a == {}]", "unexpected character '{'", 11),
        ("$$", "unexpected '$'", 2),
        ("$.a$", "unexpected '$'", 4),
        ("$a", "unexpected 'a'", 2),
        ("$[?@.a==1]]", "unexpected ']'", 11),
        ("$[0]extra", "unexpected 'extra'", 5),
        ("$['a' 'b']", "expected ',' or ']'", 7),
        ("$[,]", "expected a selector", 3),
        ("$[0,]", "expected a selector", 5),
        ("$#", "unexpected character '#'", 2),
        ("$.a\u{0}", "unexpected character U+0000", 4),
        ("$[?@.a == 1", "expected ',' or ']'", 12),
        ("$.☺[", "expected a selector", 5),
    ]

    @Test(arguments: invalid)
    func rejected(query: String, fragment: String, position: Int) {
        T.checkInvalid(query, fragment, position: position)
    }

    @Test func deeplyNestedFiltersAreRejectedNotOverflowed() {
        let parens = "$[?" + String(repeating: "(", count: 200) + "@" + String(repeating: ")", count: 200) + "]"
        T.checkInvalid(parens, "nested more than 64 levels deep")
        let filters = "$" + String(repeating: "[?@", count: 200) + String(repeating: "]", count: 200)
        T.checkInvalid(filters, "nested more than 64 levels deep")
        let nots = "$[?" + String(repeating: "!(", count: 200) + "@" + String(repeating: ")", count: 200) + "]"
        T.checkInvalid(nots, "nested more than 64 levels deep")
    }

    @Test func nestingWithinTheLimitIsFine() throws {
        let parens = "$[?" + String(repeating: "(", count: 30) + "@" + String(repeating: ")", count: 30) + "]"
        #expect(try JSONPath.compile(parens).query(.array([.number(1)])) == [.number(1)])
    }

    static let valid = [
        "$", "$ .a", "$\t[0]", "$[ 0 , 1 ]", "$[?@.a==1 ]", "$[? @.a]", "$[?@ .a]", "$[?(@.a)]",
        "$[?!(@.a)]", "$[?! @.a]", "$[?( @.a )]", "$[?length( @.a ) > 1]", "$[?match(@.a , 'x')]",
        "$[?@.a == -0]", "$[?@.a == -0.0]", "$[?@.a == 1E3]", "$[?@.a == 1e-3]", "$[?@.a == 1e+3]",
        "$[?@.a == 0.5]", "$[?@.a == -1.5e-7]", "$[1:2:]", "$[::]", "$[:]", "$[-1:]", "$..[0]", "$..*",
        "$..['a']", "$.a..b", "$.true", "$.null", "$.false", #"$['\/']"#, #"$["\u263a"]"#, "$.ünï", "$._",
        "$[?@.a==true]", "$[?value(@.a)==1]", "$[?count(@..*)>1]", "$[?length(value(@.a))>1]",
        "$[?match(@.a, @.b)]", "$[?search(@.a, $.p)]", "$[?@[?@>1]]", "$[?$[?@.a]]", "$[?@.a && (@.b || @.c)]",
        "$[?@.a\n==\n1]", "$.a\n.b", "$[?@['a']==1]", "$[?@[ 'a' ]==1]", "$[?@[-1]==1]",
        "$[?@.a.b.c[0]['d']==1]", "$[?match(@.a, 'a') && search(@.b, 'b')]", "$[?length(@) == length($)]",
        "$[?count(@[*]) == count($[*])]", "$[?!match(@.a, 'x')]", "$[?length(@.a)==1]", "$[?@.a!=1]",
        "$[?@.a<=1]", "$[?@.a>=1]", "$[?@.a<1]", "$[?@.a>1]", "$[?@]", "$[?$]", "$[0,'a',1:2,*,?@]",
        #"$[?@.a=="\""]"#, #"$[?@.a=='\'']"#, "$[?null==@.a]", "$[?'a'<'b']", "$.a1_b2", "$.A",
        "$[9007199254740991]", "$[-9007199254740991]", "$[?@ == 9007199254740992]", "$['\u{7F}']",
        "$[?count(@.*)==0||@.a]", "$[?@.length]", "$.length", "$[?value(@.*) == 1]",
    ]

    @Test(arguments: valid)
    func accepted(query: String) {
        #expect(throws: Never.self) { try JSONPath.compile(query) }
    }

    @Test func textAndSingularityAreExposed() throws {
        let path = try JSONPath.compile("$.a[0]['b']")
        #expect(path.text == "$.a[0]['b']")
        #expect(path.isSingular)
        #expect(try !JSONPath.compile("$.a[*]").isSingular)
        #expect(try !JSONPath.compile("$..a").isSingular)
        #expect(try !JSONPath.compile("$['a','b']").isSingular)
        #expect(try JSONPath.compile("$").isSingular)
    }
}
