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

    /// The assertion with templates in its expected values resolved.
    func resolveOperands(_ assertion: Assertion, scope: VariableScope) -> Result<Assertion, InputError> {
        func hasTemplate(_ v: JSONValue) -> Bool {
            switch v {
            case .string(let s): return s.contains("{{")
            case .array(let items): return items.contains(where: hasTemplate)
            default: return false
            }
        }
        func resolve(_ predicate: Predicate) throws(InputError) -> Predicate {
            var checks: [PredicateCheck] = []
            for check in predicate.checks {
                var c = check
                if hasTemplate(c.expected) {
                    c.expected = try TemplateResolver.resolveJSON(c.expected, scope: scope, environment: plan.processEnvironment)
                }
                if let nested = c.nested { c.nested = try resolve(nested) }
                checks.append(c)
            }
            return Predicate(checks)
        }
        guard assertion.predicate.checks.contains(where: { hasTemplate($0.expected) || $0.nested != nil }) else { return .success(assertion) }
        do {
            var a = assertion
            a.predicate = try resolve(assertion.predicate)
            return .success(a)
        } catch {
            return .failure(error)
        }
    }

    /// Capture names request `index` uses that earlier requests should have produced but did not, as text.
    func missingCaptures(_ index: Int, scope: VariableScope) -> String? {
        let requests = plan.collection.requests
        let produced = Set(requests[..<index].flatMap { $0.captures.map(\.name) })
        let defined = scope.definedNames
        let missing = DependencyGraph.variableNames(in: requests[index]).filter { produced.contains($0) && !defined.contains($0) }
        guard !missing.isEmpty else { return nil }
        return missing.sorted().map { "{{\($0)}}" }.joined(separator: ", ")
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
            if let missing = missingCaptures(index, scope: scope) {
                return (skipped(index, reason: "not sent: it uses \(missing), which an earlier request did not capture"), [])
            }
            let failure = TransportError(kind: .invalidRequest, message: error.description)
            let result = RequestResult(
                index: index, requestID: request.id, name: request.name, groupPath: request.groupPath,
                method: request.method.raw, url: request.url.raw, error: failure, outcome: .errored,
                expectationNote: "not sent: \(error.message)", startedAt: started, durationMicros: 0)
            return (result, [])
        }

        let execution = RequestExecutor.execute(spec, settings: executionSettings, state: state, sender: sender)

        let needsJSON = request.assertions.contains { if case .jsonPath = $0.subject { return true } else { return false } }
            || request.captures.contains { if case .jsonPath = $0.source { return true } else { return false } }

        var assertionResults: [AssertionResult] = []
        var captureResults: [CaptureResult] = []
        var captured: [(String, JSONValue)] = []
        if let observed = execution.observed {
            // Parse the body once per response; every JSONPath assertion and capture shares the result.
            let bodyJSON: Result<JSONValue, InputError> = needsJSON ? AssertionEvaluator.parseBody(observed) : .failure(InputError("not parsed"))
            let parsed = try? bodyJSON.get()
            for capture in request.captures {
                let result = CaptureEvaluator.capture(capture, response: observed, parsedBody: parsed)
                captureResults.append(result)
                if let value = result.value, result.error == nil { captured.append((capture.name, value)) }
            }
            // Assertion operands may use templates, including this request's own captures (as in Hurl).
            var assertionScope = scope
            for (name, value) in captured { assertionScope.setCapture(name, value) }
            for assertion in request.assertions {
                switch resolveOperands(assertion, scope: assertionScope) {
                case .success(let resolved):
                    assertionResults.append(AssertionEvaluator.evaluate(
                        resolved, response: observed, bodyJSON: bodyJSON, durationMicros: execution.durationMicros))
                case .failure(let error):
                    assertionResults.append(AssertionResult(
                        description: "assertion at \(assertion.location?.description ?? request.location.description)",
                        passed: false, expected: "a resolvable value", actual: "<unresolved>", message: error.message))
                }
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
                note = "met the declared expectation for \(plan.profile.name): \(Expectations.outcomeCode(execution, assertionsPassed: assertionsPassed))"
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
