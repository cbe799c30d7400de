import Engine
import Store

/// The stable JSON form of a diff, as `workbench diff --output json` prints it (docs/history-and-diff.md).
extension RunDiff {
    /// `{"equal", "a", "b", "summary", "ignored", "requests"}`; equal requests are listed with no changes.
    public func json(a: RunSummary, b: RunSummary, rules: DiffRules) -> JSONValue {
        var o = JSONObject()
        o["equal"] = .bool(isEqual)
        o["a"] = Self.side(a)
        o["b"] = Self.side(b)
        var summary = JSONObject()
        summary["changed"] = .number(Double(changedCount))
        summary["equal"] = .number(Double(equalCount))
        summary["onlyInA"] = .number(Double(onlyInACount))
        summary["onlyInB"] = .number(Double(onlyInBCount))
        o["summary"] = .object(summary)
        var ignored = JSONObject()
        ignored["headers"] = .array(rules.ignoredHeaderList.map(JSONValue.string))
        ignored["paths"] = .array(rules.ignoredPaths.map { .string($0.text) })
        ignored["timingThreshold"] = rules.timingThreshold.map(JSONValue.number) ?? .null
        o["ignored"] = .object(ignored)
        o["requests"] = .array(requests.map(\.json))
        return .object(o)
    }

    private static func side(_ run: RunSummary) -> JSONValue {
        var o = JSONObject()
        o["run"] = .number(Double(run.id))
        o["collection"] = .string(run.collectionName)
        o["collectionPath"] = .string(run.collectionPath)
        o["profile"] = .string(run.profile)
        o["environment"] = run.environment.map(JSONValue.string) ?? .null
        o["startedAt"] = .number(run.startedAt)
        return .object(o)
    }
}

extension RequestDiff {
    /// `{"id", "state": "changed"|"equal"|"onlyInA"|"onlyInB", "changes": [...]}`.
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(requestID)
        let state: String
        switch presence {
        case .both: state = changes.isEmpty ? "equal" : "changed"
        case .onlyInA: state = "onlyInA"
        case .onlyInB: state = "onlyInB"
        }
        o["state"] = .string(state)
        o["changes"] = .array(changes.map(\.json))
        return .object(o)
    }
}

extension Change {
    /// `{"kind": …}` plus the kind's fields (see docs/history-and-diff.md).
    public var json: JSONValue {
        var o = JSONObject()
        o["kind"] = .string(kind.rawValue)
        switch self {
        case .outcome(let from, let to):
            o["from"] = .string(from.rawValue)
            o["to"] = .string(to.rawValue)
        case .status(let from, let to):
            o["from"] = from.map { .number(Double($0)) } ?? .null
            o["to"] = to.map { .number(Double($0)) } ?? .null
        case .exception(let from, let to):
            o["from"] = Self.exception(from)
            o["to"] = Self.exception(to)
        case .effectAdded(let effect), .effectRemoved(let effect):
            o["code"] = .string(effect.code)
            o["message"] = .string(effect.message)
        case .headerAdded(let name, let value), .headerRemoved(let name, let value):
            o["name"] = .string(name)
            o["value"] = .string(value)
        case .headerChanged(let name, let from, let to):
            o["name"] = .string(name)
            o["from"] = .string(from)
            o["to"] = .string(to)
        case .bodyAdded(let path, let value), .bodyRemoved(let path, let value):
            o["path"] = .string(path.description)
            o["normalizedPath"] = .string(path.normalized)
            o["value"] = value
        case .bodyChanged(let path, let from, let to):
            o["path"] = .string(path.description)
            o["normalizedPath"] = .string(path.normalized)
            o["from"] = from
            o["to"] = to
        case .bodyText(let text):
            o["lines"] = .array(text.lines.map(JSONValue.string))
            o["omittedLines"] = .number(Double(text.omittedLines))
        case .bodyBinary(let fromSize, let toSize):
            o["fromSize"] = .number(Double(fromSize))
            o["toSize"] = .number(Double(toSize))
        case .timing(let fromMicros, let toMicros):
            o["fromMicros"] = .number(Double(fromMicros))
            o["toMicros"] = .number(Double(toMicros))
        }
        return .object(o)
    }

    private static func exception(_ error: PythonError?) -> JSONValue {
        guard let error else { return .null }
        return .object(JSONObject([("type", .string(error.type)), ("message", .string(error.message))]))
    }
}
