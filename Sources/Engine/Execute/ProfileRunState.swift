#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What one run under one profile remembers between requests, shared by its parallel lanes:
/// the cookie jar (httpx's client jar for `native`, the browser's jar for browser profiles) and the
/// CORS preflight cache. Also the clocks the executor reads, so tests can drive time.
public final class ProfileRunState: Sendable {
    private struct Guarded {
        var jar: any ProfileCookieStore
        var preflights: [PreflightCacheKey: PreflightCacheEntry] = [:]
        var headerEffects = HeaderEffectsCache()
        var urls = WebURLCache()
    }

    private let guarded: Mutex<Guarded>
    /// Monotonic seconds: durations, timeout budgets, preflight cache expiry.
    let monotonic: @Sendable () -> Double
    /// Wall-clock seconds since 1970: `startedAt`, cookie expiry.
    let wall: @Sendable () -> Double

    /// A state on the real clocks.
    public convenience init() {
        self.init(monotonic: ProfileRunState.monotonicSeconds, wall: ProfileRunState.wallSeconds)
    }

    /// A state on given clocks (tests).
    public init(monotonic: @escaping @Sendable () -> Double, wall: @escaping @Sendable () -> Double) {
        self.guarded = Mutex(Guarded(jar: ProfileRunState.makeCookieJar()))
        self.monotonic = monotonic
        self.wall = wall
    }

    // MARK: Cookies

    /// The `Cookie` header the jar would send to `url`, if any.
    func cookieHeader(for url: String) -> String? {
        let now = wall()
        return guarded.withLock { $0.jar.cookieHeader(for: url, now: now) }
    }

    /// Stores a response's `Set-Cookie` lines.
    func storeCookies(_ setCookieHeaders: [String], from url: String) {
        guard !setCookieHeaders.isEmpty else { return }
        let now = wall()
        guarded.withLock { $0.jar.store(setCookieHeaders: setCookieHeaders, requestURL: url, now: now) }
    }

    // MARK: Header effects

    /// The first hop's header effects (`HopHeaders.effects`), computed once per request shape in this run.
    func headerEffects(native: [HeaderField], displaced: [ProfileGate.Displaced], wire: [HeaderField], profile: Profile) -> [Effect] {
        guard profile.runtime != .native else { return [] }
        let key = HeaderEffectsKey(runtime: ProfileGate.runtimeName(profile), native: native, displaced: displaced, wire: wire)
        if let cached = guarded.withLock({ $0.headerEffects.effects(for: key) }) { return cached }
        let effects = HopHeaders.effects(native: native, displaced: displaced, wire: wire, profile: profile)
        guarded.withLock { $0.headerEffects.store(effects, for: key) }
        return effects
    }

    /// `WebURL(text)`, parsed once per distinct text in this run.
    func webURL(_ text: String) -> WebURL? {
        if let cached = guarded.withLock({ $0.urls.lookup(text) }) { return cached }
        let parsed = WebURL(text)
        guarded.withLock { $0.urls.store(parsed, for: text) }
        return parsed
    }

    // MARK: Preflight cache

    /// The cached preflight result that already allows this request, if one is fresh.
    func cachedPreflight(_ key: PreflightCacheKey, method: String, unsafeHeaderNames: [String], profile: Profile) -> PreflightCacheEntry? {
        let now = monotonic()
        return guarded.withLock { state -> PreflightCacheEntry? in
            guard let entry = state.preflights[key] else { return nil }
            guard entry.expires > now else {
                state.preflights[key] = nil
                return nil
            }
            return entry.allows(method: method, unsafeHeaderNames: unsafeHeaderNames, credentialed: key.credentials == .include, profile: profile) ? entry : nil
        }
    }

    /// Remembers a passed preflight for `maxAge` seconds (nothing when 0).
    func storePreflight(_ key: PreflightCacheKey, methods: [String], headers: [String], maxAge: Double) {
        guard maxAge > 0 else { return }
        let expires = monotonic() + maxAge
        guarded.withLock { $0.preflights[key] = PreflightCacheEntry(methods: methods, headers: headers, expires: expires) }
    }

    /// Entries currently cached (tests and diagnostics).
    var preflightCacheCount: Int { guarded.withLock { $0.preflights.count } }

    // MARK: Real clocks

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func wallSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// What a preflight result is cached under: the page origin, the URL and the credentials mode (Chromium's key).
/// Methods and headers are checked against the entry, so a later request with other needs preflights again.
struct PreflightCacheKey: Hashable {
    var origin: String
    var url: String
    var credentials: CredentialsMode
}

/// A passed preflight: what it allowed and until when (monotonic seconds).
struct PreflightCacheEntry: Equatable {
    var methods: [String]
    /// Lower-cased names.
    var headers: [String]
    var expires: Double

    func allows(method: String, unsafeHeaderNames: [String], credentialed: Bool, profile: Profile) -> Bool {
        let methodOK = CORSCheck.simpleMethods.contains(method) || methods.contains(method) || (!credentialed && methods.contains("*"))
        guard methodOK else { return false }
        let wildcard = !credentialed && headers.contains("*")
        return unsafeHeaderNames.allSatisfy { name in
            headers.contains(name) || (wildcard && (name != "authorization" || profile.wildcardCoversAuthorization))
        }
    }
}
