/// Matches a collection's declared per-profile outcomes (`expect`) against what happened.
enum Expectations {
    /// The declaration that applies to `profile`. Selectors, most specific first: the profile's name; for a custom
    /// profile, the built-in it extends; `browser` (every browser profile); `js` (every JavaScript profile);
    /// `native`; `*`. For each selector a request's own declarations are looked at before those inherited from
    /// defaults, so a specific default (`node`) beats a request's catch-all (`*`).
    static func applicable(_ list: [ProfileExpectation], profile: Profile) -> ProfileExpectation? {
        guard !list.isEmpty else { return nil }
        var selectors = [profile.name]
        if ProfileCatalog.named(profile.name) == nil, let base = profile.extends { selectors.append(base) }
        switch profile.runtime {
        case .browser: selectors += ["browser", "js"]
        case .node: selectors += ["js"]
        case .native: selectors += ["native"]
        }
        selectors.append("*")
        let own = list.filter { !$0.inherited }
        let inherited = list.filter(\.inherited)
        for selector in selectors {
            if let match = own.first(where: { $0.profiles.contains(selector) }) { return match }
            if let match = inherited.first(where: { $0.profiles.contains(selector) }) { return match }
        }
        return nil
    }

    /// The outcome code of an execution, in the vocabulary of `expect.outcome`.
    static func outcomeCode(_ execution: RequestExecution, assertionsPassed: Bool = true) -> String {
        if execution.observed != nil { return assertionsPassed ? "pass" : "fail" }
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
        let actual = outcomeCode(execution, assertionsPassed: assertionsPassed)
        if let outcome = expected.outcome {
            let accepted: Bool
            switch outcome {
            case "error": accepted = execution.observed == nil
            default: accepted = outcome == actual
            }
            if !accepted {
                let detail = execution.pythonError.map { " (\($0.type): \($0.message))" } ?? ""
                return "expected outcome \(outcome), got \(actual)\(detail)"
            }
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
