import Testing
@testable import Engine

@Suite("Profile catalog")
struct ProfileCatalogTests {
    @Test func builtInNamesAreTheConventionalOnes() {
        #expect(ProfileCatalog.builtIns.map(\.name) == ["native", "browser-main", "browser-worker", "node-jspi", "node", "browser-main-jspi", "browser-worker-jspi"])
        for p in ProfileCatalog.builtIns {
            #expect(ProfileCatalog.named(p.name) == p)
            #expect(!p.description.isEmpty)
        }
        #expect(ProfileCatalog.named("Native") == nil)
    }

    @Test(arguments: [("browsr-main", "browser-main"), ("nod", "node"), ("native2", "native"), ("node-jspii", "node-jspi"), ("browser-worker-jsp", "browser-worker-jspi")])
    func suggestions(_ typo: String, _ expected: String) {
        #expect(ProfileCatalog.suggestion(for: typo) == expected)
    }

    @Test func noSuggestionForUnrelatedNames() {
        #expect(ProfileCatalog.suggestion(for: "firefox-android") == nil)
    }

    @Test(arguments: ProfileCatalog.builtIns)
    func definitionRoundTrips(_ profile: Profile) throws {
        guard case .object(var object) = profile.definitionJSON else { Issue.record("not an object"); return }
        #expect(object.keys == Profile.definitionKeys)
        object["name"] = .string("copy")
        object["extends"] = .string(profile.name)
        object["description"] = .string(profile.description)
        let copy = try ProfileCatalog.fromDefinition(name: "copy", json: .object(object), location: nil)
        var expected = profile
        expected.name = "copy"
        expected.extends = profile.name
        #expect(copy == expected)
    }

    @Test func customOverridesFields() throws {
        let json = try JSONParser.parse(#"{"extends": "browser-main", "cors": false, "syncTimeouts": "one-clock", "forbiddenMethods": ["TRACE"]}"#)
        let p = try ProfileCatalog.fromDefinition(name: "lenient-browser", json: json, location: nil)
        #expect(p.cors == false && p.syncTimeouts == .oneClock && p.forbiddenMethods == ["TRACE"])
        #expect(p.extends == "browser-main" && p.name == "lenient-browser")
        #expect(p.description.contains("browser-main"))
        #expect(p.forbiddenHeaders == .browser)
    }

    @Test(arguments: [
        (#"{"extends": "browser-main", "corz": true}"#, "did you mean 'cors'"),
        (#"{"extends": "browser-main", "cors": "yes"}"#, "must be true or false"),
        (#"{"extends": "browser-main", "syncTimeouts": "one_clock"}"#, "did you mean 'one-clock'"),
        (#"{"extends": "browsr-main"}"#, "did you mean 'browser-main'"),
        (#"{"cors": true}"#, "needs \"extends\""),
        (#"{"extends": "native", "context": "worker"}"#, "does not fit runtime"),
        (#"{"extends": "node", "syncAPI": "fetch-run-sync"}"#, "needs \"jspi\": true"),
        (#"{"extends": "native", "runtimeMaxRedirects": 2.5}"#, "whole number"),
        (#"{"extends": "native", "preflightCacheMax": -1}"#, "seconds"),
        (#"{"extends": "native", "name": "other"}"#, "but the profile is named"),
        (#"[1]"#, "must be defined by a JSON object"),
    ])
    func badDefinitions(_ text: String, _ message: String) throws {
        let json = try JSONParser.parse(text)
        #expect {
            _ = try ProfileCatalog.fromDefinition(name: "mine", json: json, location: SourceLocation(file: "c.json", line: 3, column: 5))
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.message.contains(message) && e.location?.line == 3
        }
    }

    @Test(arguments: ["native", "browser-main", "all", "Bad Name", ""])
    func reservedAndInvalidNames(_ name: String) throws {
        #expect(throws: InputError.self) {
            _ = try ProfileCatalog.fromDefinition(name: name, json: .object(JSONObject([("extends", .string("native"))])), location: nil)
        }
    }

    @Test func loadsAFileWithLocations() throws {
        let path = "/tmp/workbench-profile-test-\(UInt32.random(in: 0...UInt32.max)).json"
        let text = "{\n  \"name\": \"slow-worker\",\n  \"extends\": \"browser-worker\",\n  \"asyncTimeouts\": \"per-phase\"\n}\n"
        #expect(writeFile(path, text))
        let p = try ProfileCatalog.load(path: path)
        #expect(p.name == "slow-worker" && p.asyncTimeouts == .perPhase && p.context == .worker)
        let bad = "{\n  \"name\": \"x\",\n  \"extends\": \"native\",\n  \"jspii\": true\n}\n"
        #expect(writeFile(path, bad))
        #expect {
            _ = try ProfileCatalog.load(path: path)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.location?.line == 4 && e.message.contains("did you mean 'jspi'")
        }
        #expect(throws: InputError.self) { _ = try ProfileCatalog.load(path: path + ".missing") }
    }

    @Test(arguments: ProfileCatalog.builtIns)
    func summaryHasARowPerBehaviour(_ profile: Profile) {
        let rows = profile.summaryRows
        #expect(rows.count >= 27)
        let refused = rows.filter { $0.verdict == .refused }.map(\.behaviour)
        if profile.name == "native" {
            #expect(rows.allSatisfy { $0.verdict == .allowed })
        } else {
            #expect(refused.contains("forbidden methods"))
        }
        if profile.name == "browser-main" { #expect(refused.contains("timeouts, sync client")) }
        if profile.name == "node" { #expect(refused.contains("sync client (httpx.Client)")) }
    }

    @Test func descriptionsNameTheRuntime() {
        #expect(Profile.nodeJSPI.description.contains("--experimental-wasm-jspi"))
        #expect(Profile.browserMain.description.contains("synchronous XMLHttpRequest"))
        #expect(Profile.nodeNoJSPI.description.contains("no XMLHttpRequest"))
    }
}

func writeFile(_ path: String, _ text: String) -> Bool {
    guard let f = fopen(path, "wb") else { return false }
    defer { fclose(f) }
    let bytes = Array(text.utf8)
    return fwrite(bytes, 1, bytes.count, f) == bytes.count
}

#if canImport(Glibc)
import Glibc
#endif

@Suite("Profile docs")
struct ProfileDocsTests {
    @Test func everyEffectCodeAndFieldIsDocumented() throws {
        let testFile = #filePath
        guard let range = testFile.range(of: "/Tests/EngineTests/") else { Issue.record("unexpected path"); return }
        let docPath = String(testFile[..<range.lowerBound]) + "/docs/profiles.md"
        guard let file = fopen(docPath, "rb") else { Issue.record("docs/profiles.md missing"); return }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for code in EffectCatalog.codes { #expect(text.contains("`\(code)`"), "\(code)") }
        for key in Profile.definitionKeys where !["name", "description", "extends"].contains(key) {
            #expect(text.contains("`\(key)`"), "\(key)")
        }
        for p in ProfileCatalog.builtIns { #expect(text.contains("`\(p.name)`")) }
    }
}
