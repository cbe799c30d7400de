import Foundation
import Testing
@testable import Engine

@Suite struct TemplateParserTests {
    private let here = SourceLocation(file: "t.json", line: 4, column: 9)

    @Test func variablesWithOptionalSpaces() throws {
        let t = try TemplateParser.parse("{{base}}/users/{{ id }}?x={{\tq\t}}", location: here)
        #expect(t.parts == [.variable("base"), .literal("/users/"), .variable("id"), .literal("?x="), .variable("q")])
        #expect(t.variableNames == ["base", "id", "q"])
        #expect(t.raw == "{{base}}/users/{{ id }}?x={{\tq\t}}")
        #expect(t.location == here)
        #expect(!t.isSingleExpression)
        #expect(try TemplateParser.parse("{{ n }}", location: nil).isSingleExpression)
    }

    @Test func escapedBraces() throws {
        let t = try TemplateParser.parse("a \\{{literal}} {{x}}", location: nil)
        #expect(t.parts == [.literal("a {{literal}} "), .variable("x")])
        #expect(try TemplateParser.parse("just } and { and }}", location: nil).parts == [.literal("just } and { and }}")])
        #expect(try TemplateParser.parse("", location: nil).parts.isEmpty)
    }

    @Test func generators() throws {
        let t = try TemplateParser.parse("{{$guid}}{{$uuid}}{{$timestamp}}{{$timestamp -1 d}}{{$datetime iso8601}}{{$datetime rfc1123 2 h}}{{$randomInt 1 10}}{{$processEnv HOME}}", location: nil)
        #expect(t.parts == [
            .generator(name: "guid", arguments: []), .generator(name: "uuid", arguments: []),
            .generator(name: "timestamp", arguments: []), .generator(name: "timestamp", arguments: ["-1", "d"]),
            .generator(name: "datetime", arguments: ["iso8601"]), .generator(name: "datetime", arguments: ["rfc1123", "2", "h"]),
            .generator(name: "randomInt", arguments: ["1", "10"]), .generator(name: "processEnv", arguments: ["HOME"]),
        ])
        #expect(t.variableNames.isEmpty)
    }

    @Test(arguments: [
        ("{{id", "unclosed '{{'"),
        ("a {{x}} {{", "unclosed '{{'"),
        ("{{}}", "empty expression"),
        ("{{a b}}", "invalid variable name 'a b'"),
        ("{{1x}}", "invalid variable name '1x'"),
        ("{{$gud}}", "unknown generator '$gud'; did you mean '$guid'?"),
        ("{{$guid 1}}", "takes no arguments"),
        ("{{$randomInt 5}}", "takes two integers"),
        ("{{$randomInt 5 5}}", "MIN must be less than MAX"),
        ("{{$datetime}}", "takes a format"),
        ("{{$datetime unix}}", "unsupported {{$datetime}} format 'unix'"),
        ("{{$timestamp 1 days}}", "offset unit 'days' is unknown"),
        ("{{$timestamp x d}}", "must be an integer"),
        ("{{$processEnv}}", "takes the name of one environment variable"),
    ])
    func syntaxErrors(text: String, message: String) throws {
        do {
            _ = try TemplateParser.parse(text, location: here)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.location == here)
        }
    }
}

@Suite struct TemplateGeneratorTests {
    private func run(_ text: String, environment: [String: String] = [:]) throws -> String {
        try TemplateResolver.resolve(try TemplateParser.parse(text, location: nil), scope: VariableScope(), environment: environment)
    }

    @Test func uuidFormat() throws {
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        let a = try run("{{$guid}}"), b = try run("{{$uuid}}")
        #expect(a.wholeMatch(of: pattern) != nil, "\(a)")
        #expect(b.wholeMatch(of: pattern) != nil, "\(b)")
        #expect(a != b)
    }

    @Test func timestampIsUnixSeconds() throws {
        let now = Int(Date().timeIntervalSince1970)
        let value = try #require(Int(try run("{{$timestamp}}")))
        #expect(abs(value - now) <= 2)
        let yesterday = try #require(Int(try run("{{$timestamp -1 d}}")))
        #expect(abs(value - 86_400 - yesterday) <= 2)
        let later = try #require(Int(try run("{{$timestamp 90 m}}")))
        #expect(abs(value + 5_400 - later) <= 2)
    }

    @Test func datetimeFormats() throws {
        let iso = try run("{{$datetime iso8601}}")
        #expect(iso.wholeMatch(of: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) != nil, "\(iso)")
        let rfc = try run("{{$datetime rfc1123}}")
        #expect(rfc.wholeMatch(of: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/) != nil, "\(rfc)")
    }

    @Test func calendarArithmetic() {
        // 2024-02-29T12:34:56.789Z, a Thursday.
        let leap = UTCDate(milliseconds: 1_709_210_096_789)
        #expect(leap.iso8601 == "2024-02-29T12:34:56.789Z")
        #expect(leap.rfc1123 == "Thu, 29 Feb 2024 12:34:56 GMT")
        #expect(leap.addingMonths(12).iso8601 == "2025-02-28T12:34:56.789Z")
        #expect(leap.addingMonths(-2).iso8601 == "2023-12-29T12:34:56.789Z")
        #expect(UTCDate(milliseconds: 0).rfc1123 == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(UTCDate(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }

    @Test func randomIntRange() throws {
        var seen = Set<Int>()
        for _ in 0..<300 {
            let value = try #require(Int(try run("{{$randomInt 3 7}}")))
            #expect((3..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen == [3, 4, 5, 6])
    }

    @Test func processEnv() throws {
        #expect(try run("home={{$processEnv HOME}}", environment: ["HOME": "/home/x"]) == "home=/home/x")
        #expect(throws: InputError.self) { try run("{{$processEnv NOPE}}") }
    }
}
