/// Everything the executor needs besides the request: the profile, the run's settings and Workbench's own limits.
public struct ExecutionSettings: Sendable {
    public var profile: Profile
    /// Mode (sync/async), page origin, credentials mode, `--strict`.
    public var settings: RunSettings
    /// Response body bytes kept in memory per exchange.
    public var bodyCaptureLimit: Int
    /// Hard cap on a response body.
    public var maxBodyBytes: Int64?
    /// How long a sync request on the browser main thread (where no timeout applies) may block before Workbench stops it, seconds.
    public var mainThreadSafetyLimit: Double

    public init(profile: Profile, settings: RunSettings = RunSettings(), bodyCaptureLimit: Int = WireRequest.defaultBodyCaptureLimit,
                maxBodyBytes: Int64? = nil, mainThreadSafetyLimit: Double = Profile.defaultMainThreadSafetyLimit) {
        self.profile = profile
        self.settings = settings
        self.bodyCaptureLimit = bodyCaptureLimit
        self.maxBodyBytes = maxBodyBytes
        self.mainThreadSafetyLimit = mainThreadSafetyLimit
    }

    /// The page origin browser profiles use: the run's, else `Profile.defaultOrigin`.
    public var pageOrigin: String {
        settings.origin ?? Profile.defaultOrigin
    }
}

/// What one request did under one profile: every exchange (preflights and hops), what Python observed or the
/// exception it got, the underlying cause, and every effect of the profile.
public struct RequestExecution: Sendable {
    /// Preflights and hops, in the order they happened.
    public var exchanges: [Exchange]
    /// The response as Python sees it, when it gets one.
    public var observed: ObservedResponse?
    /// The exception Python gets instead.
    public var pythonError: PythonError?
    /// The underlying cause of a failure (a CORS refusal, a transport error, a refusal before sending).
    public var error: TransportError?
    public var effects: [Effect]
    /// Wall-clock start, seconds since 1970.
    public var startedAt: Double
    public var durationMicros: Int64
    /// True when nothing at all was put on the wire (refused before sending).
    public var sentNothing: Bool

    public init(exchanges: [Exchange] = [], observed: ObservedResponse? = nil, pythonError: PythonError? = nil,
                error: TransportError? = nil, effects: [Effect] = [], startedAt: Double, durationMicros: Int64, sentNothing: Bool) {
        self.exchanges = exchanges
        self.observed = observed
        self.pythonError = pythonError
        self.error = error
        self.effects = effects
        self.startedAt = startedAt
        self.durationMicros = durationMicros
        self.sentNothing = sentNothing
    }

    /// The effect codes, in order (convenient for matrices and tests).
    public var effectCodes: [String] { effects.map(\.code) }
}
