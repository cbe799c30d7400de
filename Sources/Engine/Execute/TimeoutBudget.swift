/// How much time each hop gets, per the profile's timeout policy (profiles.md §2, conventions.md).
struct TimeoutBudget {
    let policy: Profile.TimeoutPolicy
    let timeouts: TimeoutSettings
    /// Monotonic seconds when the call started.
    let start: Double
    /// The one limit on one clock (one-clock: the connect value; not-enforced: Workbench's safety limit;
    /// per-phase: the total, if any). `nil` = no limit.
    let limit: Double?

    init(policy: Profile.TimeoutPolicy, timeouts: TimeoutSettings, start: Double, safetyLimit: Double) {
        self.policy = policy
        self.timeouts = timeouts
        self.start = start
        switch policy {
        case .perPhase: limit = timeouts.total
        // The transport arms its abort timer only for a positive value (`if timeout > 0`).
        case .oneClock: limit = (timeouts.connect ?? 0) > 0 ? timeouts.connect : nil
        case .notEnforced: limit = safetyLimit
        }
    }

    /// Seconds left at `now`, `nil` when there is no limit.
    func remaining(at now: Double) -> Double? {
        limit.map { $0 - (now - start) }
    }

    /// The wire timeouts of the next hop, or `nil` when the budget is spent.
    func wireTimeouts(at now: Double) -> WireTimeouts? {
        let left = remaining(at: now)
        if let left, left <= 0 { return nil }
        switch policy {
        case .perPhase:
            return WireTimeouts(connect: timeouts.connect, read: timeouts.read, write: timeouts.write, total: left)
        case .oneClock, .notEnforced:
            return WireTimeouts(connect: nil, read: nil, write: nil, total: left)
        }
    }
}
