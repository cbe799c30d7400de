import Testing
@testable import Engine

/// Every capture source, typed values, secrets and each way a capture can fail.
@Suite struct CaptureEvaluatorTests {
    typealias S = AssertionTestSupport

    private func capture(_ source: CaptureSource, secret: Bool = false, response: ObservedResponse? = S.standard,
                         parsedBody: JSONValue? = nil) -> CaptureResult {
        CaptureEvaluator.capture(Capture(name: "v", source: source, secret: secret), response: response, parsedBody: parsedBody)
    }

    static let successes: [(CaptureSource, String)] = [
        (.jsonPath("$.id"), "7"),
        (.jsonPath("$.name"), #""Ada""#),
        (.jsonPath("$.price"), "9.5"),
        (.jsonPath("$.flag"), "true"),
        (.jsonPath("$.nothing"), "null"),
        (.jsonPath("$.tags"), #"["x","y"]"#),
        (.jsonPath("$.meta"), #"{"k":"v","n":null}"#),
        (.jsonPath("$.items[*].id"), "1"),
        (.jsonPath("$..id"), "7"),
        (.jsonPath("$.items[?@.id > 1].id"), "2"),
        (.header("content-type"), #""application/json; charset=utf-8""#),
        (.header("Set-Cookie"), #""a=1, b=2""#),
        (.header("X-Empty"), #""""#),
        (.regex(#""name":"(\w+)""#, group: 1), #""Ada""#),
        (.regex(#""name":"(\w+)""#, group: 0), #""\"name\":\"Ada\"""#),
        (.regex(#"(?<word>s3cr3t)"#, group: 1), #""s3cr3t""#),
        (.regex(#""id":(\d+)"#, group: 1), #""7""#),
        (.status, "201"),
    ]

    @Test(arguments: successes)
    func captured(source: CaptureSource, expected: String) throws {
        let result = capture(source)
        #expect(result.error == nil)
        #expect(result.name == "v")
        #expect(!result.secret)
        let value = try #require(result.value)
        #expect(value.serialized() == expected)
    }

    static let failures: [(CaptureSource, String)] = [
        (.jsonPath("$.token2"), "jsonpath $.token2 selected nothing"),
        (.jsonPath("$.items[?@.id > 9]"), "jsonpath $.items[?@.id > 9] selected nothing"),
        (.jsonPath("$["), "jsonpath $[: expected a selector (a name, an index, a slice, '*' or a filter) at position 3"),
        (.header("X-Token"), "header X-Token is absent"),
        (.regex("nomatch-[0-9]+", group: 0), "regex nomatch-[0-9]+ did not match the body"),
        (.regex(#""id":(\d+)"#, group: 2), #"regex "id":(\d+) has no group 2 (it has 1 group)"#),
        (.regex(#""id":\d+"#, group: 1), #"regex "id":\d+ has no group 1 (it has 0 groups)"#),
        (.regex(#""id":(\d+)"#, group: -1), #"regex "id":(\d+) has no group -1 (it has 1 group)"#),
        (.regex(#""id":(x)?\d"#, group: 1), #"group 1 of regex "id":(x)?\d did not take part in the match"#),
    ]

    @Test(arguments: failures)
    func failed(source: CaptureSource, message: String) {
        let result = capture(source)
        #expect(result.value == nil)
        #expect(result.error == message)
    }

    @Test func invalidRegexIsASentence() {
        let result = capture(.regex("([", group: 1))
        #expect(result.value == nil)
        #expect(result.error?.hasPrefix("invalid regular expression ([: ") == true, "\(result.error ?? "")")
    }

    @Test func bodyThatIsNotJSON() {
        let result = capture(.jsonPath("$.a"), response: S.response(text: "<html>"))
        #expect(result.error == "body is not JSON: unexpected '<', expected a value (line 1, column 1)")
        #expect(capture(.regex("<(h)tml>", group: 1), response: S.response(text: "<html>")).value == .string("h"))
    }

    @Test func parsedBodyIsUsedWhenGiven() {
        let given = JSONValue.object(JSONObject([(key: "token", value: .string("from-cache"))]))
        let result = capture(.jsonPath("$.token"), response: S.response(text: "not json"), parsedBody: given)
        #expect(result.value == .string("from-cache"))
    }

    @Test func secretCapturesKeepTheirValueAndAreMarked() {
        let result = capture(.jsonPath("$.token"), secret: true)
        #expect(result.secret)
        #expect(result.value == .string("s3cr3t"))
        let failed = capture(.jsonPath("$.nope"), secret: true)
        #expect(failed.secret)
        #expect(failed.error == "jsonpath $.nope selected nothing")
    }

    @Test func noResponse() {
        for source: CaptureSource in [.status, .header("A"), .jsonPath("$.a"), .regex("a", group: 0)] {
            let result = capture(source, response: nil)
            #expect(result.value == nil)
            #expect(result.error == "there is no response to capture from")
        }
    }

    @Test func regexOverInvalidUTF8Body() {
        let result = capture(.regex("a(.)b", group: 1), response: S.response(body: [0x61, 0xFF, 0x62]))
        #expect(result.value == .string("\u{FFFD}"))
    }
}
