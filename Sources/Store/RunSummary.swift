import Engine

/// One stored run as history lists it: identity, settings that tell runs apart, outcome counts.
public struct RunSummary: Sendable, Hashable {
    public var id: Int64
    /// Runs started together (`--profile all`) share a group id.
    public var groupID: String?
    public var collectionName: String
    public var collectionPath: String
    public var profile: String
    public var environment: String?
    public var mode: ClientMode
    public var origin: String?
    /// Seconds since 1970.
    public var startedAt: Double
    /// Seconds since 1970; `nil` while the run is being written.
    public var endedAt: Double?
    public var status: RunStatus
    /// Outcomes committed so far (final once the run is no longer `running`).
    public var counts: RunCounts
    /// `nil` while the run is being written.
    public var durationMicros: Int64?
    public var host: String

    public init(id: Int64, groupID: String?, collectionName: String, collectionPath: String, profile: String,
                environment: String?, mode: ClientMode, origin: String?, startedAt: Double, endedAt: Double?,
                status: RunStatus, counts: RunCounts, durationMicros: Int64?, host: String) {
        self.id = id
        self.groupID = groupID
        self.collectionName = collectionName
        self.collectionPath = collectionPath
        self.profile = profile
        self.environment = environment
        self.mode = mode
        self.origin = origin
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.counts = counts
        self.durationMicros = durationMicros
        self.host = host
    }
}

/// A stored run in full: its summary, the `RunInfo` it was begun with, and the writer's bookkeeping.
public struct StoredRun: Sendable, Hashable {
    public var summary: RunSummary
    public var info: RunInfo
    /// How many requests the run planned to send (`results` may hold fewer if it was interrupted).
    public var plannedRequests: Int
    /// The writing process on `summary.host`.
    public var pid: Int

    public init(summary: RunSummary, info: RunInfo, plannedRequests: Int, pid: Int) {
        self.summary = summary
        self.info = info
        self.plannedRequests = plannedRequests
        self.pid = pid
    }
}

/// Which runs `RunStore.listRuns` returns; every criterion left `nil` (or `false`) matches all runs.
public struct RunFilter: Sendable, Hashable {
    /// At most this many runs (newest first).
    public var limit: Int?
    /// Matches the collection's name or its path, exactly.
    public var collection: String?
    public var profile: String?
    public var environment: String?
    /// Runs started at or after this time (seconds since 1970).
    public var since: Double?
    /// Only runs with a failed or errored request, or that ended with status `failed` or `interrupted`.
    public var failedOnly: Bool
    public var groupID: String?

    public init(limit: Int? = nil, collection: String? = nil, profile: String? = nil, environment: String? = nil,
                since: Double? = nil, failedOnly: Bool = false, groupID: String? = nil) {
        self.limit = limit
        self.collection = collection
        self.profile = profile
        self.environment = environment
        self.since = since
        self.failedOnly = failedOnly
        self.groupID = groupID
    }
}
