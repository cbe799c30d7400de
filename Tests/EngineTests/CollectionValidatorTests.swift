import Testing
@testable import Engine

@Suite struct CollectionValidatorTests {
    typealias S = CollectionTestSupport

    private func check(_ text: String, environment: String? = nil, overrides: Set<String> = [], builtins: Set<String> = []) throws -> [String] {
        let c = try S.load(text)
        return CollectionValidator.check(c, environment: environment, overrides: overrides, builtinNames: builtins).map(\.description)
    }

    @Test func unknownVariableWithSuggestionAtTemplateLocation() throws {
        let text = #"{"name": "x", "variables": {"token": "abc"}, "requests": [{"name": "a", "url": "https://x.test/", "headers": {"Authorization": "Bearer {{tokn}}"}}]}"#
        let errors = try check(text)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t.json:1:128: unknown variable 'tokn' (did you mean 'token'?); define it in") == true)
    }

    @Test func everySourceOfDefinitions() throws {
        let text = """
        {"name": "x", "server": "builtin", "variables": {"c": "1"},
         "environments": {"e1": {"onlyOne": "1"}, "e2": {"both": "2", "onlyTwo": "3"}},
         "requests": [
          {"name": "a", "url": "{{base}}/{{page}}/{{c}}/{{o}}/{{b}}/{{both}}", "capture": {"cap": "status"}},
          {"name": "b", "url": "{{base}}/{{cap}}", "headers": {"X": "{{onlyOne}}"}}
        ]}
        """
        #expect(try check(text, overrides: ["o"], builtins: ["b"]).isEmpty)
        let withE2 = try check(text, environment: "e2", overrides: ["o"], builtins: ["b"])
        #expect(withE2.count == 1, "\(withE2)")
        #expect(withE2.first?.contains("5:61: unknown variable 'onlyOne'; define it") == true, "\(withE2)")
    }

    @Test func capturesOnlyCountForLaterRequests() throws {
        let text = """
        {"name": "x", "requests": [
          {"name": "a", "url": "https://x.test/{{later}}"},
          {"name": "b", "url": "https://x.test/", "capture": {"later": "status"}, "assert": [{"jsonpath": "$.a", "==": "{{later}}"}]},
          {"name": "c", "url": "https://x.test/{{later}}", "body": {"json": {"v": "{{nope}}"}}}
        ]}
        """
        let errors = try check(text)
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("t.json:2:24: unknown variable 'later'"))
        #expect(errors[1].hasPrefix("t.json:4:3: unknown variable 'nope'"))
    }

    @Test func unknownEnvironmentListsAvailable() throws {
        let text = #"{"name": "x", "environments": {"staging": {}, "prod": {}}, "requests": []}"#
        #expect(try check(text, environment: "stagin") == ["unknown environment 'stagin'; did you mean 'staging'?; the collection defines: staging, prod"])
        let none = #"{"name": "x", "requests": []}"#
        #expect(try check(none, environment: "ci").first?.contains("the collection defines no environments") == true)
    }

    @Test func variablesAreCheckedThroughAndCyclesNamed() throws {
        let text = """
        {"name": "x", "variables": {"a": "{{b}}", "b": "{{a}}", "auth": "Bearer {{missing}}", "ok": "{{c}}", "c": 1},
         "requests": [{"name": "r", "url": "https://x.test/{{a}}/{{ok}}", "headers": {"Authorization": "{{auth}}"}}]}
        """
        let errors = try check(text)
        #expect(errors.count == 2)
        #expect(errors.contains { $0.contains("variable cycle: a → b → a") })
        #expect(errors.contains { $0.contains("unknown variable 'missing' (used by variable 'auth')") })
    }

    @Test func optionTemplatesAreChecked() throws {
        let text = #"{"name": "x", "defaults": {"options": {"timeout": "{{t}}", "insecure": "{{ins}}"}}, "requests": [{"name": "r", "url": "https://x.test/"}]}"#
        let errors = try check(text, overrides: ["t"])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("unknown variable 'ins'") == true)
    }
}
