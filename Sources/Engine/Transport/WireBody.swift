/// The body of a `WireRequest`.
public enum WireBody: Sendable, Hashable {
    /// No body.
    case none
    /// These bytes, sent without copying them again.
    case bytes([UInt8])
    /// A file's contents, streamed from disk with a read callback (never loaded whole).
    case file(path: String)
    /// `multipart/form-data`; libcurl writes the boundary into `Content-Type`.
    case multipart([WirePart])
}

/// One part of a multipart body: a value or a file, with an optional filename and content type.
public struct WirePart: Sendable, Hashable {
    /// Where a part's content comes from.
    public enum Content: Sendable, Hashable {
        case bytes([UInt8])
        /// Streamed from disk. Without an explicit `filename`, libcurl uses the file's base name.
        case file(path: String)
    }

    public var name: String
    public var content: Content
    public var filename: String?
    public var contentType: String?

    public init(name: String, content: Content, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.content = content
        self.filename = filename
        self.contentType = contentType
    }

    /// A text field.
    public static func value(_ name: String, _ text: String, contentType: String? = nil) -> WirePart {
        WirePart(name: name, content: .bytes(Array(text.utf8)), contentType: contentType)
    }

    /// A file field streamed from `path`.
    public static func file(_ name: String, path: String, filename: String? = nil, contentType: String? = nil) -> WirePart {
        WirePart(name: name, content: .file(path: path), filename: filename, contentType: contentType)
    }
}
