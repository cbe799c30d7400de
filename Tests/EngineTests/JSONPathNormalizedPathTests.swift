import Testing
@testable import Engine

/// `queryPaths`: RFC 9535 normalized paths (§2.7) for every selected node.
@Suite struct JSONPathNormalizedPathTests {
    typealias T = JSONPathTestSupport

    static let cases: [(String, String, [String])] = [
        ("$", #"{"a": 1}"#, ["$"]),
        ("$..j", #"{ "o": {"j": 1, "k": 2}, "a": [5, 3, [{"j": 4}, {"k": 6}]] }"#, ["$['o']['j']", "$['a'][2][0]['j']"]),
        ("$.a[-1]", #"{"a": [1, 2, 3]}"#, ["$['a'][2]"]),
        ("$.a[::-1]", #"{"a": [1, 2, 3]}"#, ["$['a'][2]", "$['a'][1]", "$['a'][0]"]),
        ("$.a[?@ > 1]", #"{"a": [1, 2, 3]}"#, ["$['a'][1]", "$['a'][2]"]),
        ("$[?@ > 1]", #"{"x": 1, "y": 2}"#, ["$['y']"]),
        ("$.items[0]", #"{"items": [{"id": 1}]}"#, ["$['items'][0]"]),
        ("$[*]", #"{"'": 1, "\\": 2, "\n": 3, "\u0001": 4, "\u001f": 5, "\u007f": 6, "é": 7, "\b\f\r\t": 8, "\u000b": 9, "\u000e": 10}"#,
         [#"$['\'']"#, #"$['\\']"#, #"$['\n']"#, #"$['\u0001']"#, #"$['\u001f']"#, "$['\u{7F}']", "$['é']",
          #"$['\b\f\r\t']"#, #"$['\u000b']"#, #"$['\u000e']"#]),
        ("$..*", #"[[1], {"a": [2]}]"#, ["$[0]", "$[1]", "$[0][0]", "$[1]['a']", "$[1]['a'][0]"]),
        ("$['a','a']", #"{"a": 1}"#, ["$['a']", "$['a']"]),
    ]

    @Test(arguments: cases)
    func paths(query: String, document: String, expected: [String]) throws {
        let found = try JSONPath.compile(query).queryPaths(T.json(document))
        let paths: [String] = found.map { $0.path }
        #expect(paths == expected)
    }

    @Test func everyNormalizedPathSelectsItsNodeAgain() throws {
        let document = T.json(#"{"a": [1, {"b'c": [true, null]}], "\\": {"\n": "x"}, "é": [[]]}"#)
        for (path, value) in try JSONPath.compile("$..*").queryPaths(document) {
            let again = try JSONPath.compile(path)
            #expect(again.isSingular)
            #expect(again.query(document) == [value], "\(path)")
        }
    }

    @Test func queryAndQueryPathsAgree() throws {
        let document = T.json(#"{"store": {"book": [{"price": 1}, {"price": 2}], "bicycle": {"price": 3}}}"#)
        let path = try JSONPath.compile("$..price")
        let withPaths: [JSONValue] = path.queryPaths(document).map { $0.value }
        #expect(path.query(document) == withPaths)
        #expect(path.queryPaths(document).map { $0.path } == [
            "$['store']['book'][0]['price']", "$['store']['book'][1]['price']", "$['store']['bicycle']['price']",
        ])
    }
}
