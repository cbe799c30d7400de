/// Client mode: `httpx.Client` (sync) or `httpx.AsyncClient` (async).
public enum ClientMode: String, Sendable, Hashable, CaseIterable {
    case sync
    case async
}

/// Fetch credentials mode of the page (httpx's transport uses the default, `same-origin`).
public enum CredentialsMode: String, Sendable, Hashable, CaseIterable {
    case omit
    case sameOrigin = "same-origin"
    case include
}

/// The run settings a profile needs; stored with the run.
public struct RunSettings: Sendable, Hashable {
    public var mode: ClientMode
    /// The page origin for browser profiles (`http://localhost:8000` form), `nil` outside browsers.
    public var origin: String?
    public var credentials: CredentialsMode
    public var crossOriginIsolated: Bool
    /// `--strict`: options a profile would ignore become errors before anything is sent.
    public var strict: Bool
    public init(mode: ClientMode = .sync, origin: String? = nil, credentials: CredentialsMode = .sameOrigin,
                crossOriginIsolated: Bool = false, strict: Bool = false) {
        self.mode = mode
        self.origin = origin
        self.credentials = credentials
        self.crossOriginIsolated = crossOriginIsolated
        self.strict = strict
    }
}

/// How a whole run ended.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    /// Still being written (or its writer died; the store marks such runs interrupted when it finds them).
    case running
    case completed
    /// Stopped by a signal or a dead process; results committed before the stop are kept.
    case interrupted
    /// Stopped by an error of Workbench's own (store full, …).
    case failed
}

/// Identity and settings of one run of one collection under one profile.
public struct RunInfo: Sendable, Hashable {
    public var collectionName: String
    public var collectionPath: String
    public var collectionHash: String
    public var profile: String
    /// The profile's full definition as JSON, so a stored run says exactly which rules applied.
    public var profileDefinition: JSONValue?
    public var settings: RunSettings
    public var environment: String?
    /// Seconds since 1970.
    public var startedAt: Double
    public var host: String
    /// Runs started together (`--profile all`) share a group id.
    public var groupID: String?
    public var jobs: Int
    /// `K/N` when the run was a shard.
    public var shard: String?
    public init(collectionName: String, collectionPath: String, collectionHash: String, profile: String,
                profileDefinition: JSONValue? = nil, settings: RunSettings = RunSettings(), environment: String? = nil,
                startedAt: Double, host: String, groupID: String? = nil, jobs: Int = 1, shard: String? = nil) {
        self.collectionName = collectionName
        self.collectionPath = collectionPath
        self.collectionHash = collectionHash
        self.profile = profile
        self.profileDefinition = profileDefinition
        self.settings = settings
        self.environment = environment
        self.startedAt = startedAt
        self.host = host
        self.groupID = groupID
        self.jobs = jobs
        self.shard = shard
    }
}

/// Counts of outcomes in a run.
public struct RunCounts: Sendable, Hashable {
    public var passed: Int
    public var failed: Int
    public var errored: Int
    public var skipped: Int
    public init(passed: Int = 0, failed: Int = 0, errored: Int = 0, skipped: Int = 0) {
        self.passed = passed
        self.failed = failed
        self.errored = errored
        self.skipped = skipped
    }
    public var total: Int { passed + failed + errored + skipped }
    public mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .errored: errored += 1
        case .skipped: skipped += 1
        }
    }
}
