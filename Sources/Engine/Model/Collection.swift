/// A request collection as the file says it, after parsing and validation. Knows nothing about running.
public struct Collection: Sendable {
    /// The collection's display name (`name`).
    public var name: String
    /// The path the collection was loaded from, as given by the user.
    public var sourcePath: String
    /// SHA-256 (hex) of the file's bytes: identifies the exact version of a collection in history.
    public var sourceHash: String
    /// Collection variables, lowest precedence.
    public var variables: [Variable]
    /// Named environments selected with `--env NAME`.
    public var environments: [Environment]
    /// Headers and options applied to every request (a request's own values win).
    public var defaults: RequestDefaults
    /// Every request in document order, groups flattened (each request knows its group path).
    public var requests: [RequestDefinition]
    /// `"server": "builtin"`: `run` starts the fixture server and binds `{{base}}` and `{{page}}`.
    public var usesBuiltinServer: Bool
    /// The page origin for browser profiles (`origin`), when the collection names one.
    public var origin: String?
    /// Names of variables whose values are secret (redacted before storage and display).
    public var secretNames: Set<String>
    /// Volatile data that diffs ignore (`diff.ignoreHeaders`, `diff.ignorePaths`).
    public var diffIgnore: DiffIgnore
    /// Custom profile definitions from the collection's `profiles` section, raw (the profile loader reads them).
    public var profileDefinitions: [String: JSONValue]

    public init(
        name: String, sourcePath: String, sourceHash: String, variables: [Variable] = [],
        environments: [Environment] = [], defaults: RequestDefaults = RequestDefaults(),
        requests: [RequestDefinition] = [], usesBuiltinServer: Bool = false, origin: String? = nil,
        secretNames: Set<String> = [], diffIgnore: DiffIgnore = DiffIgnore(),
        profileDefinitions: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.sourcePath = sourcePath
        self.sourceHash = sourceHash
        self.variables = variables
        self.environments = environments
        self.defaults = defaults
        self.requests = requests
        self.usesBuiltinServer = usesBuiltinServer
        self.origin = origin
        self.secretNames = secretNames
        self.diffIgnore = diffIgnore
        self.profileDefinitions = profileDefinitions
    }
}

/// One variable: a name and a JSON value (strings may hold templates).
public struct Variable: Sendable, Hashable {
    public var name: String
    public var value: JSONValue
    public var secret: Bool
    public init(name: String, value: JSONValue, secret: Bool = false) {
        self.name = name
        self.value = value
        self.secret = secret
    }
}

/// A named set of variables chosen with `--env NAME`.
public struct Environment: Sendable, Hashable {
    public var name: String
    public var variables: [Variable]
    public init(name: String, variables: [Variable]) {
        self.name = name
        self.variables = variables
    }
}

/// What diffs ignore: header names (case-insensitive) and JSONPath expressions into bodies.
public struct DiffIgnore: Sendable, Hashable {
    public var headers: [String]
    public var paths: [String]
    public init(headers: [String] = [], paths: [String] = []) {
        self.headers = headers
        self.paths = paths
    }
}

/// Headers and options that apply to every request of a collection or group.
public struct RequestDefaults: Sendable {
    public var headers: [NamedTemplate]
    public var options: OptionsDefinition
    /// Declared per-profile outcomes for every request below (a request's own `expect` wins).
    public var expectations: [ProfileExpectation]
    public init(headers: [NamedTemplate] = [], options: OptionsDefinition = OptionsDefinition(), expectations: [ProfileExpectation] = []) {
        self.headers = headers
        self.options = options
        self.expectations = expectations
    }
}

/// A name with a templated value: a header, a query parameter, a form field.
public struct NamedTemplate: Sendable {
    public var name: String
    public var value: Template
    public init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// One request of a collection, templates unresolved.
public struct RequestDefinition: Sendable {
    public var name: String
    /// The names of the groups (folders) that hold this request, outermost first.
    public var groupPath: [String]
    public var method: Template
    public var url: Template
    public var query: [NamedTemplate]
    /// Headers after merging collection defaults, group defaults and the request's own (request wins).
    public var headers: [NamedTemplate]
    public var body: BodyDefinition?
    /// Options after merging defaults (request wins field by field).
    public var options: OptionsDefinition
    public var assertions: [Assertion]
    public var captures: [Capture]
    /// Outcomes the collection declares for some profiles instead of its assertions passing.
    public var expectations: [ProfileExpectation]
    /// `skip: true`: recorded as skipped, never sent.
    public var skip: Bool
    /// Where the request's object starts in the file.
    public var location: SourceLocation

    public init(
        name: String, groupPath: [String] = [], method: Template, url: Template,
        query: [NamedTemplate] = [], headers: [NamedTemplate] = [], body: BodyDefinition? = nil,
        options: OptionsDefinition = OptionsDefinition(), assertions: [Assertion] = [],
        captures: [Capture] = [], expectations: [ProfileExpectation] = [], skip: Bool = false,
        location: SourceLocation
    ) {
        self.name = name
        self.groupPath = groupPath
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.options = options
        self.assertions = assertions
        self.captures = captures
        self.expectations = expectations
        self.skip = skip
        self.location = location
    }

    /// The request's identity across runs and profiles: its group path plus its name (`users/create`).
    public var id: String { (groupPath + [name]).joined(separator: "/") }
}

/// A request body, templates unresolved.
public enum BodyDefinition: Sendable {
    /// A JSON document; string leaves are templates. A leaf that is exactly one `{{var}}` takes the variable's JSON value.
    case json(JSONValue)
    /// Text; `contentType` defaults to `text/plain; charset=utf-8`.
    case text(Template, contentType: Template?)
    /// `application/x-www-form-urlencoded` fields.
    case form([NamedTemplate])
    /// `multipart/form-data` parts.
    case multipart([MultipartPart])
    /// The contents of a file, resolved relative to the collection's folder, streamed.
    case file(path: Template, contentType: Template?)
    /// Bytes given as base64 text.
    case base64(String, contentType: Template?)
}

/// One part of a multipart body: a field value or a file.
public struct MultipartPart: Sendable {
    public var name: String
    /// The field's value; `nil` when the part is a file.
    public var value: Template?
    /// A file path relative to the collection's folder; `nil` when the part is a value.
    public var file: Template?
    public var filename: Template?
    public var contentType: Template?
    public init(name: String, value: Template? = nil, file: Template? = nil, filename: Template? = nil, contentType: Template? = nil) {
        self.name = name
        self.value = value
        self.file = file
        self.filename = filename
        self.contentType = contentType
    }
}

/// A value given literally in the file, or as a template resolved at run time.
public enum Templated<Value: Sendable>: Sendable {
    case literal(Value)
    case template(Template)
}

/// Timeouts in httpx's model, in seconds. `nil` fields fall back to httpx's defaults (5 s; no total limit).
public struct TimeoutDefinition: Sendable {
    public var connect: Templated<Double>?
    public var read: Templated<Double>?
    public var write: Templated<Double>?
    public var pool: Templated<Double>?
    public var total: Templated<Double>?
    public init(connect: Templated<Double>? = nil, read: Templated<Double>? = nil, write: Templated<Double>? = nil,
                pool: Templated<Double>? = nil, total: Templated<Double>? = nil) {
        self.connect = connect
        self.read = read
        self.write = write
        self.pool = pool
        self.total = total
    }
}

/// HTTP version a request asks for.
public enum HTTPVersionOption: String, Sendable, Hashable, CaseIterable {
    case http1_1 = "1.1"
    case http2 = "2"
}

/// Per-request transport options; every field optional so that defaults can merge field by field.
public struct OptionsDefinition: Sendable {
    public var timeout: TimeoutDefinition?
    public var followRedirects: Templated<Bool>?
    public var maxRedirects: Templated<Int>?
    public var proxy: Template?
    public var caFile: Template?
    public var insecure: Templated<Bool>?
    public var clientCert: Template?
    public var clientKey: Template?
    public var httpVersion: Templated<HTTPVersionOption>?
    public var compressed: Templated<Bool>?

    public init(timeout: TimeoutDefinition? = nil, followRedirects: Templated<Bool>? = nil, maxRedirects: Templated<Int>? = nil,
                proxy: Template? = nil, caFile: Template? = nil, insecure: Templated<Bool>? = nil, clientCert: Template? = nil,
                clientKey: Template? = nil, httpVersion: Templated<HTTPVersionOption>? = nil, compressed: Templated<Bool>? = nil) {
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.proxy = proxy
        self.caFile = caFile
        self.insecure = insecure
        self.clientCert = clientCert
        self.clientKey = clientKey
        self.httpVersion = httpVersion
        self.compressed = compressed
    }
}

/// A collection's declared outcome for a request under some profiles (conventions: meeting it is a pass).
public struct ProfileExpectation: Sendable, Hashable {
    /// Profile names or kinds this applies to: a name (`browser-main`), `browser` (every browser profile),
    /// `node` (node profiles), `js` (every JavaScript profile), or `*`.
    public var profiles: [String]
    /// The expected outcome code: `pass`, `error`, `cors-blocked`, `refused` (failed before sending), `timeout`.
    public var outcome: String?
    /// The httpx exception Python would see, e.g. `httpx.ConnectError`.
    public var exception: String?
    /// Effect codes that must be present.
    public var effects: [String]
    /// True when the declaration comes from a group's or the collection's `defaults`.
    public var inherited: Bool
    public init(profiles: [String], outcome: String? = nil, exception: String? = nil, effects: [String] = [], inherited: Bool = false) {
        self.profiles = profiles
        self.outcome = outcome
        self.exception = exception
        self.effects = effects
        self.inherited = inherited
    }
}
