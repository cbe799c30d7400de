/// Runs one request of a plan: resolve templates, execute under the profile, evaluate assertions and captures,
/// decide the outcome. Pure of storage and terminal concerns.
struct RequestRunner: Sendable {
    let plan: RunPlan
    let collectionDirectory: String
    let executionSettings: ExecutionSettings
    let state: ProfileRunState

    init(plan: RunPlan, state: ProfileRunState) {
        self.plan = plan
        self.state = state
        self.collectionDirectory = RequestRunner.directory(of: plan.collection.sourcePath)
        self.executionSettings = ExecutionSettings(
            profile: plan.profile, settings: plan.settings, bodyCaptureLimit: plan.bodyCaptureLimit,
            maxBodyBytes: plan.maxBodyBytes, mainThreadSafetyLimit: plan.mainThreadSafetyLimit)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// A result for a request that is not sent.
    func skipped(_ index: Int, reason: String) -> RequestResult {
        let request = plan.collection.requests[index]
        return RequestResult(
            index: index, requestID: request.id, name: request.name, groupPath: request.groupPath,
            method: request.method.raw, url: request.url.raw, outcome: .skipped, expectationNote: reason,
            startedAt: Clock.now(), durationMicros: 0)
    }

    /// Runs request `index` with `scope`; returns the result and the captured values (real, unredacted).
    func run(_ index: Int, scope: VariableScope, sender: HopSender) -> (RequestResult, [(String, JSONValue)]) {
        let request = plan.collection.requests[index]
        if request.skip { return (skipped(index, reason: "skip: true in the collection"), []) }
        let started = Clock.now()
        let spec: RequestSpec
        do {
            spec = try RequestResolver.resolve(
                request, scope: scope, collectionDirectory: collectionDirectory,
                environment: plan.processEnvironment, allowedPaths: plan.allowedPaths)
        } catch {
            let failure = TransportError(kind: .invalidRequest, message: error.description)
            let result = RequestResult(
                index: index, requestID: request.id, name: request.name, groupPath: request.groupPath,
                method: request.method.raw, url: request.url.raw, error: failure, outcome: .errored,
                expectationNote: "not sent: \(error.message)", startedAt: started, durationMicros: 0)
            return (result, [])
        }

        let execution = RequestExecutor.execute(spec, settings: executionSettings, state: state, sender: sender)

        var parsedBody: JSONValue?
        var bodyParseAttempted = false
        func body() -> JSONValue? {
            if !bodyParseAttempted, let observed = execution.observed {
                bodyParseAttempted = true
                parsedBody = try? JSONParser.parse(observed.body)
            }
            return parsedBody
        }
        let needsJSON = request.assertions.contains { if case .jsonPath = $0.subject { return true } else { return false } }
            || request.captures.contains { if case .jsonPath = $0.source { return true } else { return false } }

        var assertionResults: [AssertionResult] = []
        var captureResults: [CaptureResult] = []
        var captured: [(String, JSONValue)] = []
        if let observed = execution.observed {
            let parsed = needsJSON ? body() : nil
            for assertion in request.assertions {
                assertionResults.append(AssertionEvaluator.evaluate(
                    assertion, response: observed, parsedBody: parsed, bodyIsJSONChecked: needsJSON,
                    durationMicros: execution.durationMicros))
            }
            for capture in request.captures {
                let result = CaptureEvaluator.capture(capture, response: observed, parsedBody: parsed)
                captureResults.append(result)
                if let value = result.value, result.error == nil { captured.append((capture.name, value)) }
            }
        } else {
            for capture in request.captures {
                captureResults.append(CaptureResult(name: capture.name, value: nil, secret: capture.secret,
                                                    error: "no response to capture from"))
            }
        }
        let assertionsPassed = assertionResults.allSatisfy(\.passed)

        var outcome: Outcome
        var note: String?
        if let expected = Expectations.applicable(request.expectations, profile: plan.profile) {
            if let mismatch = Expectations.mismatch(expected, execution: execution, assertionsPassed: assertionsPassed) {
                outcome = .failed
                note = mismatch
            } else {
                outcome = .passed
                note = "met the declared expectation for \(plan.profile.name): \(Expectations.outcomeCode(execution))"
            }
        } else if execution.observed == nil {
            outcome = .errored
        } else {
            outcome = assertionsPassed ? .passed : .failed
        }
        if outcome == .passed, captureResults.contains(where: { $0.error != nil }), execution.observed != nil {
            outcome = .failed
            note = note ?? "a capture found nothing"
        }

        let result = RequestResult(
            index: index, requestID: request.id, name: request.name, groupPath: request.groupPath,
            method: spec.method, url: spec.url, exchanges: execution.exchanges, observed: execution.observed,
            pythonError: execution.pythonError, error: execution.error, effects: execution.effects,
            assertions: assertionResults, captures: captureResults, outcome: outcome, expectationNote: note,
            startedAt: execution.startedAt, durationMicros: execution.durationMicros)
        return (result, captured)
    }
}
