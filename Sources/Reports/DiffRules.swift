import Engine

/// What a diff ignores and how sensitive it is: header names, JSONPath queries into bodies, a timing threshold.
public struct DiffRules: Sendable {
    /// Headers every diff ignores unless told otherwise: `Date` changes on every response.
    public static let defaultIgnoredHeaders = ["Date"]

    /// Lower-cased header names whose changes are ignored.
    public private(set) var ignoredHeaders: Set<String>
    /// Compiled JSONPath queries; every node they select in either body is ignored, with its children.
    public private(set) var ignoredPaths: [JSONPath]
    /// A duration change is reported when `|b - a| / a` exceeds this fraction (`0.2` for 20%);
    /// `nil` compares no timings.
    public var timingThreshold: Double?
    /// Durations at or below this many microseconds on either side are never compared (noise).
    public var timingFloorMicros: Int64 = 1_000
    /// At most this many lines of a plain-text body diff are kept (the rest is counted).
    public var maxTextLines: Int = 200

    /// Rules ignoring `headers` (case-insensitively; `Date` included unless `includeDefaults` is false) and `paths`.
    public init(headers: [String] = [], paths: [JSONPath] = [], timingThreshold: Double? = nil,
                includeDefaults: Bool = true) {
        let all = (includeDefaults ? Self.defaultIgnoredHeaders : []) + headers
        ignoredHeaders = Set(all.map { $0.lowercased() })
        ignoredPaths = paths
        self.timingThreshold = timingThreshold
    }

    /// Adds header names (case-insensitive).
    public mutating func ignore(headers: [String]) {
        for name in headers { ignoredHeaders.insert(name.lowercased()) }
    }

    /// Adds JSONPath queries, skipping one already present (same text).
    public mutating func ignore(paths: [JSONPath]) {
        for path in paths where !ignoredPaths.contains(where: { $0.text == path.text }) { ignoredPaths.append(path) }
    }

    /// Compiles the texts, adds them, and returns the errors of those that do not compile.
    @discardableResult
    public mutating func ignore(pathTexts: [String]) -> [InputError] {
        var errors: [InputError] = []
        for text in pathTexts {
            do throws(InputError) {
                ignore(paths: [try JSONPath.compile(text)])
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    /// Adds a collection's own `diff` lists; paths that do not compile are skipped (validate reports them).
    public mutating func ignore(_ collection: DiffIgnore) {
        ignore(headers: collection.headers)
        ignore(pathTexts: collection.paths)
    }

    /// The header names ignored, sorted, lower-cased.
    public var ignoredHeaderList: [String] { ignoredHeaders.sorted() }

    func ignores(header name: String) -> Bool { ignoredHeaders.contains(name.lowercased()) }

    /// The normalized paths the ignore queries select in either body.
    func ignoredLocations(in a: JSONValue, _ b: JSONValue) -> Set<String> {
        var result: Set<String> = []
        for path in ignoredPaths {
            for node in path.queryPaths(a) { result.insert(node.path) }
            for node in path.queryPaths(b) { result.insert(node.path) }
        }
        return result
    }
}
