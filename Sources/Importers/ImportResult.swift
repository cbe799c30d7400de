import Engine

/// Something an importer could not translate faithfully, and where it was in the source.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    /// Where in the source file the untranslated construct is, when known.
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// What one import produced: a collection document (`validate` accepts it), its request count, and the notes.
public struct ImportResult: Sendable {
    /// The collection as JSON, ready to be written with `serialized(pretty: true)`.
    public var collection: JSONValue
    /// How many requests the collection holds (every request of the source: none is dropped silently).
    public var requestCount: Int
    /// What could not be translated, in source order.
    public var notes: [ImportNote]
}

/// Why an import produced nothing at all: the source is unreadable or not in the expected format.
/// The same located error as every other input error (`file:line:column: message`).
public typealias ImportError = InputError

/// The source formats `workbench import` reads.
public enum ImportKind: String, Sendable, CaseIterable {
    /// Postman Collection v2.1 (and v2.0) JSON.
    case postman
    /// JetBrains HTTP Client / VS Code REST Client `.http` / `.rest` files.
    case http
    /// HTTP Archive 1.2 (browser devtools, Workbench's own `export --format har`).
    case har
    /// One or more curl command lines.
    case curl
}

/// Settings of one import beyond the source file.
public struct ImportOptions: Sendable {
    /// Environment files to add as named environments (Postman environment JSON, or `http-client.env.json`).
    public var environmentPaths: [String]
    /// HAR: keep only entries whose URL matches one of these regular expressions (all when empty).
    public var include: [String]
    /// HAR: drop entries whose URL matches one of these regular expressions.
    public var exclude: [String]
    /// The collection's name; the source's own name or file name when `nil`.
    public var name: String?

    public init(environmentPaths: [String] = [], include: [String] = [], exclude: [String] = [], name: String? = nil) {
        self.environmentPaths = environmentPaths
        self.include = include
        self.exclude = exclude
        self.name = name
    }
}
