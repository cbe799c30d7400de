import Testing
@testable import Engine

@Suite struct TemplateResolverTests {
    private func template(_ text: String) throws -> Template { try TemplateParser.parse(text, location: nil) }

    private func fullScope() -> VariableScope {
        VariableScope(
            collectionVariables: [Variable(name: "x", value: .string("collection")), Variable(name: "c", value: .string("c"))],
            environment: Environment(name: "env", variables: [Variable(name: "x", value: .string("environment")), Variable(name: "e", value: .string("e"))]),
            builtins: ["x": .string("builtin"), "base": .string("http://127.0.0.1:1")],
            overrides: ["x": .string("override"), "o": .string("o")])
    }

    @Test func precedenceOfEveryLayer() throws {
        var scope = VariableScope(collectionVariables: [Variable(name: "x", value: .string("collection"))])
        #expect(scope.lookup("x") == .string("collection"))
        scope = VariableScope(collectionVariables: [Variable(name: "x", value: .string("collection"))], builtins: ["x": .string("builtin")])
        #expect(scope.lookup("x") == .string("builtin"))
        scope = fullScope()
        #expect(scope.entry("x")?.layer == .override)
        #expect(scope.lookup("x") == .string("override"))
        scope.setCapture("x", .number(1))
        scope.setCapture("x", .number(2))
        #expect(scope.lookup("x") == .number(2))
        #expect(scope.entry("x")?.layer == .capture)
        let envOverBuiltin = VariableScope(environment: Environment(name: "e", variables: [Variable(name: "base", value: .string("env"))]),
                                           builtins: ["base": .string("builtin")])
        #expect(envOverBuiltin.lookup("base") == .string("env"))
        #expect(try TemplateResolver.resolve(try template("{{c}}{{e}}{{o}}{{base}}"), scope: fullScope(), environment: [:]) == "ceohttp://127.0.0.1:1")
    }

    @Test func secretsFromEveryOrigin() {
        var scope = VariableScope(collectionVariables: [Variable(name: "a", value: .string("1"), secret: true), Variable(name: "b", value: .string("2"))],
                                  secretNames: ["k"])
        #expect(scope.isSecret("a"))
        #expect(!scope.isSecret("b"))
        #expect(scope.isSecret("k"))
        scope.setCapture("tok", .string("t"), secret: true)
        #expect(scope.isSecret("tok"))
    }

    @Test func recursiveVariables() throws {
        let scope = VariableScope(collectionVariables: [
            Variable(name: "host", value: .string("example.com")),
            Variable(name: "base", value: .string("https://{{host}}/v{{version}}")),
            Variable(name: "version", value: .number(2)),
        ])
        #expect(try TemplateResolver.resolve(try template("{{base}}/x"), scope: scope, environment: [:]) == "https://example.com/v2/x")
    }

    @Test func capturedValuesAreNotTemplates() throws {
        var scope = VariableScope()
        scope.setCapture("v", .string("{{secret}}"))
        #expect(try TemplateResolver.resolve(try template("[{{v}}]"), scope: scope, environment: [:]) == "[{{secret}}]")
    }

    @Test func cyclesAreNamed() throws {
        let scope = VariableScope(collectionVariables: [
            Variable(name: "a", value: .string("x{{b}}")),
            Variable(name: "b", value: .string("{{c}}")),
            Variable(name: "c", value: .string("{{a}}")),
            Variable(name: "self", value: .string("{{self}}")),
        ])
        #expect {
            try TemplateResolver.resolve(try template("{{a}}"), scope: scope, environment: [:])
        } throws: { error in
            (error as? InputError)?.message.hasPrefix("variable cycle: a → b → c → a") == true
        }
        #expect {
            try TemplateResolver.resolve(try template("{{self}}"), scope: scope, environment: [:])
        } throws: { error in
            (error as? InputError)?.message.hasPrefix("variable cycle: self → self") == true
        }
    }

    @Test func unknownVariableNamesItAndTheSources() throws {
        let location = SourceLocation(file: "t.json", line: 3, column: 5)
        let scope = VariableScope(collectionVariables: [Variable(name: "token", value: .string("x"))])
        do {
            _ = try TemplateResolver.resolve(try TemplateParser.parse("{{tokn}}", location: location), scope: scope, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == location)
            #expect(error.message.hasPrefix("unknown variable 'tokn'; did you mean 'token'?"))
            #expect(error.message.contains("--var NAME=VALUE"))
            #expect(error.message.contains("capture it in an earlier request"))
        }
    }

    @Test func jsonLeafTyping() throws {
        let scope = VariableScope(collectionVariables: [
            Variable(name: "n", value: .number(3)),
            Variable(name: "flag", value: .bool(true)),
            Variable(name: "list", value: .array([.number(1), .string("{{n}}")])),
            Variable(name: "alias", value: .string("{{n}}")),
            Variable(name: "user", value: .string("alice")),
        ])
        let body = JSONValue.object(JSONObject([
            ("n", .string("{{n}}")), ("spaced", .string("{{ n }}")), ("text", .string("n={{n}}")),
            ("flag", .string("{{flag}}")), ("list", .string("{{list}}")), ("alias", .string("{{alias}}")),
            ("nested", .array([.string("{{user}}"), .number(7), .null])), ("{{n}}", .string("key stays")),
        ]))
        let resolved = try TemplateResolver.resolveJSON(body, scope: scope, environment: [:])
        #expect(resolved.serialized() == #"{"n":3,"spaced":3,"text":"n=3","flag":true,"list":[1,3],"alias":3,"nested":["alice",7,null],"{{n}}":"key stays"}"#)
    }

    @Test func textSubstitutionUsesTemplateText() throws {
        let scope = VariableScope(collectionVariables: [Variable(name: "o", value: .object(JSONObject([("a", .number(1))]))), Variable(name: "f", value: .number(1.5))])
        #expect(try TemplateResolver.resolve(try template("{{o}} {{f}}"), scope: scope, environment: [:]) == #"{"a":1} 1.5"#)
    }

    @Test func piecesNameTheirVariable() throws {
        let scope = VariableScope(collectionVariables: [Variable(name: "outer", value: .string("a{{inner}}")), Variable(name: "inner", value: .string("b"))])
        let pieces = try TemplateResolver.pieces(try template("x{{outer}}"), scope: scope, environment: [:])
        #expect(pieces == [TemplateResolver.Piece(text: "x", variable: nil), TemplateResolver.Piece(text: "ab", variable: "outer")])
    }
}
