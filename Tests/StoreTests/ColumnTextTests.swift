import Engine
import Testing
@testable import Store

/// The store writes its JSON columns straight from the model (`ColumnCoding.*Text`); the text must be byte for
/// byte what serialising the `JSONValue` shapes writes, or stored runs, golden exports, merges and diffs change.
@Suite("JSON column text written without a JSONValue tree")
struct ColumnTextTests {
    static let awkward = ["", "plain", "a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}/é日🎉", "{{token}}", "x: y, z; q=\"1\""]

    @Test("JSONTextWriter writes what the tree writer writes, compact, pretty and sorted", arguments: [
        JSONValue.null, .bool(true), .bool(false), .number(0), .number(-12), .number(3.25), .number(1e-7), .number(-1e300),
        .number(999_999_999_999_999), .number(1e15), .number(-1e15), .number(123_456_789_012_345_680), .number(.nan),
        .number(.infinity), .string("a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}/é🎉"), .array([]), .object(JSONObject()),
        .array([.number(1), .array([.object(JSONObject([("a", .null), ("k", .string("\u{1}"))]))])]),
    ])
    func writerMatchesTree(value: JSONValue) {
        #expect(value.serialized() == value.referenceSerialized())
        for (pretty, sorted) in [(true, false), (false, true), (true, true)] {
            #expect(value.serialized(pretty: pretty, sortedKeys: sorted) == value.referenceSerialized(pretty: pretty, sortedKeys: sorted))
        }
    }

    @Test("pretty and sorted text is what the tree writer writes, nested and with keys out of order")
    func prettyMatchesTree() {
        let inner = JSONValue.object(JSONObject([("z", .array([.string("\u{2}é"), .bool(false), .array([]), .object(JSONObject())])),
                                                 ("a", .number(-3.5)), ("m", .null)]))
        let value = JSONValue.array([inner, .object(JSONObject([("b", inner), ("a", .array([inner, .number(1e300)]))])), .string("")])
        for (pretty, sorted) in [(false, false), (true, false), (false, true), (true, true)] {
            #expect(value.serialized(pretty: pretty, sortedKeys: sorted) == value.referenceSerialized(pretty: pretty, sortedKeys: sorted))
        }
    }

    @Test("integers print as Double-backed numbers do, at and around the 1e15 boundary",
          arguments: [0, 7, -7, 999_999_999_999_999, 1_000_000_000_000_000, -1_000_000_000_000_000, Int.max, Int.min])
    func integers(n: Int) {
        var writer = JSONTextWriter()
        writer.int(n)
        #expect(writer.text == JSONValue.number(Double(n)).serialized())
    }

    @Test("every column's text equals the serialised JSONValue shape")
    func columns() {
        let headers = Self.awkward.enumerated().map { HeaderField("H\($0.offset)\($0.element)", $0.element) }
        #expect(ColumnCoding.headersText(headers) == ColumnCoding.headers(headers).serialized())
        #expect(ColumnCoding.headersText([]) == ColumnCoding.headers([]).serialized())
        #expect(ColumnCoding.stringsText(Self.awkward) == ColumnCoding.strings(Self.awkward).serialized())
        #expect(ColumnCoding.stringsText([]) == ColumnCoding.strings([]).serialized())

        let effects = Self.awkward.map { Effect("header-added", $0) }
        #expect(ColumnCoding.effectsText(effects) == ColumnCoding.effects(effects).serialized())
        #expect(ColumnCoding.effectsText([]) == ColumnCoding.effects([]).serialized())

        let assertions = [
            AssertionResult(description: "status == 200", passed: true, expected: "200", actual: "200"),
            AssertionResult(description: Self.awkward[2], passed: false, expected: "\"a\"", actual: "", message: "no match\n"),
        ]
        #expect(ColumnCoding.assertionsText(assertions) == ColumnCoding.assertions(assertions).serialized())
        #expect(ColumnCoding.assertionsText([]) == ColumnCoding.assertions([]).serialized())

        let captures = [
            CaptureResult(name: "a", value: nil, error: "no match"), CaptureResult(name: "b", value: .null),
            CaptureResult(name: "c", value: .number(1.5), secret: true),
            CaptureResult(name: "d", value: .object(JSONObject([("z", .array([.string("\u{2}"), .bool(false)])), ("a", .number(-3))]))),
        ]
        #expect(ColumnCoding.capturesText(captures) == ColumnCoding.captures(captures).serialized())
        #expect(ColumnCoding.capturesText([]) == ColumnCoding.captures([]).serialized())

        let observed = ObservedResponse(url: "http://127.0.0.1:1/a?b=\"c\"", httpVersion: "HTTP/1.1", status: 404, headers: headers,
                                        bodySize: 12_345_678_901, bodySHA256: String(repeating: "ab", count: 32),
                                        body: [1, 2, 3], bodyTruncated: true)
        #expect(ColumnCoding.observedText(observed) == ColumnCoding.observed(observed).serialized())
    }
}
