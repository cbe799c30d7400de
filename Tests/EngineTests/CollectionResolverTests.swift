import Foundation
import Testing
@testable import Engine

@Suite struct CollectionResolverTests {
    typealias S = CollectionTestSupport

    private func spec(_ request: String, extra: String = "", scope: VariableScope? = nil, directory: String = "/tmp",
                      allowed: [String] = [], environment: [String: String] = [:]) throws -> RequestSpec {
        let c = try S.load(S.oneRequest(request, extra: extra))
        let scope = try scope ?? VariableScope(collection: c, environmentName: nil)
        return try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: directory, environment: environment, allowedPaths: allowed)
    }

    private func failure(_ request: String, extra: String = "", directory: String = "/tmp", allowed: [String] = []) -> InputError? {
        do {
            _ = try spec(request, extra: extra, directory: directory, allowed: allowed)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return InputError("\(error)")
        }
    }

    @Test func urlAndQueryEncoding() throws {
        let s = try spec(#"{"name": "a", "method": "patch", "url": "{{base}}/users/{{name}}?keep=1", "query": {"q": "a b&c=d/é", "tags": ["x", "y"], "n": 2}}"#,
                         extra: #""variables": {"base": "https://api.test", "name": "a b"}, "#)
        #expect(s.method == "patch")
        #expect(s.url == "https://api.test/users/a%20b?keep=1&q=a%20b%26c%3Dd%2F%C3%A9&tags=x&tags=y&n=2")
        let fragment = try spec(#"{"name": "a", "url": "https://x.test/p?#frag", "query": {"a": "~._-"}}"#)
        #expect(fragment.url == "https://x.test/p?a=~._-#frag")
        let plain = try spec(#"{"name": "a", "url": "https://x.test/%41%zz"}"#)
        #expect(plain.url == "https://x.test/%41%25zz")
    }

    @Test func resolvedURLMustBeAbsolute() {
        let e = failure(#"{"name": "a", "url": "{{base}}/x"}"#, extra: #""variables": {"base": "localhost:8000"}, "#)
        #expect(e?.message.hasPrefix("url 'localhost:8000/x' (from \"{{base}}/x\") is not an absolute http:// or https:// URL") == true)
    }

    @Test func headersAndLineBreaks() throws {
        let s = try spec(#"{"name": "a", "url": "https://x.test/", "headers": {"X-User": "{{user}}", "X-N": "n={{n}}"}}"#,
                         extra: #""variables": {"user": "alice", "n": 3}, "defaults": {"headers": {"Accept": "*/*"}}, "#)
        #expect(s.headers == [HeaderField("Accept", "*/*"), HeaderField("X-User", "alice"), HeaderField("X-N", "n=3")])
        var scope = VariableScope()
        scope.setCapture("evil", .string("x\r\nSet-Cookie: a=b"))
        let c = try S.load(S.oneRequest(#"{"name": "a", "url": "https://x.test/", "headers": {"X-Evil": "v={{evil}}"}}"#))
        #expect {
            try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: "/tmp", environment: [:])
        } throws: { error in
            let e = error as? InputError
            return e?.message.hasPrefix("header X-Evil contains a line break (from variable 'evil')") == true && e?.location?.line == 1
        }
    }

    @Test func jsonBody() throws {
        let s = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"json": {"name": "{{user}}", "n": "{{n}}", "s": "{{n}}!"}}}"#,
                         extra: #""variables": {"user": "alice", "n": 3}, "#)
        #expect(s.body == .bytes(Array(#"{"name":"alice","n":3,"s":"3!"}"#.utf8)))
        #expect(s.headers == [HeaderField("Content-Type", "application/json")])
        let custom = try spec(#"{"name": "a", "url": "https://x.test/", "headers": {"content-type": "application/vnd.api+json"}, "body": {"json": [1]}}"#)
        #expect(custom.headers == [HeaderField("content-type", "application/vnd.api+json")])
    }

    @Test func textFormBase64Bodies() throws {
        let text = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"text": "hi {{u}}"}}"#, extra: #""variables": {"u": "bob"}, "#)
        #expect(text.body == .bytes(Array("hi bob".utf8)))
        #expect(text.headers == [HeaderField("Content-Type", "text/plain; charset=utf-8")])
        let csv = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"text": "a,b", "contentType": "text/csv"}}"#)
        #expect(csv.headers == [HeaderField("Content-Type", "text/csv")])
        let form = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"form": {"a b": "c&d é", "t": ["1", "2"], "ok": true}}}"#)
        #expect(form.body == .bytes(Array("a+b=c%26d+%C3%A9&t=1&t=2&ok=true".utf8)))
        #expect(form.headers == [HeaderField("Content-Type", "application/x-www-form-urlencoded")])
        let binary = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"base64": "AAEC/w", "contentType": "application/octet-stream"}}"#)
        #expect(binary.body == .bytes([0, 1, 2, 255]))
        #expect(binary.headers == [HeaderField("Content-Type", "application/octet-stream")])
        let none = try spec(#"{"name": "a", "url": "https://x.test/"}"#)
        #expect(none.body == .none)
        #expect(none.headers.isEmpty)
    }

    @Test func fileAndMultipartBodies() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/data/a.txt"))
        let real = try #require(CollectionPaths.realPath(dir))
        let file = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"file": "data/a.txt"}}"#, directory: dir)
        #expect(file.body == .file(path: real + "/data/a.txt", size: 5))
        #expect(file.headers.isEmpty)
        let multipart = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"multipart": [{"name": "f", "value": "v{{x}}"}, {"name": "up", "file": "data/../data/a.txt", "contentType": "text/plain"}, {"name": "named", "file": "data/a.txt", "filename": "b.txt"}]}}"#,
                                 extra: #""variables": {"x": 1}, "#, directory: dir)
        #expect(multipart.body == .multipart([
            ResolvedPart(name: "f", value: Array("v1".utf8)),
            ResolvedPart(name: "up", filePath: real + "/data/a.txt", filename: "a.txt", contentType: "text/plain"),
            ResolvedPart(name: "named", filePath: real + "/data/a.txt", filename: "b.txt"),
        ]))
        #expect(failure(#"{"name": "a", "url": "https://x.test/", "body": {"file": "data/missing.bin"}}"#, directory: dir)?.message
            .hasPrefix("body file 'data/missing.bin' not found") == true)
        #expect(failure(#"{"name": "a", "url": "https://x.test/", "body": {"file": "data"}}"#, directory: dir)?.message
            .contains("is not a regular file") == true)
    }

    @Test func pathEscapesAreRejected() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let collection = root + "/coll", outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: collection, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside + "/key"))
        try FileManager.default.createSymbolicLink(atPath: collection + "/link", withDestinationPath: outside + "/key")

        let dotdot = failure(#"{"name": "a", "url": "https://x.test/", "body": {"file": "../outside/key"}}"#, directory: collection)
        #expect(dotdot?.message.hasPrefix("body file '../outside/key' is outside the collection's folder") == true)
        let symlink = failure(#"{"name": "a", "url": "https://x.test/", "body": {"multipart": [{"name": "k", "file": "link"}]}}"#, directory: collection)
        #expect(symlink?.message.hasPrefix("multipart file 'link' is outside the collection's folder") == true)
        let absolute = failure(#"{"name": "a", "url": "https://x.test/", "body": {"file": "\#(outside)/key"}}"#, directory: collection)
        #expect(absolute?.message.contains("is outside the collection's folder") == true)
        let allowed = try spec(#"{"name": "a", "url": "https://x.test/", "body": {"file": "link"}}"#, directory: collection, allowed: [outside])
        if case .file(let path, let size) = allowed.body {
            #expect(path.hasSuffix("/outside/key"))
            #expect(size == 6)
        } else {
            Issue.record("file body expected")
        }
    }

    @Test func optionDefaultsAndExplicitlySet() throws {
        let plain = try spec(#"{"name": "a", "url": "https://x.test/"}"#)
        #expect(plain.options == ResolvedOptions())
        #expect(plain.options.timeout == TimeoutSettings(connect: 5, read: 5, write: 5, pool: 5, total: nil))
        #expect(!plain.options.followRedirects)
        #expect(plain.options.maxRedirects == 20)
        #expect(plain.options.compressed)
        #expect(plain.options.explicitlySet.isEmpty)

        let number = try spec(#"{"name": "a", "url": "https://x.test/", "options": {"timeout": 2.5}}"#)
        #expect(number.options.timeout == TimeoutSettings(connect: 2.5, read: 2.5, write: 2.5, pool: 2.5, total: nil))
        #expect(number.options.explicitlySet == ["timeout"])

        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("pem".utf8).write(to: URL(fileURLWithPath: dir + "/ca.pem"))
        let real = try #require(CollectionPaths.realPath(dir))
        let all = try spec(#"{"name": "a", "url": "https://x.test/", "options": {"timeout": {"connect": 1, "total": "{{total}}"}, "followRedirects": "{{follow}}", "maxRedirects": "{{max}}", "proxy": "http://proxy:3128", "caFile": "ca.pem", "insecure": true, "clientCert": "ca.pem", "clientKey": "ca.pem", "httpVersion": "2", "compressed": false}}"#,
                           extra: #""variables": {"total": 9, "follow": "true", "max": 3}, "#, directory: dir)
        #expect(all.options.timeout == TimeoutSettings(connect: 1, read: 5, write: 5, pool: 5, total: 9))
        #expect(all.options.followRedirects)
        #expect(all.options.maxRedirects == 3)
        #expect(all.options.proxy == "http://proxy:3128")
        #expect(all.options.caFile == real + "/ca.pem")
        #expect(all.options.clientCert == real + "/ca.pem")
        #expect(all.options.insecure)
        #expect(all.options.httpVersion == .http2)
        #expect(!all.options.compressed)
        #expect(all.options.explicitlySet == ["timeout", "followRedirects", "maxRedirects", "proxy", "caFile", "insecure", "clientCert", "clientKey", "httpVersion", "compressed"])
    }

    @Test func templatedOptionTypeErrors() {
        let e = failure(#"{"name": "a", "url": "https://x.test/", "options": {"timeout": "{{t}}"}}"#, extra: #""variables": {"t": "soon"}, "#)
        #expect(e?.message == "`timeout.connect` must be a number of seconds (0 or more); \"{{t}}\" gave 'soon'")
        #expect(e?.location?.column == 119)
        let b = failure(#"{"name": "a", "url": "https://x.test/", "options": {"insecure": "{{i}}"}}"#, extra: #""variables": {"i": "yes"}, "#)
        #expect(b?.message == "`insecure` must be true or false; \"{{i}}\" gave 'yes'")
    }

    @Test func methodAndVariablesAtResolution() {
        let e = failure(#"{"name": "a", "method": "{{m}}", "url": "https://x.test/"}"#, extra: #""variables": {"m": "GE T"}, "#)
        #expect(e?.message.hasPrefix("method 'GE T'") == true)
        let unknown = failure(#"{"name": "a", "url": "https://x.test/{{nope}}"}"#)
        #expect(unknown?.message.hasPrefix("unknown variable 'nope'") == true)
    }
}
