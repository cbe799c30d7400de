import Testing
@testable import Engine

/// One assertion against the standard response, with the exact result expected.
struct AssertionCase: Sendable, CustomTestStringConvertible {
    var subject: AssertionSubject
    var checks: [PredicateCheck]
    var passed: Bool
    var description: String
    var expected: String
    var actual: String
    var message: String?

    var testDescription: String { description }
}

private func check(_ op: PredicateOperator, _ expected: AssertionJSONLiteral) -> PredicateCheck {
    PredicateCheck(op: op, expected: expected.value)
}

private func c(_ subject: AssertionSubject, _ op: PredicateOperator, _ expected: AssertionJSONLiteral, _ passed: Bool,
               _ description: String, _ expectedText: String, _ actual: String, _ message: String? = nil) -> AssertionCase {
    AssertionCase(subject: subject, checks: [check(op, expected)], passed: passed, description: description,
                  expected: expectedText, actual: actual, message: message)
}

/// Every subject and operator, passing and failing, with the exact description, expected and actual text.
@Suite struct AssertionEvaluatorTests {
    typealias S = AssertionTestSupport
    static let contentType = "application/json; charset=utf-8"

    static let statusCases: [AssertionCase] = [
        c(.status, .equals, 201, true, "status == 201", "201", "201"),
        c(.status, .equals, 200, false, "status == 200", "200", "201"),
        c(.status, .equals, "201", true, #"status == "201""#, #""201""#, "201"),
        c(.status, .equals, "abc", false, #"status == "abc""#, #""abc""#, "201"),
        c(.status, .equals, true, false, "status == true", "true", "201"),
        c(.status, .notEquals, 200, true, "status != 200", "200", "201"),
        c(.status, .notEquals, 201, false, "status != 201", "201", "201"),
        c(.status, .notEquals, "201", false, #"status != "201""#, #""201""#, "201"),
        c(.status, .lessThan, 300, true, "status < 300", "300", "201"),
        c(.status, .lessThan, 201, false, "status < 201", "201", "201"),
        c(.status, .lessThanOrEqual, 201, true, "status <= 201", "201", "201"),
        c(.status, .lessThanOrEqual, 200, false, "status <= 200", "200", "201"),
        c(.status, .greaterThan, 200, true, "status > 200", "200", "201"),
        c(.status, .greaterThan, 201, false, "status > 201", "201", "201"),
        c(.status, .greaterThanOrEqual, 201, true, "status >= 201", "201", "201"),
        c(.status, .greaterThanOrEqual, 202, false, "status >= 202", "202", "201"),
        c(.status, .lessThan, "300", false, #"status < "300""#, #""300""#, "201",
          "cannot compare a status code with a string using <"),
        c(.status, .oneOf, [200, 201], true, "status in [200,201]", "[200,201]", "201"),
        c(.status, .oneOf, [200, 204], false, "status in [200,204]", "[200,204]", "201"),
        c(.status, .oneOf, ["201"], true, #"status in ["201"]"#, #"["201"]"#, "201"),
        c(.status, .oneOf, 201, false, "status in 201", "201", "201", "in needs a list of values, for example [200, 201]"),
        c(.status, .matches, "^2\\d\\d$", true, #"status matches "^2\\d\\d$""#, #""^2\\d\\d$""#, "201"),
        c(.status, .matches, "^3", false, #"status matches "^3""#, #""^3""#, "201"),
        c(.status, .type, "integer", true, "status type integer", "integer", "number"),
        c(.status, .type, "number", true, "status type number", "number", "number"),
        c(.status, .type, "string", false, "status type string", "string", "number"),
        c(.status, .contains, 2, false, "status contains 2", "2", "201",
          "contains needs a string, an array or an object, not a status code"),
        c(.status, .notContains, 2, false, "status notContains 2", "2", "201",
          "contains needs a string, an array or an object, not a status code"),
        c(.status, .exists, true, true, "status exists", "present", "201"),
        c(.status, .exists, false, false, "status does not exist", "<absent>", "201"),
        c(.status, .count, 1, false, "status count == 1", "1", "201",
          "count needs an array, an object or a string, not a status code"),
    ]

    static let headerCases: [AssertionCase] = [
        c(.header("Content-Type"), .contains, "json", true, #"header Content-Type contains "json""#, "json", contentType),
        c(.header("Content-Type"), .contains, "xml", false, #"header Content-Type contains "xml""#, "xml", contentType),
        c(.header("content-type"), .equals, "application/json", false, #"header content-type == "application/json""#,
          "application/json", contentType),
        c(.header("CONTENT-TYPE"), .equals, .string(contentType), true, #"header CONTENT-TYPE == "\#(contentType)""#,
          contentType, contentType),
        c(.header("Set-Cookie"), .equals, "a=1, b=2", true, #"header Set-Cookie == "a=1, b=2""#, "a=1, b=2", "a=1, b=2"),
        c(.header("Set-Cookie"), .contains, "b=2", true, #"header Set-Cookie contains "b=2""#, "b=2", "a=1, b=2"),
        c(.header("X-Missing"), .exists, false, true, "header X-Missing does not exist", "<absent>", "<absent>"),
        c(.header("X-Missing"), .exists, true, false, "header X-Missing exists", "present", "<absent>"),
        c(.header("X-Missing"), .equals, "x", false, #"header X-Missing == "x""#, "x", "<absent>"),
        c(.header("X-Missing"), .notEquals, "x", false, #"header X-Missing != "x""#, "x", "<absent>"),
        c(.header("X-Missing"), .notContains, "x", false, #"header X-Missing notContains "x""#, "x", "<absent>"),
        c(.header("X-Missing"), .type, "string", false, "header X-Missing type string", "string", "<absent>"),
        c(.header("X-Missing"), .count, 0, false, "header X-Missing count == 0", "0", "<absent>"),
        c(.header("X-Empty"), .exists, true, true, "header X-Empty exists", "present", ""),
        c(.header("X-Empty"), .equals, "", true, #"header X-Empty == """#, "", ""),
        c(.header("Content-Length"), .equals, 123, true, "header Content-Length == 123", "123", "123"),
        c(.header("Content-Length"), .equals, "123", true, #"header Content-Length == "123""#, "123", "123"),
        c(.header("Content-Length"), .greaterThan, 100, true, "header Content-Length > 100", "100", "123"),
        c(.header("Content-Length"), .lessThanOrEqual, 100, false, "header Content-Length <= 100", "100", "123"),
        c(.header("Content-Type"), .greaterThan, 100, false, "header Content-Type > 100", "100", contentType,
          #"cannot compare "\#(contentType)" with a number: it is not a number"#),
        c(.header("Content-Type"), .lessThan, "b", true, #"header Content-Type < "b""#, "b", contentType),
        c(.header("Content-Type"), .greaterThanOrEqual, "b", false, #"header Content-Type >= "b""#, "b", contentType),
        c(.header("Content-Type"), .matches, "^application/(.+\\+)?json", true,
          #"header Content-Type matches "^application/(.+\\+)?json""#, #"^application/(.+\+)?json"#, contentType),
        c(.header("Content-Type"), .matches, "^json", false, #"header Content-Type matches "^json""#, "^json", contentType),
        c(.header("Content-Type"), .notContains, "xml", true, #"header Content-Type notContains "xml""#, "xml", contentType),
        c(.header("Content-Type"), .notContains, "json", false, #"header Content-Type notContains "json""#, "json", contentType),
        c(.header("Content-Type"), .type, "string", true, "header Content-Type type string", "string", "string"),
        c(.header("Content-Type"), .oneOf, ["text/plain", .string(contentType)], true,
          #"header Content-Type in ["text/plain","\#(contentType)"]"#, #"["text/plain","\#(contentType)"]"#, contentType),
        c(.header("Content-Type"), .oneOf, ["text/plain"], false, #"header Content-Type in ["text/plain"]"#,
          #"["text/plain"]"#, contentType),
        c(.header("Content-Length"), .count, 3, true, "header Content-Length count == 3", "3", "3"),
    ]

    static let truncatedBody = String(S.bodyText.prefix(200)) + "…"

    static let bodyCases: [AssertionCase] = [
        c(.body, .contains, "Ada", true, #"body contains "Ada""#, "Ada", truncatedBody),
        c(.body, .contains, "Bob", false, #"body contains "Bob""#, "Bob", truncatedBody),
        c(.body, .contains, 9.5, true, "body contains 9.5", "9.5", truncatedBody),
        c(.body, .equals, "x", false, #"body == "x""#, "x", truncatedBody),
        c(.body, .equals, .string(S.bodyText), true, "body == \(JSONValue.string(S.bodyText).serialized())",
          S.bodyText, truncatedBody),
        c(.body, .matches, "\"id\":\\s*7", true, #"body matches "\"id\":\\s*7""#, #""id":\s*7"#, truncatedBody),
        c(.body, .matches, "^\\[", false, #"body matches "^\\[""#, #"^\["#, truncatedBody),
        c(.body, .count, .number(Double(S.bodyText.unicodeScalars.count)), true,
          "body count == \(S.bodyText.unicodeScalars.count)", "\(S.bodyText.unicodeScalars.count)",
          "\(S.bodyText.unicodeScalars.count)"),
        c(.body, .type, "string", true, "body type string", "string", "string"),
        c(.body, .exists, true, true, "body exists", "present", truncatedBody),
    ]

    static let jsonPathCases: [AssertionCase] = [
        c(.jsonPath("$.id"), .equals, 7, true, "jsonpath $.id == 7", "7", "7"),
        c(.jsonPath("$.id"), .equals, "7", false, #"jsonpath $.id == "7""#, #""7""#, "7"),
        c(.jsonPath("$.id"), .equals, 7.0, true, "jsonpath $.id == 7", "7", "7"),
        c(.jsonPath("$.name"), .equals, "Ada", true, #"jsonpath $.name == "Ada""#, #""Ada""#, #""Ada""#),
        c(.jsonPath("$.name"), .notEquals, "Ada", false, #"jsonpath $.name != "Ada""#, #""Ada""#, #""Ada""#),
        c(.jsonPath("$.name"), .notEquals, 1, true, #"jsonpath $.name != 1"#, "1", #""Ada""#),
        c(.jsonPath("$.price"), .greaterThan, 9, true, "jsonpath $.price > 9", "9", "9.5"),
        c(.jsonPath("$.price"), .lessThan, 9, false, "jsonpath $.price < 9", "9", "9.5"),
        c(.jsonPath("$.price"), .lessThanOrEqual, 9.5, true, "jsonpath $.price <= 9.5", "9.5", "9.5"),
        c(.jsonPath("$.price"), .greaterThanOrEqual, 10, false, "jsonpath $.price >= 10", "10", "9.5"),
        c(.jsonPath("$.price"), .greaterThan, "9", false, #"jsonpath $.price > "9""#, #""9""#, "9.5",
          "cannot compare a number with a string using >"),
        c(.jsonPath("$.name"), .lessThan, "B", true, #"jsonpath $.name < "B""#, #""B""#, #""Ada""#),
        c(.jsonPath("$.name"), .greaterThan, "B", false, #"jsonpath $.name > "B""#, #""B""#, #""Ada""#),
        c(.jsonPath("$.tags"), .lessThan, 3, false, "jsonpath $.tags < 3", "3", #"["x","y"]"#,
          "cannot compare an array with a number using <"),
        c(.jsonPath("$.tags"), .contains, "x", true, #"jsonpath $.tags contains "x""#, #""x""#, #"["x","y"]"#),
        c(.jsonPath("$.tags"), .contains, "z", false, #"jsonpath $.tags contains "z""#, #""z""#, #"["x","y"]"#),
        c(.jsonPath("$.tags"), .notContains, "z", true, #"jsonpath $.tags notContains "z""#, #""z""#, #"["x","y"]"#),
        c(.jsonPath("$.meta"), .contains, "k", true, #"jsonpath $.meta contains "k""#, #""k""#, #"{"k":"v","n":null}"#),
        c(.jsonPath("$.meta"), .contains, "v", false, #"jsonpath $.meta contains "v""#, #""v""#, #"{"k":"v","n":null}"#),
        c(.jsonPath("$.meta"), .contains, 1, false, "jsonpath $.meta contains 1", "1", #"{"k":"v","n":null}"#,
          "contains on an object needs a key (a string), not a number"),
        c(.jsonPath("$.name"), .contains, "d", true, #"jsonpath $.name contains "d""#, #""d""#, #""Ada""#),
        c(.jsonPath("$.name"), .contains, 1, false, "jsonpath $.name contains 1", "1", #""Ada""#,
          "contains on a string needs a string, not a number"),
        c(.jsonPath("$.id"), .contains, 7, false, "jsonpath $.id contains 7", "7", "7",
          "contains needs a string, an array or an object, not a number"),
        c(.jsonPath("$.items[*].id"), .contains, 2, true, "jsonpath $.items[*].id contains 2", "2", "[1,2,3]"),
        c(.jsonPath("$.items[*].id"), .notContains, 2, false, "jsonpath $.items[*].id notContains 2", "2", "[1,2,3]"),
        c(.jsonPath("$.items[*].id"), .equals, [1, 2, 3], true, "jsonpath $.items[*].id == [1,2,3]", "[1,2,3]", "[1,2,3]"),
        c(.jsonPath("$.items[*].id"), .count, 3, true, "jsonpath $.items[*].id count == 3", "3", "3"),
        c(.jsonPath("$.items[*].id"), .exists, true, true, "jsonpath $.items[*].id exists", "present", "[1,2,3]"),
        c(.jsonPath("$.items[*].id"), .type, "array", true, "jsonpath $.items[*].id type array", "array", "array"),
        c(.jsonPath("$.items[*].id"), .greaterThan, 0, false, "jsonpath $.items[*].id > 0", "0", "[1,2,3]",
          "cannot compare a list of nodes with a number using >"),
        c(.jsonPath("$.items"), .count, 3, true, "jsonpath $.items count == 3", "3", "3"),
        c(.jsonPath("$.items"), .count, 2, false, "jsonpath $.items count == 2", "2", "3"),
        c(.jsonPath("$.items[0]"), .count, 1, true, "jsonpath $.items[0] count == 1", "1", "1"),
        c(.jsonPath("$.name"), .count, 3, true, "jsonpath $.name count == 3", "3", "3"),
        c(.jsonPath("$.meta"), .count, 2, true, "jsonpath $.meta count == 2", "2", "2"),
        c(.jsonPath("$.id"), .count, 1, false, "jsonpath $.id count == 1", "1", "7",
          "count needs an array, an object or a string, not a number"),
        c(.jsonPath("$.missing"), .count, 0, true, "jsonpath $.missing count == 0", "0", "0"),
        c(.jsonPath("$.missing"), .exists, false, true, "jsonpath $.missing does not exist", "<absent>", "<absent>"),
        c(.jsonPath("$.missing"), .exists, true, false, "jsonpath $.missing exists", "present", "<absent>"),
        c(.jsonPath("$.missing"), .equals, .null, false, "jsonpath $.missing == null", "null", "<absent>",
          "jsonpath $.missing selected nothing"),
        c(.jsonPath("$.missing"), .notEquals, 1, false, "jsonpath $.missing != 1", "1", "<absent>",
          "jsonpath $.missing selected nothing"),
        c(.jsonPath("$.nothing"), .equals, .null, true, "jsonpath $.nothing == null", "null", "null"),
        c(.jsonPath("$.nothing"), .exists, true, true, "jsonpath $.nothing exists", "present", "null"),
        c(.jsonPath("$.nothing"), .type, "null", true, "jsonpath $.nothing type null", "null", "null"),
        c(.jsonPath("$.id"), .type, "integer", true, "jsonpath $.id type integer", "integer", "number"),
        c(.jsonPath("$.id"), .type, "number", true, "jsonpath $.id type number", "number", "number"),
        c(.jsonPath("$.price"), .type, "integer", false, "jsonpath $.price type integer", "integer", "number"),
        c(.jsonPath("$.name"), .type, "integer", false, "jsonpath $.name type integer", "integer", "string"),
        c(.jsonPath("$.flag"), .type, "boolean", true, "jsonpath $.flag type boolean", "boolean", "boolean"),
        c(.jsonPath("$.tags"), .type, "array", true, "jsonpath $.tags type array", "array", "array"),
        c(.jsonPath("$.meta"), .type, "object", true, "jsonpath $.meta type object", "object", "object"),
        c(.jsonPath("$.name"), .type, "string", true, "jsonpath $.name type string", "string", "string"),
        c(.jsonPath("$.name"), .type, "number", false, "jsonpath $.name type number", "number", "string"),
        c(.jsonPath("$.id"), .type, "float", false, "jsonpath $.id type float", "float", "number",
          "type must be one of string, number, integer, boolean, array, object, null"),
        c(.jsonPath("$.id"), .type, 1, false, "jsonpath $.id type 1", "1", "number",
          "type must be one of string, number, integer, boolean, array, object, null"),
        c(.jsonPath("$.name"), .matches, "^A", true, #"jsonpath $.name matches "^A""#, #""^A""#, #""Ada""#),
        c(.jsonPath("$.name"), .matches, "^a", false, #"jsonpath $.name matches "^a""#, #""^a""#, #""Ada""#),
        c(.jsonPath("$.id"), .matches, "7", false, #"jsonpath $.id matches "7""#, #""7""#, "7",
          "matches needs a string, not a number"),
        c(.jsonPath("$.name"), .matches, 1, false, "jsonpath $.name matches 1", "1", #""Ada""#,
          "matches needs a regular expression (a string), not a number"),
        c(.jsonPath("$.name"), .oneOf, ["Ada", "Bob"], true, #"jsonpath $.name in ["Ada","Bob"]"#, #"["Ada","Bob"]"#, #""Ada""#),
        c(.jsonPath("$.name"), .oneOf, ["Bob"], false, #"jsonpath $.name in ["Bob"]"#, #"["Bob"]"#, #""Ada""#),
        c(.jsonPath("$.meta"), .equals, ["n": .null, "k": "v"], true, #"jsonpath $.meta == {"n":null,"k":"v"}"#,
          #"{"n":null,"k":"v"}"#, #"{"k":"v","n":null}"#),
        c(.jsonPath("$.flag"), .equals, true, true, "jsonpath $.flag == true", "true", "true"),
        c(.jsonPath("$.flag"), .equals, 1, false, "jsonpath $.flag == 1", "1", "true"),
        c(.jsonPath("$.long"), .equals, "x", false, #"jsonpath $.long == "x""#, #""x""#,
          String(JSONValue.string(S.longText).serialized().prefix(200)) + "…"),
        c(.jsonPath("$.items[?@.id > 1].id"), .equals, [2, 3], true, "jsonpath $.items[?@.id > 1].id == [2,3]",
          "[2,3]", "[2,3]"),
        c(.jsonPath("$["), .exists, false, false, "jsonpath $[ does not exist", "<absent>", "<absent>",
          "jsonpath $[: expected a selector (a name, an index, a slice, '*' or a filter) at position 3"),
        c(.jsonPath("$["), .equals, 1, false, "jsonpath $[ == 1", "1", "<absent>",
          "jsonpath $[: expected a selector (a name, an index, a slice, '*' or a filter) at position 3"),
        c(.jsonPath("$.id"), .exists, "yes", false, #"jsonpath $.id exists "yes""#, #""yes""#, "7",
          "exists needs true or false"),
        c(.jsonPath("$.tags"), .count, "2", false, #"jsonpath $.tags count == "2""#, #""2""#, "2",
          #"count needs a number or a predicate such as {">=": 1}"#),
    ]

    static let durationCases: [AssertionCase] = [
        c(.duration, .lessThan, 500, true, "duration < 500 ms", "500 ms", "123.456 ms"),
        c(.duration, .greaterThan, 500, false, "duration > 500 ms", "500 ms", "123.456 ms"),
        c(.duration, .lessThanOrEqual, 123.456, true, "duration <= 123.456 ms", "123.456 ms", "123.456 ms"),
        c(.duration, .greaterThanOrEqual, 123.457, false, "duration >= 123.457 ms", "123.457 ms", "123.456 ms"),
        c(.duration, .equals, 123.456, true, "duration == 123.456 ms", "123.456 ms", "123.456 ms"),
        c(.duration, .notEquals, 123.456, false, "duration != 123.456 ms", "123.456 ms", "123.456 ms"),
        c(.duration, .lessThan, "500", false, #"duration < "500""#, #""500""#, "123.456 ms",
          "cannot compare a duration with a string using <"),
        c(.duration, .type, "number", true, "duration type number", "number", "number"),
        c(.duration, .type, "integer", false, "duration type integer", "integer", "number"),
        c(.duration, .exists, true, true, "duration exists", "present", "123.456 ms"),
        c(.duration, .oneOf, [1, 2], false, "duration in [1,2]", "[1,2]", "123.456 ms"),
        c(.duration, .matches, "1", false, #"duration matches "1""#, #""1""#, "123.456 ms",
          "matches needs a string, not a duration"),
        c(.duration, .contains, 1, false, "duration contains 1 ms", "1 ms", "123.456 ms",
          "contains needs a string, an array or an object, not a duration"),
    ]

    static let multiCheckCases: [AssertionCase] = [
        AssertionCase(subject: .status, checks: [check(.greaterThanOrEqual, 200), check(.lessThan, 300)], passed: true,
                      description: "status >= 200, < 300", expected: ">= 200, < 300", actual: "201"),
        AssertionCase(subject: .status, checks: [check(.greaterThanOrEqual, 200), check(.lessThan, 201)], passed: false,
                      description: "status >= 200, < 201", expected: "< 201", actual: "201"),
        AssertionCase(subject: .jsonPath("$.id"), checks: [check(.exists, true), check(.type, "integer"), check(.equals, 8)],
                      passed: false, description: "jsonpath $.id exists, type integer, == 8", expected: "== 8", actual: "7"),
        AssertionCase(subject: .jsonPath("$.id"), checks: [check(.type, "string"), check(.equals, 8)], passed: false,
                      description: "jsonpath $.id type string, == 8", expected: "string", actual: "number"),
        AssertionCase(subject: .jsonPath("$.tags"),
                      checks: [PredicateCheck(op: .count, expected: .object(JSONObject()), nested: Predicate([
                          check(.greaterThanOrEqual, 1), check(.lessThan, 2),
                      ]))],
                      passed: false, description: "jsonpath $.tags count >= 1, < 2", expected: "< 2", actual: "2"),
        AssertionCase(subject: .jsonPath("$.tags"),
                      checks: [PredicateCheck(op: .count, expected: .object(JSONObject()), nested: Predicate([
                          check(.greaterThanOrEqual, 1),
                      ]))],
                      passed: true, description: "jsonpath $.tags count >= 1", expected: "count >= 1", actual: "2"),
        AssertionCase(subject: .duration, checks: [check(.greaterThanOrEqual, 100), check(.lessThan, 500)], passed: true,
                      description: "duration >= 100 ms, < 500 ms", expected: ">= 100 ms, < 500 ms", actual: "123.456 ms"),
        AssertionCase(subject: .status, checks: [], passed: true, description: "status", expected: "", actual: "201"),
    ]

    static let allCases = statusCases + headerCases + bodyCases + jsonPathCases + durationCases + multiCheckCases

    @Test(arguments: allCases)
    func result(_ testCase: AssertionCase) {
        let result = S.evaluate(testCase.subject, testCase.checks)
        #expect(result.description == testCase.description)
        #expect(result.passed == testCase.passed, "\(testCase.description): \(result)")
        #expect(result.expected == testCase.expected, "\(testCase.description)")
        #expect(result.actual == testCase.actual, "\(testCase.description)")
        #expect(result.message == testCase.message, "\(testCase.description)")
    }
}
