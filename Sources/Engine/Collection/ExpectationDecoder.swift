/// Decoding of `expect`: outcomes a request is declared to have under some profiles.
extension CollectionDecoder {
    static let outcomes = ["pass", "fail", "error", "cors-blocked", "refused", "timeout"]

    /// `{"browser": {"outcome": "cors-blocked", "exception": "httpx.ConnectError", "effects": ["cors-blocked"]}, "node-jspi,node": {"outcome": "pass"}}`
    mutating func decodeExpectations(_ node: LocatedJSON) -> [ProfileExpectation] {
        guard let object = context.object(node, "`expect`") else { return [] }
        checkDuplicateKeys(object, in: "`expect`")
        var expectations: [ProfileExpectation] = []
        for member in object.members {
            let selectors = member.key.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            for selector in selectors where !Self.isProfileSelector(selector) {
                context.fail(
                    "invalid profile selector '\(selector)' in `expect`; use comma-separated profile names or kinds (browser, node, js, *), e.g. \"browser-main,node\"",
                    at: member.keyLocation)
            }
            guard let spec = context.object(member.value, "expectation '\(member.key)'") else { continue }
            context.checkKeys(spec, allowed: ["outcome", "exception", "effects"], in: "expectation '\(member.key)'")
            var expectation = ProfileExpectation(profiles: selectors)
            if let node = spec["outcome"], let outcome = context.string(node, "`outcome`") {
                if Self.outcomes.contains(outcome) {
                    expectation.outcome = outcome
                } else {
                    context.fail("unknown outcome '\(outcome)'\(Suggestions.didYouMean(outcome, among: Self.outcomes)); outcomes: \(Self.outcomes.joined(separator: ", "))", at: node.location)
                }
            }
            if let node = spec["exception"] { expectation.exception = context.string(node, "`exception`") }
            if let node = spec["effects"], let items = context.array(node, "`effects`") {
                expectation.effects = items.compactMap { context.string($0, "each effect") }
            }
            if spec.members.isEmpty {
                context.fail("expectation '\(member.key)' is empty; give an outcome, an exception or effects", at: spec.location)
            }
            expectations.append(expectation)
        }
        return expectations
    }

    static func isProfileSelector(_ text: String) -> Bool {
        text == "*" || (!text.isEmpty && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        })
    }
}
