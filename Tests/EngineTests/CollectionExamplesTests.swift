import Foundation
import Testing
@testable import Engine

/// The loader on every example in collections/ and the expected error of every collections/errors/ file.
@Suite struct CollectionExamplesTests {
    typealias S = CollectionTestSupport

    static func jsonFiles(in folder: String) -> [String] {
        let path = S.repositoryRoot + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { path + "/" + $0 }
    }

    @Test func examplesLoadAndValidate() throws {
        let files = Self.jsonFiles(in: "collections")
        #expect(files.count >= 2)
        for file in files {
            let c = try CollectionLoader.load(path: file)
            #expect(!c.requests.isEmpty, "\(file)")
            let errors = CollectionValidator.check(c, environment: nil, overrides: [], builtinNames: [])
            #expect(errors.isEmpty, "\(file): \(errors)")
            for environment in c.environments {
                #expect(CollectionValidator.check(c, environment: environment.name, overrides: [], builtinNames: []).isEmpty)
            }
        }
    }

    @Test func demoResolvesEveryRequestOffline() throws {
        let path = S.repositoryRoot + "/collections/demo.json"
        let c = try CollectionLoader.load(path: path)
        #expect(c.usesBuiltinServer)
        #expect(c.requests.count == 10)
        var scope = try VariableScope(collection: c, environmentName: "ci",
                                      builtins: ["base": .string("http://127.0.0.1:1234"), "page": .string("http://localhost:4321")])
        scope.setCapture("firstId", .number(1))
        scope.setCapture("userName", .string("alice"))
        for request in c.requests {
            let spec = try RequestResolver.resolve(request, scope: scope, collectionDirectory: c.directory, environment: [:])
            #expect(spec.url.hasPrefix("http://"))
            #expect(spec.options.timeout.read == (request.name == "slow with timeout" ? 0.3 : 30))
        }
        let create = try RequestResolver.resolve(c.requests[1], scope: scope, collectionDirectory: c.directory, environment: [:])
        #expect(create.body == .bytes(Array(#"{"name":"alice","n":3,"ref":1,"note":"hello alice"}"#.utf8)))
        #expect(create.headers.map(\.name) == ["Accept", "X-Client", "X-Request-Id", "X-Api-Key", "Content-Type"])
        #expect(c.secretNames.contains("apiKey"))
    }

    static let expectedErrors: [String: String] = [
        "bad-jsonpath.json": "4:74: invalid JSONPath in assertion: jsonpath items[0]: a query must start with '$'",
        "bad-method.json": "4:29: invalid method 'GE T' in request 'a'",
        "bad-regex.json": "4:82: invalid regular expression in 'matches' \"a(b\"",
        "bad-template.json": "4:26: unclosed '{{' in \"https://example.com/{{id\"",
        "bad-url.json": "4:26: invalid url \"example.com/path\" in request 'a'",
        "duplicate-request.json": "5:37: duplicate request 'users/create'",
        "invalid-json.json": "5:3: invalid JSON: unexpected ']', expected a value",
        "missing-key.json": "4:5: missing required key 'url' in request 'a'",
        "unknown-key.json": "4:50: unknown key 'hedaers' in request 'a'; did you mean 'headers'?",
        "wrong-type.json": "4:73: `timeout` must be a number or an object, found string",
    ]

    @Test func errorExamplesReportTheirDocumentedError() throws {
        for file in Self.jsonFiles(in: "collections/errors") {
            let name = String(file.split(separator: "/").last ?? "")
            if name == "unknown-variable.json" {
                let c = try CollectionLoader.load(path: file)
                let errors = CollectionValidator.check(c, environment: nil, overrides: [], builtinNames: [])
                #expect(errors.first?.message.hasPrefix("unknown variable 'tokn' (did you mean 'token'?)") == true)
                #expect(errors.first?.location?.line == 5)
                #expect(errors.first?.location?.column == 79)
                continue
            }
            let expected = try #require(Self.expectedErrors[name], "no expected error listed for \(name)")
            do {
                _ = try CollectionLoader.load(path: file)
                Issue.record("\(name) loaded without errors")
            } catch {
                let first = error.errors.first
                let text = first.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" } ?? ""
                #expect(text.hasPrefix(expected), "\(name): \(text)")
                #expect(first?.location?.file == file)
            }
        }
    }

    @Test func missingFileIsAnInputError() {
        #expect {
            try CollectionLoader.load(path: "/nonexistent/c.json")
        } throws: { error in
            (error as? InputErrors)?.errors.first?.message == "cannot read collection '/nonexistent/c.json': no such file; check the path"
        }
    }

    @Test func schemaIsValidJSONAndCoversTheTopLevelKeys() throws {
        let schema = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: S.repositoryRoot + "/schema/collection.schema.json"))), file: "schema")
        let properties = try #require(schema.objectValue?["properties"]?.objectValue)
        #expect(Set(properties.keys) == Set(CollectionDecoder.collectionKeys))
        let defs = try #require(schema.objectValue?["$defs"]?.objectValue)
        let request = try #require(defs["request"]?.objectValue?["properties"]?.objectValue)
        #expect(Set(request.keys) == Set(CollectionDecoder.requestKeys))
        let options = try #require(defs["options"]?.objectValue?["properties"]?.objectValue)
        #expect(Set(options.keys) == Set(CollectionDecoder.optionKeys))
    }
}
