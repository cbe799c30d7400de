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
        if plan.jobs <= 1 {
            return runSequential(runner: runner, selected: selected, onResult: onResult)
        }
        return runParallel(runner: runner, selected: selected, onResult: onResult)
    }

    private func scope(for index: Int, captures: [(index: Int, name: String, value: JSONValue)]) -> VariableScope {
        var scope = baseScope
        for capture in captures where capture.index < index { scope.setCapture(capture.name, capture.value) }
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

    /// Scheduler state shared by the lanes.
    private struct Schedule {
        var pending: [Int]
        var running = Set<Int>()
        var done: [Int: RequestResult] = [:]
        var finished = Set<Int>()
        var captures: [(index: Int, name: String, value: JSONValue)] = []
        var secretValues: [(value: String, name: String)] = []
        var bailed = false
        var lanesLeft: Int
    }

    private func runParallel(runner: RequestRunner, selected: [Bool], onResult: (RequestResult) -> Void) -> RunOutcome {
        let order = plan.collection.requests.indices.filter { selected[$0] }
        let lanes = min(plan.jobs, max(1, order.count))
        let schedule = Guarded(Schedule(pending: order, lanesLeft: lanes))
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
                        if s.pending.isEmpty || self.cancellation.isCancelled { return .some(nil) }
                        for (position, index) in s.pending.enumerated()
                        where graph.dependencies[index].allSatisfy({ s.finished.contains($0) || !selected[$0] }) {
                            s.pending.remove(at: position)
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
                    schedule.update { s in
                        for (name, value) in captured {
                            s.captures.append((index, name, value))
                            if self.isSecretCapture(index: index, name: name) { s.secretValues.append((value.templateText, name)) }
                        }
                        s.captures.sort { $0.index < $1.index }
                        s.running.remove(index)
                        s.finished.insert(index)
                        s.done[index] = result
                        if bail, result.outcome == .failed || result.outcome == .errored { s.bailed = true }
                    }
                }
                schedule.update { $0.lanesLeft -= 1 }
            }
        }

        var counts = RunCounts()
        var redactor = self.redactor
        var interrupted = false
        for index in order {
            let result: RequestResult? = schedule.wait { s in
                if let r = s.done.removeValue(forKey: index) { return .some(r) }
                if s.lanesLeft == 0 { return .some(nil) }
                return nil
            }
            guard let result else { interrupted = true; break }
            if cancellation.isCancelled, result.error?.kind == .interrupted { interrupted = true; break }
            let secrets = schedule.update { s in s.secretValues }
            for secret in secrets { redactor.add(value: secret.value, name: secret.name) }
            counts.add(result.outcome)
            onResult(redactor.redact(result))
        }
        // Let the lanes finish before returning, so no transfer outlives the run.
        schedule.wait { s in s.lanesLeft == 0 ? () : nil }
        return RunOutcome(counts: counts, status: interrupted || cancellation.isCancelled ? .interrupted : .completed)
    }
}
