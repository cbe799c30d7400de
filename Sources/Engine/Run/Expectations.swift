/// Matches a collection's declared per-profile outcomes (`expect`) against what happened.
enum Expectations {
    /// The declaration that applies to `profile`, the most specific first: its name, then its kind
    /// (`browser`, `node`, `native`), then `js` (any JavaScript profile), then `*`.
    static func applicable(_ list: [ProfileExpectation], profile: Profile) -> ProfileExpectation? {
        let kind = profile.runtime.rawValue
        let selectors: [String] = [profile.name, profile.extends ?? "", kind] + (profile.runtime == .native ? [] : ["js"]) + ["*"]
        for selector in selectors where !selector.isEmpty {
            if let match = list.first(where: { $0.profiles.contains(selector) }) { return match }
        }
        return nil
    }

    /// The outcome code of an execution, in the vocabulary of `expect.outcome`.
    static func outcomeCode(_ execution: RequestExecution) -> String {
        if execution.observed != nil { return "pass" }
        let codes = Set(execution.effects.map(\.code))
        if codes.contains("cors-blocked") { return "cors-blocked" }
        if let kind = execution.error?.kind, [.connectTimeout, .readTimeout, .writeTimeout, .totalTimeout].contains(kind) {
            return "timeout"
        }
        if execution.sentNothing { return "refused" }
        return "error"
    }

    /// Why the declared expectation was not met, or `nil` when it was. `assertionsPassed` matters only for `pass`.
    static func mismatch(_ expected: ProfileExpectation, execution: RequestExecution, assertionsPassed: Bool) -> String? {
        let actual = outcomeCode(execution)
        if let outcome = expected.outcome {
            let accepted: Bool
            switch outcome {
            case "error": accepted = actual != "pass"
            default: accepted = outcome == actual
            }
            if !accepted {
                let detail = execution.pythonError.map { " (\($0.type): \($0.message))" } ?? ""
                return "expected outcome \(outcome), got \(actual)\(detail)"
            }
            if outcome == "pass", !assertionsPassed { return "expected outcome pass, but assertions failed" }
        }
        if let exception = expected.exception {
            let seen = execution.pythonError?.type ?? "no exception"
            if seen != exception, seen != "httpx.\(exception)" { return "expected \(exception), Python would see \(seen)" }
        }
        let codes = Set(execution.effects.map(\.code))
        let missing = expected.effects.filter { !codes.contains($0) }
        if !missing.isEmpty { return "expected effect(s) \(missing.joined(separator: ", ")) did not occur" }
        return nil
    }
}
