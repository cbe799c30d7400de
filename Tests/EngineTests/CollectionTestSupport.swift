import Foundation
import Testing
@testable import Engine

/// Helpers shared by the collection and template tests.
enum CollectionTestSupport {
    /// Parses collection text named `t.json`.
    static func load(_ text: String, path: String = "t.json") throws -> Engine.Collection {
        try CollectionLoader.parse(bytes: Array(text.utf8), path: path)
    }

    /// The errors loading `text` reports (empty when it loads).
    static func errors(_ text: String, path: String = "t.json") -> [InputError] {
        do {
            _ = try CollectionLoader.parse(bytes: Array(text.utf8), path: path)
            return []
        } catch {
            return error.errors
        }
    }

    /// A collection with one request object given as JSON text.
    static func oneRequest(_ request: String, extra: String = "") -> String {
        "{\"name\": \"T\", \(extra)\"requests\": [\(request)]}"
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wb-coll-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository root (for collections/ and schema/).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
