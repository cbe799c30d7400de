import Engine

/// The differences between two runs, request by request (matched by request id: group path plus name).
///
/// A pure value: build it with `RunDiffer.diff(_:_:rules:)` from two lists of `RequestResult`s.
public struct RunDiff: Sendable, Hashable {
    /// Every request of either run: A's order first, then the requests only B has, in B's order.
    public var requests: [RequestDiff]

    public init(requests: [RequestDiff]) {
        self.requests = requests
    }

    /// Matched requests with at least one change (after ignores).
    public var changedCount: Int { requests.count { $0.presence == .both && !$0.changes.isEmpty } }
    /// Matched requests with no change (after ignores).
    public var equalCount: Int { requests.count { $0.presence == .both && $0.changes.isEmpty } }
    public var onlyInACount: Int { requests.count { $0.presence == .onlyInA } }
    public var onlyInBCount: Int { requests.count { $0.presence == .onlyInB } }

    /// True when both runs hold the same requests and none of them changed.
    public var isEqual: Bool { requests.allSatisfy(\.isEqual) }
}

/// Whether a request was in run A, run B or both.
public enum Presence: String, Sendable, Hashable {
    case both
    case onlyInA
    case onlyInB
}

/// One request's differences between run A and run B.
public struct RequestDiff: Sendable, Hashable {
    /// Group path plus name (`users/create`).
    public var requestID: String
    public var presence: Presence
    /// What changed from A to B (empty for requests present in one run only).
    public var changes: [Change]

    public init(requestID: String, presence: Presence, changes: [Change] = []) {
        self.requestID = requestID
        self.presence = presence
        self.changes = changes
    }

    /// True for a request present in both runs with no change.
    public var isEqual: Bool { presence == .both && changes.isEmpty }
}

/// One difference of one request between run A and run B.
public enum Change: Sendable, Hashable {
    /// The verdict changed (`passed → failed`).
    case outcome(from: Outcome, to: Outcome)
    /// The status Python saw changed; `nil` when it got no response.
    case status(from: Int?, to: Int?)
    /// The exception Python got changed (type or message); `nil` when it got none.
    case exception(from: PythonError?, to: PythonError?)
    /// A profile effect B has and A has not (matched by code and message).
    case effectAdded(Effect)
    /// A profile effect A has and B has not.
    case effectRemoved(Effect)
    /// A response header (as Python saw it) only B has; repeated headers are joined with `, `.
    case headerAdded(name: String, value: String)
    /// A response header only A has.
    case headerRemoved(name: String, value: String)
    /// A response header both have, with different values.
    case headerChanged(name: String, from: String, to: String)
    /// A JSON member or array element only B's body has.
    case bodyAdded(path: BodyPath, value: JSONValue)
    /// A JSON member or array element only A's body has.
    case bodyRemoved(path: BodyPath, value: JSONValue)
    /// A JSON value that differs (a scalar, or a value whose type changed).
    case bodyChanged(path: BodyPath, from: JSONValue, to: JSONValue)
    /// The bodies are not both JSON and differ as text: a unified diff of their lines.
    case bodyText(TextDiff)
    /// The bodies differ and at least one is not UTF-8 text.
    case bodyBinary(fromSize: Int64, toSize: Int64)
    /// The whole request's duration changed by more than the threshold.
    case timing(fromMicros: Int64, toMicros: Int64)

    /// A stable name for the kind of change, as `--output json` writes it.
    public var kind: ChangeKind {
        switch self {
        case .outcome: return .outcome
        case .status: return .status
        case .exception: return .exception
        case .effectAdded: return .effectAdded
        case .effectRemoved: return .effectRemoved
        case .headerAdded: return .headerAdded
        case .headerRemoved: return .headerRemoved
        case .headerChanged: return .headerChanged
        case .bodyAdded: return .bodyAdded
        case .bodyRemoved: return .bodyRemoved
        case .bodyChanged: return .bodyChanged
        case .bodyText: return .bodyText
        case .bodyBinary: return .bodyBinary
        case .timing: return .timing
        }
    }
}

/// The kinds of `Change`, with the stable names `--output json` uses.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable {
    case outcome
    case status
    case exception
    case effectAdded = "effect-added"
    case effectRemoved = "effect-removed"
    case headerAdded = "header-added"
    case headerRemoved = "header-removed"
    case headerChanged = "header-changed"
    case bodyAdded = "body-added"
    case bodyRemoved = "body-removed"
    case bodyChanged = "body-changed"
    case bodyText = "body-text"
    case bodyBinary = "body-binary"
    case timing
}
