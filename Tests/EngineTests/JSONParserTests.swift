import Testing
@testable import Engine

@Suite struct JSONParserTests {
    private func error(_ text: String) -> InputError? {
        do {
            _ = try JSONParser.parseLocated(Array(text.utf8), file: "f.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func trailingCommaInObject() throws {
        let e = try #require(error("{\n  \"a\": 1,\n}"))
        #expect(e.location == SourceLocation(file: "f.json", line: 3, column: 1))
        #expect(e.message.contains("expected a quoted key"))
    }

    @Test func trailingCommaInArray() throws {
        let e = try #require(error("[1,\n 2,\n]"))
        #expect(e.location?.line == 3)
        #expect(e.location?.column == 1)
        #expect(e.message.contains("expected a value"))
    }

    @Test func unterminatedString() throws {
        let e = try #require(error("{\"a\": \"abc"))
        #expect(e.message.contains("unterminated string"))
        #expect(e.location == SourceLocation(file: "f.json", line: 1, column: 7))
        let newline = try #require(error("{\"a\": \"ab\nc\"}"))
        #expect(newline.message.contains("newline inside a string"))
        #expect(newline.location?.line == 1)
        #expect(newline.location?.column == 10)
    }

    @Test func badEscape() throws {
        let e = try #require(error("[\"a\\qb\"]"))
        #expect(e.message.contains("invalid escape '\\q'"))
        #expect(e.location?.column == 4)
    }

    @Test func leadingZero() throws {
        let e = try #require(error("{\"n\": 012}"))
        #expect(e.message.contains("leading zeros"))
        #expect(e.location?.column == 8)
    }

    @Test func nestingDepth() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let e = try #require(error(deep))
        #expect(e.message.contains("nesting deeper than 512"))
        #expect(error(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) == nil)
    }

    @Test func byteOrderMarkTolerated() throws {
        let value = try JSONParser.parseLocated([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8), file: "f.json")
        #expect(value.value == .object(JSONObject([("a", .number(1))])))
        if case .object(let members, _) = value {
            #expect(members[0].keyLocation.column == 2)
        }
    }

    @Test func surrogates() throws {
        let pair = try JSONParser.parse("\"\\ud83d\\ude00\"")
        #expect(pair == .string("😀"))
        #expect(try #require(error("\"\\ud83d x\"")).message.contains("unpaired surrogate"))
        #expect(try #require(error("\"\\ude00\"")).message.contains("unpaired surrogate"))
        #expect(try #require(error("\"\\ud83d\\u0041\"")).message.contains("invalid surrogate pair"))
    }

    @Test func locationsCountCharactersNotBytes() throws {
        let value = try JSONParser.parseLocated(Array("{\"é\": [1, \"ü\", true]}".utf8), file: "f.json")
        guard case .object(let members, _) = value, case .array(let items, _) = members[0].value else {
            Issue.record("unexpected shape")
            return
        }
        #expect(items[2].location.column == 16)
    }

    @Test func garbageAfterDocument() throws {
        let e = try #require(error("{} x"))
        #expect(e.message.contains("after the JSON document"))
        #expect(e.location?.column == 4)
    }
}
