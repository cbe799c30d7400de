import Dispatch

/// How a run ended, as the runner saw it.
public struct RunOutcome: Sendable {
    public var counts: RunCounts
    public var status: RunStatus
}

/// Runs a plan: requests in collection order (or `jobs` at a time, respecting capture dependencies),
/// results delivered in collection order on the calling thread.
public final class Runner: Sendable {
    public let plan: RunPlan
    private let cancellation: CancellationFlag
    private let graph: DependencyGraph
    private let baseScope: VariableScope
    private let redactor: Redactor

    public init(plan: RunPlan, cancellation: CancellationFlag) throws(InputError) {
        self.plan = plan
        self.cancellation = cancellation
        self.graph = DependencyGraph(requests: plan.collection.requests)
        self.baseScope = try VariableScope(
            collection: plan.collection, environmentName: plan.environmentName,
            builtins: plan.builtinVariables.mapValues(JSONValue.string), overrides: plan.overrides.mapValues(JSONValue.string))
        let environment = plan.collection.environments.first { $0.name == plan.environmentName }
        self.redactor = Runner.makeRedactor(plan: plan, environment: environment, scope: baseScope)
    }

    static func makeRedactor(plan: RunPlan, environment: Environment?, scope: VariableScope) -> Redactor {
        var sensitive = Redactor.defaultSensitiveHeaders.union(plan.redaction.extraHeaders.map { $0.lowercased() })
        sensitive.subtract(plan.redaction.revealedHeaders.map { $0.lowercased() })
        var redactor = Redactor(sensitiveHeaders: sensitive)
        let secretVariables = plan.collection.variables.filter(\.secret) + (environment?.variables.filter(\.secret) ?? [])
        var names = Set(secretVariables.map(\.name)).union(plan.collection.secretNames).union(plan.redaction.secretVariables)
        names.formUnion(plan.overrides.keys.filter(Redactor.isSecretName))
        for name in names {
            if let value = try? TemplateResolver.value(of: name, scope: scope, environment: plan.processEnvironment) {
                redactor.add(value: value.templateText, name: name)
            }
        }
        return redactor
    }

    /// Which requests this run executes (all, or a shard's share plus its dependencies).
    public var selection: [Bool] {
        let count = plan.collection.requests.count
        guard let shard = plan.shard else { return Array(repeating: true, count: count) }
        return graph.selection(for: shard, count: count)
    }

    /// Runs the plan; `onResult` is called on the calling thread, in collection order, with redacted results.
    public func run(onResult: (RequestResult) -> Void) -> RunOutcome {
        CurlTransport.globalInit()
        let state = ProfileRunState()
        let runner = RequestRunner(plan: plan, state: state)
        let selected = selection
        // One lane still runs on a thread of its own when a second CPU is online: the calling thread redacts,
        // stores and prints each result while the lane sends the next request (the results' order, captures
        // and --bail are the same as in the plain loop).
        if plan.jobs <= 1 && BodyHasher.cpuCount() < 2 {
            return runSequential(runner: runner, selected: selected, onResult: onResult)
        }
        return runParallel(runner: runner, selected: selected, onResult: onResult)
    }

    /// The scope request `index` sees: for each captured name, the value of the latest earlier request that captured it.
    private func scope(for index: Int, captures: [String: [CapturedValue]]) -> VariableScope {
        var scope = baseScope
        for (name, values) in captures {
            // Values are in collection order; the one wanted is usually the last.
            if let latest = values.last(where: { $0.index < index }) {
                scope.setCapture(name, latest.value, secret: latest.secret)
            }
        }
        return scope
    }

    private func runSequential(runner: RequestRunner, selected: [Bool], onResult: (RequestResult) -> Void) -> RunOutcome {
        let transport = CurlTransport(cancellation: cancellation)
        var counts = RunCounts()
        var scope = baseScope
        var bailed = false
        var redactor = self.redactor
        for index in plan.collection.requests.indices where selected[index] {
            if cancellation.isCancelled { return RunOutcome(counts: counts, status: .interrupted) }
            let result: RequestResult
            if bailed {
                result = runner.skipped(index, reason: "skipped after an earlier failure (--bail)")
            } else {
                let (r, captured) = runner.run(index, scope: scope, sender: transport)
                for (name, value) in captured {
                    scope.setCapture(name, value, secret: isSecretCapture(index: index, name: name))
                    if isSecretCapture(index: index, name: name) { redactor.add(value: value.templateText, name: name) }
                }
                result = r
            }
            if cancellation.isCancelled, result.error?.kind == .interrupted {
                return RunOutcome(counts: counts, status: .interrupted)
            }
            counts.add(result.outcome)
            onResult(redactor.redact(result))
            if plan.bail, result.outcome == .failed || result.outcome == .errored { bailed = true }
        }
        return RunOutcome(counts: counts, status: .completed)
    }

    private func isSecretCapture(index: Int, name: String) -> Bool {
        plan.collection.requests[index].captures.contains { $0.name == name && $0.secret }
            || plan.collection.secretNames.contains(name) || plan.redaction.secretVariables.contains(name)
            || Redactor.isSecretName(name)
    }

    /// A value request `index` captured.
    private struct CapturedValue {
        var index: Int
        var value: JSONValue
        var secret: Bool
    }

    /// Scheduler state shared by the lanes.
    private struct Schedule {
        /// Requests in collection order; `taken` marks those a lane has started, `head` skips the taken prefix.
        var pending: [Int]
        var taken: [Bool]
        var head = 0
        var running = Set<Int>()
        var done: [Int: RequestResult] = [:]
        var finished = Set<Int>()
        /// Captured values by name, each list in collection order (lanes finish out of order).
        var captures: [String: [CapturedValue]] = [:]
        var secretValues: [(value: String, name: String)] = []
        var bailed = false
        var lanesLeft: Int
        /// The request whose result the delivering thread needs next.
        var wanted = -1
    }

    /// Results ready in order before a lane wakes the delivering thread, which otherwise looks every
    /// `deliveryPollMilliseconds`: one wake-up per batch instead of one per result. The last lane to finish
    /// always wakes it, so a run's end is not delayed.
    private static let deliveryBatch = 32
    private static let deliveryPollMilliseconds = 2

    private func runParallel(runner: RequestRunner, selected: [Bool], onResult: (RequestResult) -> Void) -> RunOutcome {
        let order = plan.collection.requests.indices.filter { selected[$0] }
        let lanes = min(plan.jobs, max(1, order.count))
        let schedule = Guarded(Schedule(pending: order, taken: Array(repeating: false, count: order.count), lanesLeft: lanes))
        let graph = self.graph
        let bail = plan.bail

        for lane in 0..<lanes {
            // One serial queue per lane: each gets a thread of its own. The global concurrent queue runs at most
            // one block per core, so lanes blocked in `curl_multi_poll` would leave `--jobs 8` with two lanes.
            DispatchQueue(label: "workbench.lane.\(lane)").async { [self] in
                let transport = CurlTransport(cancellation: cancellation)
                while true {
                    // Take the first pending request whose dependencies have finished.
                    let next: (Int, VariableScope, Bool)? = schedule.wait { s in
                        while s.head < s.pending.count, s.taken[s.head] { s.head += 1 }
                        if s.head == s.pending.count || self.cancellation.isCancelled { return .some(nil) }
                        for position in s.head..<s.pending.count where !s.taken[position] {
                            let index = s.pending[position]
                            guard graph.dependencies[index].allSatisfy({ s.finished.contains($0) || !selected[$0] }) else { continue }
                            s.taken[position] = true
                            s.running.insert(index)
                            return .some((index, self.scope(for: index, captures: s.captures), s.bailed))
                        }
                        return nil
                    }
                    guard let (index, scope, bailed) = next else { break }
                    let result: RequestResult
                    var captured: [(String, JSONValue)] = []
                    if bailed {
                        result = runner.skipped(index, reason: "skipped after an earlier failure (--bail)")
                    } else {
                        (result, captured) = runner.run(index, scope: scope, sender: transport)
                    }
                    schedule.publish { s -> ((), wake: Bool) in
                        for (name, value) in captured {
                            let secret = self.isSecretCapture(index: index, name: name)
                            var values = s.captures.removeValue(forKey: name) ?? []
                            let position = values.lastIndex { $0.index <= index }.map { $0 + 1 } ?? 0
                            values.insert(CapturedValue(index: index, value: value, secret: secret), at: position)
                            s.captures[name] = values
                            if secret { s.secretValues.append((value.templateText, name)) }
                        }
                        s.running.remove(index)
                        s.finished.insert(index)
                        s.done[index] = result
                        if bail, result.outcome == .failed || result.outcome == .errored { s.bailed = true }
                        // The delivering thread polls; wake it only once a batch is ready for it.
                        return ((), wake: s.done.count >= Self.deliveryBatch && s.done[s.wanted] != nil)
                    }
                }
                schedule.update { $0.lanesLeft -= 1 }
            }
        }

        var counts = RunCounts()
        var redactor = self.redactor
        var secretsSeen = 0
        var interrupted = false
        var next = 0
        // Each wait takes every result that is ready in collection order, with the secrets captured so far, so a
        // calling thread that falls behind the lanes catches up in batches instead of locking once per result.
        delivery: while next < order.count {
            let batch: (results: [RequestResult], secrets: [(value: String, name: String)])? = schedule.wait(
                pollingEvery: Self.deliveryPollMilliseconds) { s in
                var ready: [RequestResult] = []
                while next + ready.count < order.count, let r = s.done.removeValue(forKey: order[next + ready.count]) {
                    ready.append(r)
                }
                if ready.isEmpty {
                    s.wanted = order[next]
                    return s.lanesLeft == 0 ? .some(nil) : nil
                }
                if next + ready.count < order.count { s.wanted = order[next + ready.count] }
                return .some((ready, secretsSeen < s.secretValues.count ? Array(s.secretValues[secretsSeen...]) : []))
            }
            guard let batch else { interrupted = true; break }
            next += batch.results.count
            secretsSeen += batch.secrets.count
            for secret in batch.secrets { redactor.add(value: secret.value, name: secret.name) }
            for result in batch.results {
                if cancellation.isCancelled, result.error?.kind == .interrupted { interrupted = true; break delivery }
                counts.add(result.outcome)
                onResult(redactor.redact(result))
            }
        }
        // Let the lanes finish before returning, so no transfer outlives the run.
        schedule.wait { s in s.lanesLeft == 0 ? () : nil }
        return RunOutcome(counts: counts, status: interrupted || cancellation.isCancelled ? .interrupted : .completed)
    }
}
