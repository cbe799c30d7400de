import PropertyBased
import Testing
@testable import Engine

/// Cheap invariants over random inputs: the JSON writer and parser round-trip every value, and the
/// template engine parses and resolves any text (with generators, escapes, chains and cycles of
/// variables) to a value or a typed `InputError`, never a crash.
@Suite("Property: JSON round trip and template resolution")
struct PropertyJSONTemplateTests {
    // MARK: JSON

    static let strings = [
        "", "a", "quote \" backslash \\ slash /", "nul \u{0} bell \u{7} del \u{7f}", "tab\tnewline\ncr\r",
        "é 日本 🎉", "\u{2028}\u{2029}", "\u{FEFF}bom", "\u{10FFFF}", "{{var}}", "1e5", "true",
    ]
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.1, 1e-7, 1e300, -1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 9_007_199_254_740_992,
        123_456_789_012_345_680, 3.141592653589793, 2.5e-8, 1_000_000,
    ]
    /// A flat list of choices a small stack machine turns into a nested value.
    static let recipe = zip(Gen.int(in: 0...6).array(of: 0...40), Gen.element(of: strings).array(of: 8),
                            Gen.double(in: -1e12...1e12).array(of: 4))

    static func build(_ ops: [Int], _ texts: [String?], _ randoms: [Double]) -> JSONValue {
        var position = 0, text = 0, number = 0
        func next() -> Int { defer { position += 1 }; return position < ops.count ? ops[position] : 0 }
        func string() -> String { defer { text += 1 }; return texts[text % texts.count] ?? "" }
        func value(depth: Int) -> JSONValue {
            switch next() {
            case 0: return .null
            case 1: return .bool(next() % 2 == 0)
            case 2:
                defer { number += 1 }
                let pool = numbers + randoms
                return .number(pool[(number * 7 + next()) % pool.count])
            case 3: return .string(string())
            case 4 where depth < 6: return .array((0..<(next() % 4)).map { _ in value(depth: depth + 1) })
            case 5 where depth < 6: return .object(JSONObject((0..<(next() % 4)).map { _ in (string(), value(depth: depth + 1)) }))
            default: return .string(string())
            }
        }
        return value(depth: 0)
    }

    @Test("serialized JSON parses back to the same value (compact, pretty, sorted keys)")
    func jsonRoundTrip() async {
        await propertyCheck(count: 400, input: Self.recipe) { ops, texts, randoms in
            let value = Self.build(ops, texts, randoms)
            for text in [value.serialized(), value.serialized(pretty: true)] {
                #expect((try? JSONParser.parse(text)) == value, "\(text)")
            }
            if let sorted = try? JSONParser.parse(value.serialized(sortedKeys: true)) {
                #expect(sorted.serialized(sortedKeys: true) == value.serialized(sortedKeys: true))
            } else {
                Issue.record("sorted-keys text does not parse: \(value.serialized(sortedKeys: true))")
            }
        }
    }

    // MARK: Templates

    static let fragments = [
        "{{", "}}", "{", "}", "\\{{", "$", " ", "a", "b", "c", "-", ".", "$guid", "$uuid", "$timestamp", "$datetime",
        "$randomInt", "$processEnv", "iso8601", "rfc1123", "HOME", "NOPE", "1", "-1", "99999999999999999",
        "9223372036854775807", "-9223372036854775808", "y", "M", "w", "d", "h", "m", "s", "ms", "é", "\u{0}",
    ]
    static let text = Gen.element(of: fragments).array(of: 0...14).map { $0.compactMap { $0 }.joined() }

    @Test("any text parses and resolves to a string or a typed error, never a crash")
    func templatesNeverCrash() async {
        await propertyCheck(count: 600, input: Self.text, Self.text, Self.text) { template, a, b in
            let scope = VariableScope(collectionVariables: [Variable(name: "a", value: .string(a)), Variable(name: "b", value: .string(b))],
                                      environment: Environment(name: "e", variables: [Variable(name: "c", value: .string("{{a}}{{b}}"))]))
            let environment = ["HOME": "/root"]
            switch Result(catching: { () throws(InputError) -> Template in try TemplateParser.parse(template, location: nil) }) {
            case .success(let parsed):
                let resolved = Result { () throws(InputError) -> String in
                    try TemplateResolver.resolve(parsed, scope: scope, environment: environment)
                }
                if !template.contains("{") { #expect((try? resolved.get()) == template) }
                if case .failure(let error) = resolved { #expect(!error.message.isEmpty) }
            case .failure(let error):
                #expect(!error.message.isEmpty)
            }
            _ = try? TemplateResolver.resolveJSON(.array([.string(template), .string("{{c}}")]), scope: scope, environment: environment)
        }
    }
}
