import Testing
@testable import Engine

/// Helpers shared by the JSONPath test suites.
enum JSONPathTestSupport {
    /// Parses JSON test text; a malformed fixture fails the test and yields `null`.
    static func json(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            Issue.record("bad JSON fixture \(text): \(error)", sourceLocation: sourceLocation)
            return .null
        }
    }

    /// Runs `query` on `document` and checks the result equals `expected` (a JSON array, in order).
    static func check(_ query: String, on document: JSONValue, expected: String,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path: JSONPath
        do {
            path = try JSONPath.compile(query)
        } catch {
            Issue.record("\(query) did not compile: \(error)", sourceLocation: sourceLocation)
            return
        }
        let actual = JSONValue.array(path.query(document))
        let wanted = json(expected, sourceLocation: sourceLocation)
        #expect(JSONPathComparison.equal(actual, wanted) && actual.serialized() == wanted.serialized(),
                "\(query): got \(actual.serialized()), expected \(wanted.serialized())", sourceLocation: sourceLocation)
    }

    /// Checks `query` is rejected with a message containing `fragment` (and, when given, at `position`).
    static func checkInvalid(_ query: String, _ fragment: String, position: Int? = nil,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try JSONPath.compile(query)
            Issue.record("\(query.debugDescription) compiled but should be invalid", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message.hasPrefix("jsonpath \(query): "), "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(query.debugDescription): \(error.message)", sourceLocation: sourceLocation)
            if let position {
                #expect(error.message.hasSuffix(" at position \(position)"), "\(query.debugDescription): \(error.message)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}
