import Foundation
import Testing
@testable import Engine

/// Security (issue #7): a collection reads no file outside its own folder unless `--allow-path` names the
/// directory. Every field that names a file is checked the same ways: `..`, an absolute path, a path from a
/// variable, a symlinked file and a symlinked directory that point outside; and the same file allowed.
@Suite("Security: files stay inside the collection's folder")
struct SecurityPathTests {
    typealias S = CollectionTestSupport

    /// Each file-reading field, as a request object with `PATH` where the path goes.
    static let fields: [(name: String, request: String)] = [
        ("body file", #"{"name": "a", "method": "POST", "url": "https://x.test/", "body": {"file": "PATH"}}"#),
        ("multipart file", #"{"name": "a", "method": "POST", "url": "https://x.test/", "body": {"multipart": [{"name": "f", "file": "PATH"}]}}"#),
        ("caFile", #"{"name": "a", "url": "https://x.test/", "options": {"caFile": "PATH"}}"#),
        ("clientCert", #"{"name": "a", "url": "https://x.test/", "options": {"clientCert": "PATH"}}"#),
        ("clientKey", #"{"name": "a", "url": "https://x.test/", "options": {"clientKey": "PATH"}}"#),
    ]

    /// `root/collection` (with `data/inside.txt`, a symlink to a file outside, a symlinked directory
    /// outside and a symlink to a file inside) and `root/outside/secret.pem`.
    struct Tree {
        var collection: String
        var outside: String

        init() throws {
            let root = try S.temporaryDirectory()
            collection = root + "/collection"
            outside = root + "/outside"
            let fm = FileManager.default
            try fm.createDirectory(atPath: collection + "/data", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try "inside".write(toFile: collection + "/data/inside.txt", atomically: true, encoding: .utf8)
            try "SECRET".write(toFile: outside + "/secret.pem", atomically: true, encoding: .utf8)
            try fm.createSymbolicLink(atPath: collection + "/link.pem", withDestinationPath: "../outside/secret.pem")
            try fm.createSymbolicLink(atPath: collection + "/linked-dir", withDestinationPath: outside)
            try fm.createSymbolicLink(atPath: collection + "/inner-link.txt", withDestinationPath: "data/inside.txt")
        }
    }

    func resolve(_ request: String, path: String, tree: Tree, allowed: [String] = [], variables: String = "") throws(InputError) -> RequestSpec {
        let text = S.oneRequest(request.replacingOccurrences(of: "PATH", with: path), extra: variables)
        let c: Engine.Collection
        let scope: VariableScope
        do {
            c = try S.load(text)
            scope = try VariableScope(collection: c, environmentName: nil)
        } catch {
            throw InputError("the test collection did not load: \(error)")
        }
        return try RequestResolver.resolve(c.requests[0], scope: scope, collectionDirectory: tree.collection, environment: [:],
                                           allowedPaths: allowed)
    }

    func refusal(_ request: String, path: String, tree: Tree, variables: String = "") -> String? {
        do {
            _ = try resolve(request, path: path, tree: tree, variables: variables)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("escapes are refused: .., absolute, from a variable, symlinked file, symlinked directory")
    func escapesRefused() throws {
        let tree = try Tree()
        for field in Self.fields {
            for path in ["../outside/secret.pem", tree.outside + "/secret.pem", "data/../../outside/secret.pem", "link.pem", "linked-dir/secret.pem"] {
                let message = refusal(field.request, path: path, tree: tree)
                #expect(message?.contains("is outside the collection's folder") == true, "\(field.name) '\(path)': \(message ?? "accepted")")
                #expect(message?.contains("allow its directory explicitly") == true, "\(field.name): the error says how to allow it")
            }
            let fromVariable = refusal(field.request, path: "{{p}}", tree: tree, variables: #""variables": {"p": "../outside/secret.pem"}, "#)
            #expect(fromVariable?.contains("is outside the collection's folder") == true, "\(field.name) from a variable: \(fromVariable ?? "accepted")")
        }
    }

    @Test("files inside (also through .. and symlinks that stay inside) are accepted")
    func insideAccepted() throws {
        let tree = try Tree()
        for field in Self.fields {
            for path in ["data/inside.txt", "data/../data/inside.txt", "inner-link.txt", tree.collection + "/data/inside.txt"] {
                #expect(refusal(field.request, path: path, tree: tree) == nil, "\(field.name) '\(path)'")
            }
        }
    }

    @Test("--allow-path lets exactly that directory in; the resolved path is the real file")
    func allowPath() throws {
        let tree = try Tree()
        for field in Self.fields {
            for path in ["../outside/secret.pem", "link.pem", "linked-dir/secret.pem"] {
                let spec = try resolve(field.request, path: path, tree: tree, allowed: [tree.outside])
                let real = try #require(CollectionPaths.realPath(tree.outside + "/secret.pem"))
                let used: String?
                switch spec.body {
                case .file(let p, _): used = p
                case .multipart(let parts): used = parts.first?.filePath
                default: used = spec.options.caFile ?? spec.options.clientCert ?? spec.options.clientKey
                }
                #expect(used == real, "\(field.name) '\(path)': \(used ?? "nil")")
            }
            // Allowing a sibling directory does not allow this one.
            let other = tree.outside + "-other"
            try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
            #expect(throws: InputError.self, "\(field.name)") {
                _ = try resolve(field.request, path: "../outside/secret.pem", tree: tree, allowed: [other])
            }
        }
    }

    @Test("a directory, a device and a missing file are refused as not regular files")
    func notRegularFiles() throws {
        let tree = try Tree()
        for field in Self.fields {
            #expect(refusal(field.request, path: "data", tree: tree)?.contains("is not a regular file") == true, "\(field.name)")
            #expect(refusal(field.request, path: "missing.pem", tree: tree)?.contains("not found") == true, "\(field.name)")
        }
        let allowedDevice = try? resolve(Self.fields[0].request, path: "/dev/zero", tree: try Tree(), allowed: ["/dev"])
        #expect(allowedDevice == nil, "/dev/zero is never a body, even allowed")
    }
}
