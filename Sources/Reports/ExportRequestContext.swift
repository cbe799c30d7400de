import Engine

/// What the `curl` and `http` exports need beyond the stored run: the request bodies (the store keeps only
/// their size) and, with `export --reveal`, values of secret variables re-resolved at export time.
///
/// Built by the CLI from the run's collection; without it the exports still write every request, with a
/// comment where a body was sent but is not known.
public struct RequestExportContext: Sendable, Hashable {
    /// Request bodies by request id (`users/create`).
    public var bodies: [String: ExportedBody]
    /// Values for `{{name}}` references (only with `--reveal`); a reference without a value stays a reference.
    public var revealed: [String: String]

    public init(bodies: [String: ExportedBody] = [:], revealed: [String: String] = [:]) {
        self.bodies = bodies
        self.revealed = revealed
    }

    /// No bodies, nothing revealed.
    public static let empty = RequestExportContext()
}

/// A request body as the exports write it. Text may hold `{{name}}` references (secrets, generators) that
/// each format writes its own way (`${TOKEN}` in curl, `{{token}}` in `.http`).
public enum ExportedBody: Sendable, Hashable {
    /// Text sent as it is (JSON, forms already encoded, plain text).
    case text(String)
    /// The contents of a file (an absolute path).
    case file(String)
    /// `multipart/form-data` parts.
    case multipart([ExportedPart])
    /// Bytes that are not text, as base64.
    case binary(base64: String)
}

/// One multipart part: a value, or a file (absolute path) with an optional file name and type.
public struct ExportedPart: Sendable, Hashable {
    public var name: String
    public var value: String?
    public var file: String?
    public var filename: String?
    public var contentType: String?

    public init(name: String, value: String? = nil, file: String? = nil, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.value = value
        self.file = file
        self.filename = filename
        self.contentType = contentType
    }
}

/// `{{name}}` references in exported text, and the request as it went on the wire.
enum ExportReferences {
    /// Splits text into literal pieces and `{{name}}` references (`name` trimmed; generators keep their `$`).
    static func split(_ text: String) -> [(literal: String, reference: String?)] {
        var out: [(String, String?)] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            let name = trimmed(rest[open.upperBound..<close.lowerBound])
            guard !name.isEmpty, !name.contains("{") else {
                out.append((String(rest[..<close.upperBound]), nil))
                rest = rest[close.upperBound...]
                continue
            }
            if open.lowerBound > rest.startIndex { out.append((String(rest[..<open.lowerBound]), nil)) }
            out.append(("", String(name)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { out.append((String(rest), nil)) }
        return out
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var s = text
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }

    /// Every reference in the texts, in first-seen order.
    static func names(in texts: [String]) -> [String] {
        var seen: [String] = []
        for text in texts {
            for piece in split(text) {
                if let name = piece.reference, !seen.contains(name) { seen.append(name) }
            }
        }
        return seen
    }

    /// Headers computed by the client (curl and editors set them themselves).
    static let computedHeaders: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    /// The first exchange that carried the request itself (preflights are the runtime's own).
    static func sent(_ result: RequestResult) -> Exchange? {
        result.exchanges.first { $0.kind == .request }
    }

    /// A sensitive header's `<redacted>` value (no known variable supplied it) as a reference named after the header.
    static func headerValue(_ field: HeaderField) -> String {
        field.value == "<redacted>" ? "{{\(field.name.lowercased())}}" : field.value
    }

    /// Text for a comment line: line breaks become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

extension Exporter {
    /// The export of `record`; the `curl` and `http` formats also use `context` (bodies, revealed secrets).
    public static func render(_ record: RunRecord, as format: ExportFormat, creatorVersion: String,
                              context: RequestExportContext) -> String {
        switch format {
        case .curl: return CurlExport.render(record, context: context)
        case .http: return HTTPFileExport.render(record, context: context)
        default: return render(record, as: format, creatorVersion: creatorVersion)
        }
    }
}

extension Exporter {
    /// Every `{{name}}` reference a curl or http export of `record` would write (URLs, headers, bodies).
    public static func references(_ record: RunRecord, context: RequestExportContext) -> [String] {
        CurlExport.referencedNames(record, context: context)
    }
}
