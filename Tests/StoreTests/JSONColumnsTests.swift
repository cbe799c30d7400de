import Engine
import Testing
@testable import Store

@Suite("JSON columns (read back with Engine's JSON parser)")
struct JSONColumnsTests {
    @Test("reads what serialized() writes", arguments: [
        JSONValue.null, .bool(true), .bool(false), .number(0), .number(-12), .number(3.25), .number(1e-7), .number(-1e300),
        .number(123_456_789_012_345_680), .number(Double.leastNonzeroMagnitude), .number(Double.greatestFiniteMagnitude),
        .string(""), .string("a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}/é🎉"), .array([]), .object(JSONObject()),
        .array([.number(1), .array([.object(JSONObject([("k", .null)]))])]),
        .object(JSONObject([("b", .number(1)), ("a", .number(2)), ("b", .number(3))])),
    ])
    func roundTrip(value: JSONValue) throws {
        #expect(try ColumnCoding.parse(value.serialized()) == value)
        #expect(try ColumnCoding.parse(value.serialized(pretty: true)) == value)
    }

    @Test("reads escapes other writers use")
    func escapes() throws {
        #expect(try ColumnCoding.parse(#""\u00e9\u65E5\ud83c\udf89\/""#) == .string("é日🎉/"))
        #expect(throws: JSONColumnError.self) { try ColumnCoding.parse(#""\ud83c""#) }
        #expect(try ColumnCoding.parse(" [ 1 , 2E+2 , -0.5e-1 ] ") == .array([.number(1), .number(200), .number(-0.05)]))
    }

    @Test("rejects what is not JSON", arguments: [
        "", "nul", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "1e", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"a\u{1}\"", "[1] x", "+1", "NaN", "{\"a\":1,}", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func rejects(text: String) {
        #expect(throws: JSONColumnError.self) { try ColumnCoding.parse(text) }
    }

    @Test("column shapes decode back, including an absent versus a null capture value")
    func columnShapes() throws {
        let captures = [CaptureResult(name: "a", value: nil, error: "no match"), CaptureResult(name: "b", value: .null),
                        CaptureResult(name: "c", value: .number(1), secret: true)]
        #expect(try ColumnCoding.captures(ColumnCoding.parse(ColumnCoding.captures(captures).serialized())) == captures)
        let headers = [HeaderField("A", "1"), HeaderField("a", "2"), HeaderField("B", "")]
        #expect(try ColumnCoding.headers(ColumnCoding.parse(ColumnCoding.headers(headers).serialized())) == headers)
        #expect(throws: JSONColumnError.self) { try ColumnCoding.headers(.array([.array([.string("x")])])) }
        #expect(throws: JSONColumnError.self) { try ColumnCoding.effects(.array([.object(JSONObject([("code", .number(1))]))])) }
    }
}
