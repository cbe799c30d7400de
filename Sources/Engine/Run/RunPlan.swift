/// Everything a run needs, decided before the first request is sent.
public struct RunPlan: Sendable {
    public var collection: Collection
    public var profile: Profile
    public var settings: RunSettings
    public var environmentName: String?
    /// `--var k=v` overrides.
    public var overrides: [String: String]
    /// Variables bound by the built-in fixture server (`base`, `page`).
    public var builtinVariables: [String: String]
    /// The process environment, for `{{$processEnv NAME}}`.
    public var processEnvironment: [String: String]
    /// Requests in flight at once (1 = sequential on the calling thread).
    public var jobs: Int
    /// Stop after the first request that does not pass.
    public var bail: Bool
    /// Body bytes kept per response.
    public var bodyCaptureLimit: Int
    /// Hard cap on a response body (`nil`: none).
    public var maxBodyBytes: Int64?
    /// The command line's default hard cap on a response body (after decoding): 2 GiB, above the
    /// benchmark's 1 GiB download, so an endless body or a gzip bomb ends within seconds.
    public static let defaultMaxBodyBytes: Int64 = 2 << 30
    /// Run only this shard of the requests (requests a shard's requests depend on run too).
    public var shard: Shard?
    /// Directories outside the collection's folder that files may be read from (`--allow-path`).
    public var allowedPaths: [String]
    /// Upper bound on a browser main-thread sync request whose timeout cannot be enforced.
    public var mainThreadSafetyLimit: Double
    /// What is redacted beyond the collection's own secrets.
    public var redaction: RedactionSettings

    public init(collection: Collection, profile: Profile, settings: RunSettings = RunSettings(), environmentName: String? = nil,
                overrides: [String: String] = [:], builtinVariables: [String: String] = [:],
                processEnvironment: [String: String] = [:], jobs: Int = 1, bail: Bool = false,
                bodyCaptureLimit: Int = 1 << 20, maxBodyBytes: Int64? = nil, shard: Shard? = nil,
                allowedPaths: [String] = [], mainThreadSafetyLimit: Double = 120,
                redaction: RedactionSettings = RedactionSettings()) {
        self.collection = collection
        self.profile = profile
        self.settings = settings
        self.environmentName = environmentName
        self.overrides = overrides
        self.builtinVariables = builtinVariables
        self.processEnvironment = processEnvironment
        self.jobs = max(1, jobs)
        self.bail = bail
        self.bodyCaptureLimit = bodyCaptureLimit
        self.maxBodyBytes = maxBodyBytes
        self.shard = shard
        self.allowedPaths = allowedPaths
        self.mainThreadSafetyLimit = mainThreadSafetyLimit
        self.redaction = redaction
    }
}

/// Redaction chosen on the command line: more secret variables, more (or fewer) sensitive headers.
public struct RedactionSettings: Sendable, Hashable {
    /// Variables whose values are secret (`--secret NAME`), beyond `secret: true` and `secrets` in the collection.
    public var secretVariables: Set<String>
    /// Headers whose values are always redacted (`--redact-header NAME`), beyond Authorization, Proxy-Authorization,
    /// Cookie and Set-Cookie.
    public var extraHeaders: Set<String>
    /// Default sensitive headers to keep in clear (`--keep-header NAME`).
    public var revealedHeaders: Set<String>
    public init(secretVariables: Set<String> = [], extraHeaders: Set<String> = [], revealedHeaders: Set<String> = []) {
        self.secretVariables = secretVariables
        self.extraHeaders = extraHeaders
        self.revealedHeaders = revealedHeaders
    }
}

/// One shard of a run: `index` (1-based) of `total`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var total: Int
    public init(index: Int, total: Int) {
        self.index = index
        self.total = total
    }
    public var description: String { "\(index)/\(total)" }
}
