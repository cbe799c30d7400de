import Engine
import Foundation
import Importers
import Testing

/// Sample files, in-process validation, and the `workbench` binary for end-to-end checks.
enum Samples {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func load(_ name: String, _ kind: ImportKind, options: ImportOptions = ImportOptions()) throws -> ImportResult {
        try Importer.importFile(path(name), kind: kind, options: options)
    }

    /// The validator's errors for an imported collection written beside the samples (so file bodies resolve).
    static func validationErrors(_ result: ImportResult, environment: String? = nil) -> [String] {
        let text = result.collection.serialized(pretty: true)
        do {
            let collection = try CollectionLoader.parse(bytes: Array(text.utf8), path: path("imported.json"))
            return CollectionValidator.check(collection, environment: environment, overrides: [], builtinNames: []).map(\.description)
        } catch {
            return error.errors.map(\.description)
        }
    }
}

/// Readers over the imported collection's JSON.
extension JSONValue {
    subscript(key: String) -> JSONValue? { objectValue?[key] }
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Every request object, groups flattened, with its group path.
    var flattenedRequests: [(path: [String], request: JSONValue)] {
        func walk(_ items: [JSONValue], _ path: [String]) -> [(path: [String], request: JSONValue)] {
            items.flatMap { item -> [(path: [String], request: JSONValue)] in
                if let group = item["group"]?.stringValue {
                    return walk(item["requests"]?.arrayValue ?? [], path + [group])
                }
                return [(path, item)]
            }
        }
        return walk(self["requests"]?.arrayValue ?? [], [])
    }

    func request(_ id: String) -> JSONValue? {
        flattenedRequests.first { ($0.path + [$0.request["name"]?.stringValue ?? ""]).joined(separator: "/") == id }?.request
    }
}

extension ImportResult {
    /// True when some note's message contains `text` (and, when given, sits on `line`).
    func hasNote(_ text: String, line: Int? = nil) -> Bool {
        notes.contains { $0.message.contains(text) && (line == nil || $0.location?.line == line) }
    }
}

/// The built `workbench` binary.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["WORKBENCH_BIN"] { return explicit }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("workbench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/workbench").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `workbench args…` and waits (output goes to files, so a chatty child never blocks).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> Result {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
